// Builds the Next.js app and bundles the custom server into dist/server.cjs.
// With --if-needed (used by `npm start`) it skips the build when nothing changed.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = process.cwd();
const serverOut = process.env.BALAI_SERVER_OUT || 'dist/server.cjs';
const outputs = [path.join(process.env.NEXT_DIST_DIR || '.next', 'BUILD_ID'), serverOut];
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
console.log(`Built ${serverOut}`);
