import type { AppProps } from 'next/app';
import '../app/globals.css';
import { OutdatedClientNotice } from '../app/_components/OutdatedClientNotice';

/** Shell for the few Pages Router pages (the light phone Q&A page); the rest of Balai is the App Router. */
export default function BalaiPagesApp({ Component, pageProps }: AppProps) {
  return (
    <>
      <OutdatedClientNotice />
      <Component {...pageProps} />
    </>
  );
}
