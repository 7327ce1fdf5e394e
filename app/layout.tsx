import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import './globals.css';
import { currentUser } from '@/lib/auth/current-user';
import { SignOutButton } from './_components/SignOutButton';

export const metadata: Metadata = {
  title: { default: 'Balai', template: '%s · Balai' },
  description: 'Hybrid events where the hall and the people online take part as equals.',
};
export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site">
          <div className="inner">
            <Link href="/" className="brand">
              Balai
            </Link>
            <nav aria-label="Main">
              {user ? (
                <>
                  <Link href="/">My events</Link>
                  <span aria-label="Signed in as">{user.name}</span>
                  <SignOutButton />
                </>
              ) : (
                <>
                  <Link href="/join">Join with code</Link>
                  <Link href="/signin">Sign in</Link>
                </>
              )}
            </nav>
          </div>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
