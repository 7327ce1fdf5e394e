import type { NextAuthOptions } from 'next-auth';
import type { Provider } from 'next-auth/providers/index';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import { upsertOAuthUser } from '../services/accounts';
import { endSession, SessionEndedError, SESSION_MAX_AGE_SECONDS, startSession, tokenUser } from './sessions';
import { env } from '../env';

/** OAuth/OIDC providers are off unless their env vars are set (see README). */
function oauthProviders(): Provider[] {
  const e = env();
  const providers: Provider[] = [];
  if (e.GITHUB_ID && e.GITHUB_SECRET) providers.push(GitHubProvider({ clientId: e.GITHUB_ID, clientSecret: e.GITHUB_SECRET }));
  if (e.GOOGLE_ID && e.GOOGLE_SECRET) providers.push(GoogleProvider({ clientId: e.GOOGLE_ID, clientSecret: e.GOOGLE_SECRET }));
  if (e.OIDC_ISSUER && e.OIDC_ID && e.OIDC_SECRET) {
    providers.push({
      id: 'oidc',
      name: e.OIDC_NAME ?? 'Single sign-on',
      type: 'oauth',
      wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: e.OIDC_ID,
      clientSecret: e.OIDC_SECRET,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      profile: (p: { sub: string; name?: string; email?: string; picture?: string }) => ({
        id: p.sub,
        name: p.name ?? p.email ?? null,
        email: p.email ?? null,
        image: p.picture ?? null,
      }),
    });
  }
  return providers;
}

export const oauthProviderIds = () => oauthProviders().map((p) => ({ id: p.id, name: p.name }));

export function authOptions(): NextAuthOptions {
  return {
    // The secret is resolved by the server at start-up (env or generated file).
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin', error: '/signin' },
    // E-mail + password and the event code are not next-auth providers: server actions verify them under
    // throttling and set the session cookie (app/signin, app/join), so they also work without JavaScript.
    providers: oauthProviders(),
    logger: {
      error(code, metadata) {
        // A revoked session is expected, not an error: next-auth answers "no session" and clears the cookie.
        // next-auth hands the error over as { name, message, stack }.
        if (code === 'JWT_SESSION_ERROR' && (metadata as { name?: unknown } | undefined)?.name === 'SessionEndedError') return;
        console.error(`[next-auth] ${code}`, metadata);
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === 'string') await endSession(token.sid);
      },
    },
    callbacks: {
      async jwt({ token, user, account }) {
        if (account && account.type === 'oauth' && user) {
          const linked = await upsertOAuthUser({
            provider: account.provider,
            providerAccountId: account.providerAccountId,
            type: account.type,
            email: user.email ?? null,
            name: user.name ?? null,
            image: user.image ?? null,
          });
          token.sub = linked.id;
          token.name = linked.name;
          token.sid = await startSession(linked.id);
          return token;
        }
        // Every request that reads the session checks that it is still signed in.
        const current = await tokenUser(token);
        if (!current) throw new SessionEndedError();
        token.name = current.name;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}
