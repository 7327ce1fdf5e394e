// The JavaScript a browser downloads for a route, measured from a production
// build. Pages Router route (the phone Q&A page): the chunks build-manifest.json
// lists for _app and the page. App Router route: the root main chunks plus
// every client chunk the route's client-reference manifest lists (layout,
// error boundaries, the page). Lazily imported chunks are not counted. The
// legacy polyfill chunk is loaded only by browsers without ES modules and is
// reported apart. Fails if the phone Q&A page exceeds its budget or carries
// media code.
//   node scripts/qa-bundle-size.mjs [--dist .next-qa] [--route /q/[sessionId]] [--budget 150]
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const dist = opt('dist', process.env.NEXT_DIST_DIR || '.next');
const routes = args.includes('--route') ? [opt('route')] : ['/q/[sessionId]', '/events/[slug]/sessions/[sessionId]/qa/display', '/events/[slug]/sessions/[sessionId]'];
const budgetKb = Number(opt('budget', '150'));
const budgetRoute = '/q/[sessionId]';

const buildManifest = JSON.parse(readFileSync(path.join(dist, 'build-manifest.json'), 'utf8'));

function routeChunks(route) {
  if (buildManifest.pages?.[route]) {
    return [...new Set([...buildManifest.pages['/_app'], ...buildManifest.pages[route]])].filter((f) => f.endsWith('.js'));
  }
  const file = path.join(dist, 'server/app', route, 'page_client-reference-manifest.js');
  if (!existsSync(file)) throw new Error(`No client manifest for ${route} in ${dist} (build first).`);
  const sandbox = { globalThis: {} };
  sandbox.globalThis = sandbox;
  vm.runInNewContext(readFileSync(file, 'utf8'), sandbox);
  const manifest = sandbox.__RSC_MANIFEST[`${route}/page`];
  const files = new Set(buildManifest.rootMainFiles);
  for (const list of Object.values(manifest.entryJSFiles ?? {})) for (const f of list) files.add(f);
  return [...files];
}

const measure = (files) =>
  files.reduce(
    (acc, f) => {
      const buf = readFileSync(path.join(dist, f));
      acc.raw += buf.length;
      acc.gzip += gzipSync(buf, { level: 9 }).length;
      if (/mediasoup|RTCPeerConnection/.test(buf.toString('utf8'))) acc.media.push(f);
      return acc;
    },
    { raw: 0, gzip: 0, media: [] },
  );

const kb = (n) => (n / 1024).toFixed(1);
const polyfill = measure(buildManifest.polyfillFiles ?? []);
let failed = false;
for (const route of routes) {
  const files = routeChunks(route);
  const m = measure(files);
  console.log(`${route}: ${files.length} chunks, ${kb(m.raw)} KB raw, ${kb(m.gzip)} KB gzipped${m.media.length ? `, media code in ${m.media.length} chunk(s)` : ', no media code'}`);
  if (route === budgetRoute) {
    if (m.gzip > budgetKb * 1024) (failed = true), console.error(`  over the ${budgetKb} KB budget`);
    if (m.media.length) (failed = true), console.error('  the phone page must not load media code');
  }
}
console.log(`(legacy nomodule polyfills, not loaded by current browsers: ${kb(polyfill.gzip)} KB gzipped)`);
process.exit(failed ? 1 : 0);
