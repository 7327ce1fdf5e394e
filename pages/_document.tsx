import { Head, Html, Main, NextScript, type DocumentProps } from 'next/document';

export default function BalaiDocument(props: DocumentProps) {
  const locale = (props.__NEXT_DATA__.props?.pageProps as { locale?: string } | undefined)?.locale ?? 'en';
  return (
    <Html lang={locale}>
      <Head />
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
