import { Head, Html, Main, NextScript, type DocumentProps } from 'next/document';

/*
 * Next.js reads the request's CSP nonce (proxy.ts) into `props.nonce`, but puts it on some of its
 * scripts (the polyfills, dynamic chunks) only when <Head> and <NextScript> are given it, hence
 * passed on here. A Pages Router page must render per request (getServerSideProps): one
 * prerendered at build time would have no nonce at all.
 */
export default function BalaiDocument(props: DocumentProps) {
  const locale = (props.__NEXT_DATA__.props?.pageProps as { locale?: string } | undefined)?.locale ?? 'en';
  return (
    <Html lang={locale}>
      <Head nonce={props.nonce} />
      <body>
        <Main />
        <NextScript nonce={props.nonce} />
      </body>
    </Html>
  );
}
