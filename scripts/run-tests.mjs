// `npm test`: every runner runs even if an earlier one failed, so one red
// suite never hides another; the exit code is non-zero if any failed.
import { spawnSync } from 'node:child_process';

const runners = [
  // The production build the app-server tests and Playwright start: made once, before anything runs
  // beside it (two minutes of both cores), instead of inside whichever test file asks first.
  ['build', ['scripts/build.mjs', '--if-needed']],
  ['vitest', ['node_modules/vitest/vitest.mjs', 'run']],
  ['playwright', ['node_modules/@playwright/test/cli.js', 'test']],
];
let failed = false;
for (const [name, args] of runners) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    failed = true;
    console.error(`${name} failed (exit ${result.status ?? result.signal})`);
  }
}
process.exit(failed ? 1 : 0);
