// @ts-check
const createNextIntlPlugin = require('next-intl/plugin');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or WASM packages that must be loaded by Node itself, not bundled:
  // the custom server and the Next.js bundle then share one instance of each.
  // fontkit (PDF fonts) is a large UMD build that needs no bundling either.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres', 'mediasoup', 'socket.io', 'redis', '@pdf-lib/fontkit'],
  // Parallel builds (several developers' e2e runs on one machine) use their own output directory.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
};

module.exports = createNextIntlPlugin('./lib/i18n/request.ts')(nextConfig);
