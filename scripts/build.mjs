// Builds the Next.js app and bundles the custom server into dist/server.cjs.
// With --if-needed (used by `npm start`) it skips the build when nothing changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = process.cwd();
const serverOut = process.env.BALAI_SERVER_OUT || 'dist/server.cjs';
const nextDir = process.env.NEXT_DIST_DIR || '.next';
// The call's boot bundles live beside Next.js's build (server/http/call-boot-html.ts reads them there).
const bootDir = path.join(nextDir, 'balai');
const outputs = [path.join(nextDir, 'BUILD_ID'), serverOut, path.join(bootDir, 'call-boot.js')];
const sources = ['app', 'lib', 'server', 'drizzle', 'proxy.ts', 'instrumentation-client.ts', 'next.config.js', 'package-lock.json', 'tsconfig.json'];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, entry)));
  return newest;
}

if (process.argv.includes('--if-needed')) {
  const built = outputs.every((o) => existsSync(o)) ? Math.min(...outputs.map((o) => statSync(o).mtimeMs)) : 0;
  const changed = Math.max(...sources.map((s) => newestMtime(path.join(root, s))));
  if (built > changed) process.exit(0);
  console.log('Building Balai for production (first start or sources changed; this takes a minute or two)…');
}

const next = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
});
if (next.status !== 0) process.exit(next.status ?? 1);

await build({
  entryPoints: ['server/index.ts'],
  outfile: serverOut,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  tsconfig: 'tsconfig.json',
  banner: { js: "process.env.NODE_ENV ??= 'production';" },
  logLevel: 'warning',
});
/**
 * The boot script runs before anything else on a returning join, so every kilobyte of it is evaluated on the
 * join's path. Left out of it (about a quarter of it): Socket.IO's client, because the gate, which always runs
 * first, opens the tab's one connection and the boot only finds it (realtime-client.ts, tab-state.ts); and
 * mediasoup-client's React Native handler and test fakes, which a browser never uses.
 */
const BOOT_STUBS = {
  'socket.io-client': "export function io() { throw new Error('The call gate opens the connection; the boot script only finds it.'); }",
  'mediasoup-client/lib/handlers/ReactNative106': "export class ReactNative106 { static createFactory() { throw new Error('Not in a browser.'); } }",
  'mediasoup-client/lib/handlers/FakeHandler': 'export class FakeHandler {}',
  'mediasoup-client/lib/test/fakeParameters': 'export {};',
};
const bootDiet = {
  name: 'boot-diet',
  setup(b) {
    b.onResolve({ filter: /^socket\.io-client$/ }, () => ({ path: 'socket.io-client', namespace: 'boot-stub' }));
    b.onResolve({ filter: /^\.\/(handlers\/ReactNative106|handlers\/FakeHandler|test\/fakeParameters)$/ }, (args) =>
      /node_modules[\\/]mediasoup-client[\\/]lib$/.test(args.resolveDir) ? { path: `mediasoup-client/lib/${args.path.slice(2)}`, namespace: 'boot-stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'boot-stub' }, (args) => ({ contents: BOOT_STUBS[args.path], loader: 'js' }));
  },
};
// The session page's call boot (issue 10.8; server/http/call-boot-html.ts): the inline gate and the boot
// script, bundled apart from Next.js so a returning join runs before the framework.
const browserBundle = { bundle: true, minify: true, format: 'iife', target: ['chrome110', 'firefox115', 'safari16'], tsconfig: 'tsconfig.json', define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'warning' };
await build({ ...browserBundle, entryPoints: ['app/_lib/boot/call-gate.ts'], outfile: path.join(bootDir, 'call-gate.js') });
await build({ ...browserBundle, entryPoints: ['app/_lib/boot/call-boot.ts'], outfile: path.join(bootDir, 'call-boot.js'), plugins: [bootDiet] });
console.log(`Built ${serverOut}`);
