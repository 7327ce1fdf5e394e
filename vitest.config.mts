import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import path from 'node:path';

// The multi-process tests need a Redis server; CI provides one through BALAI_TEST_REDIS_URL.
const redis = !!process.env.BALAI_TEST_REDIS_URL;
// A server process killed and started again shares its database with the test: PostgreSQL (CI provides one).
const postgres = !!process.env.DATABASE_URL;

/**
 * Files that carry real-time media or whole extra processes: FFmpeg composing 720p, speech-to-text, RTP
 * that must arrive in time, several Balai nodes. On two cores two of them at once starve each other
 * (a keyframe late past FFmpeg's probe, RTP dropped), so they run one at a time, after the rest.
 */
const realTime = [
  'tests/integration/recording*.test.ts',
  'tests/integration/auto-captions.test.ts',
  'tests/integration/stream-out.test.ts',
  'tests/integration/ingest.test.ts',
  'tests/integration/whip-ingest.test.ts',
  'tests/integration/watch-promote.test.ts',
  'tests/integration/interpretation.test.ts',
  'tests/integration/sign-display.test.ts',
  'tests/integration/breakouts-speaking.test.ts',
  'tests/integration/media-*.test.ts',
  ...(redis ? ['tests/integration/redis/*.test.ts'] : []),
  ...(postgres ? ['tests/integration/restart/*.test.ts'] : []),
  // The CI-sized runs of the benches: a server process of their own and hundreds of sockets.
  ...(postgres ? ['tests/integration/bench/*.test.ts'] : []),
];

const project = (name: string, include: string[], exclude: string[], workers: number, groupOrder: number): TestProjectInlineConfiguration => ({
  extends: true,
  test: { name, include, exclude, maxWorkers: workers, sequence: { groupOrder } },
});

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    // The rest (sockets and the database) run two at a time, each worker on its own database
    // (tests/fixtures/worker-database.ts); most of their time is waiting, not computing.
    projects: [project('signalling', ['tests/integration/*.test.ts', 'tests/unit/**/*.test.ts'], realTime, 2, 0), project('real-time', realTime, [], 1, 1)],
    setupFiles: ['tests/fixtures/worker-database.ts', 'tests/fixtures/setup-env.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    // One more try for a test that fails once: many integration tests carry real-time media (RTP over UDP,
    // FFmpeg, speech) on a 2-core machine, where a saturated moment drops packets. Every failure seen in CI so
    // far was fixed at its cause; this keeps a single unlucky moment from hiding the rest of a run. A test that
    // fails twice fails.
    retry: 1,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
