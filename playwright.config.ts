import { defineConfig } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${PORT}`;
// Debian's Chromium when present; Playwright never downloads a browser here.
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
// Without DATABASE_URL the e2e server gets a fresh embedded database per run.
const dataDir = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(os.tmpdir(), 'balai-e2e-'));

export default defineConfig({
  testDir: 'tests/e2e',
  // Two nodes need PostgreSQL and Redis; like the multi-process vitest files, collected when they are there (CI has both).
  testIgnore: process.env.DATABASE_URL && (process.env.BALAI_TEST_REDIS_URL || process.env.REDIS_URL) ? [] : ['**/media-nodes.spec.ts', '**/media-node-death.spec.ts'],
  outputDir: 'reports/playwright-artifacts',
  fullyParallel: false,
  workers: 1,
  // One more try for a test that fails once on a loaded 2-core machine; reports/playwright.json marks it flaky.
  retries: 1,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-device-for-media-stream',
        '--use-fake-ui-for-media-stream',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    command: `node scripts/build.mjs --if-needed && node --enable-source-maps ${process.env.BALAI_SERVER_OUT || 'dist/server.cjs'}`,
    url: `${baseURL}/api/auth/providers`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      NODE_ENV: 'production',
      NEXTAUTH_URL: baseURL,
      NEXTAUTH_SECRET: 'e2e-secret-not-for-production',
      // The suite shares its database with the integration tests, so the demo is seeded even if events exist.
      BALAI_SEED_DEMO: 'always',
      // Every spec signs people up from this one address; the other limits stay Balai's defaults (auth-hardening.spec.ts meets them).
      BALAI_LIMIT_SIGNUP_IP: '1000',
      ...(dataDir ? { BALAI_DATA_DIR: dataDir } : {}),
    },
  },
});
