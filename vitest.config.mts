import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: [
      'tests/integration/*.test.ts',
      'tests/unit/**/*.test.ts',
      // The multi-process test needs a Redis server; CI provides one through BALAI_TEST_REDIS_URL.
      ...(process.env.BALAI_TEST_REDIS_URL ? ['tests/integration/redis/*.test.ts'] : []),
    ],
    setupFiles: ['tests/fixtures/setup-env.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
