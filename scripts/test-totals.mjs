// Prints "N passed, N failed" over every runner's JSON report. A missing
// report means that runner never finished: it counts as one failure.
// Above that line it names every failed (and flaky) test with the start of its
// error: CI keeps only the tail of the log, and a red run must say what was red.
import { existsSync, readFileSync } from 'node:fs';

const firstLines = (text) =>
  String(text ?? '')
    // eslint-disable-next-line no-control-regex -- terminal colours in the runners' messages
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' | ')
    .slice(0, 400);

const notes = [];
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
    for (const suite of report.testResults ?? []) {
      const tests = suite.assertionResults ?? [];
      for (const test of tests) {
        // A test that passed on its retry keeps the first try's error.
        const label = test.status === 'failed' ? 'FAILED' : test.status === 'passed' && test.failureMessages?.length ? 'FLAKY (passed on retry)' : null;
        if (label) notes.push(`${label} vitest ${suite.name}: ${test.fullName} — ${firstLines(test.failureMessages?.join('\n'))}`);
      }
      if (suite.status === 'failed' && !tests.some((test) => test.status === 'failed')) notes.push(`FAILED vitest ${suite.name} — ${firstLines(suite.message)}`);
    }
    if (report.success === false && report.numFailedTests === 0) notes.push('FAILED vitest: the run reported an error outside any test (an unhandled error or rejection; see the log)');
  } else if (report.stats) {
    // playwright
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected;
    if ((report.errors ?? []).length > 0) failed += report.errors.length;
    const visit = (suite, titles) => {
      for (const spec of suite.specs ?? []) {
        for (const test of spec.tests ?? []) {
          if (test.status !== 'unexpected' && test.status !== 'flaky') continue;
          const error = (test.results ?? []).map((result) => result.error?.message).find(Boolean);
          notes.push(`${test.status === 'flaky' ? 'FLAKY (passed on retry)' : 'FAILED'} playwright ${spec.file}:${spec.line} ${[...titles, spec.title].join(' › ')} — ${firstLines(error)}`);
        }
      }
      for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
    };
    // The top suites are the spec files, already named by each spec's file and line.
    for (const suite of report.suites ?? []) visit(suite, []);
    for (const error of report.errors ?? []) notes.push(`FAILED playwright (outside any test) — ${firstLines(error.message)}`);
  }
}
for (const note of notes) console.log(note);
console.log(`${passed} passed, ${failed} failed`);
