import type { NextAuthOptions } from 'next-auth';
import type { Provider } from 'next-auth/providers/index';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import { GuestJoinSchema, SignInSchema } from '../contracts/auth';
import { joinAsGuest, upsertOAuthUser, verifyCredentials } from '../services/accounts';
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
    session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'E-mail and password',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(raw) {
          const parsed = SignInSchema.safeParse(raw);
          if (!parsed.success) return null;
          return verifyCredentials(parsed.data.email, parsed.data.password);
        },
      }),
      CredentialsProvider({
        id: 'guest',
        name: 'Event code',
        credentials: { code: { type: 'text' }, name: { type: 'text' } },
        async authorize(raw) {
          const parsed = GuestJoinSchema.safeParse(raw);
          if (!parsed.success) return null;
          try {
            const guest = await joinAsGuest(parsed.data);
            return { id: guest.id, name: guest.name, email: null };
          } catch {
            return null;
          }
        },
      }),
      ...oauthProviders(),
    ],
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
        } else if (user) {
          token.sub = user.id;
          token.name = user.name;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
  };
}
