// Prints "N passed, N failed" over every runner's JSON report. A missing
// report means that runner never finished: it counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.error(`missing report ${file}`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if ('numPassedTests' in report) {
    // vitest
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (report.numTotalTests === 0 || (report.success === false && report.numFailedTests === 0)) failed += 1;
  } else if (report.stats) {
    // playwright
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected;
    if ((report.errors ?? []).length > 0) failed += report.errors.length;
  }
}
console.log(`${passed} passed, ${failed} failed`);
