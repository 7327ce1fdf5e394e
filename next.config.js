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
  experimental: {
    // The second line behind the custom server, which refuses bodies over their path's limit before
    // Next.js reads them (server/http/body-limit.ts). The upload limit is the largest (lib/env.ts checks),
    // and lib/env.ts accepts only sizes Next.js parses the same way (65536, 64kb, 5mb).
    serverActions: { bodySizeLimit: process.env.UPLOAD_BODY_LIMIT?.trim() || '5mb' },
  },
};

module.exports = createNextIntlPlugin('./lib/i18n/request.ts')(nextConfig);
