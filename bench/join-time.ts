/**
 * Join time: from opening a session page to the first decoded remote video
 * frame, split into phases, over N runs in fresh browser contexts.
 *
 * Needs a running Balai with the demo seed (e.g. `npm start`), Chromium, and
 * the demo presenter publishing: the script signs the presenter in and joins
 * with the fake camera first, then measures the online participant joining.
 *
 *   BENCH_URL=http://localhost:3000 npx tsx bench/join-time.ts [runs]
 */
import os from 'node:os';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';

const BASE = process.env.BENCH_URL ?? 'http://localhost:3000';
const RUNS = Number(process.argv[2] ?? 10);
const EVENT = 'Innovations of Women-owned Small and Medium Industries';
const SESSION = 'Keynote: women-owned SMIs in Asia and the Pacific';
const ARGS = ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

async function signedIn(browser: Browser, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('balai-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: EVENT }).waitFor();
  await page.close();
  return context;
}

async function sessionUrl(context: BrowserContext): Promise<string> {
  const page = await context.newPage();
  await page.goto('/');
  await page.getByRole('link', { name: EVENT }).click();
  await page.getByRole('link', { name: SESSION, exact: true }).click();
  await page.getByRole('heading', { name: SESSION }).waitFor();
  const url = page.url();
  await page.close();
  return url;
}

type Phases = { socket: number; prejoin: number; join: number; transports: number; firstFrame: number; total: number };

async function main() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  const presenter = await signedIn(browser, 'presenter@balai.example');
  const url = await sessionUrl(presenter);
  const stage = await presenter.newPage();
  await stage.goto(url);
  await stage.getByRole('button', { name: 'Join the live session' }).click();
  await stage.getByTestId('self-video').waitFor({ timeout: 30_000 });

  const viewerState = await (await signedIn(browser, 'online@balai.example')).storageState();
  const runs: Phases[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ baseURL: BASE, storageState: viewerState });
    const page = await context.newPage();
    await page.goto(url);
    const join = page.getByRole('button', { name: 'Join the live session' });
    await join.click();
    await page.waitForFunction(() => performance.getEntriesByName('balai:media:first-frame').length > 0, null, { timeout: 30_000 });
    // No helper functions inside evaluate: tsx would wrap them in a __name() the page does not have.
    const names = ['balai:socket-connected', 'balai:media:join-start', 'balai:media:joined', 'balai:media:transports', 'balai:media:first-frame'];
    const [socket, joinStart, joined, transports, firstFrame] = await page.evaluate(
      (list) => list.map((n) => performance.getEntriesByName(n)[0]?.startTime ?? NaN),
      names,
    );
    const marks = { socket: socket!, joinStart: joinStart!, joined: joined!, transports: transports!, firstFrame: firstFrame! };
    runs.push({
      socket: marks.socket,
      prejoin: marks.joinStart - marks.socket,
      join: marks.joined - marks.joinStart,
      transports: marks.transports - marks.joined,
      firstFrame: marks.firstFrame - marks.transports,
      total: marks.firstFrame,
    });
    await context.close();
    console.error(`run ${i + 1}/${RUNS}: ${marks.firstFrame.toFixed(0)} ms`);
  }
  await browser.close();

  const pick = (k: keyof Phases, q: number) => {
    const sorted = runs.map((r) => r[k]).sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  };
  const rows: Array<[keyof Phases, string]> = [
    ['socket', 'page navigation → Socket.IO connected'],
    ['prejoin', 'socket connected → join clicked (pre-join: devices, bundle; bench clicks as soon as it can)'],
    ['join', 'media:join acked'],
    ['transports', 'device loaded, capabilities sent, receive transport created'],
    ['firstFrame', 'consume + resume → first remote frame painted'],
    ['total', 'page navigation → first remote frame'],
  ];
  console.log(`# join-time — ${new Date().toISOString()} — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, headless Chromium, ${RUNS} runs, ${BASE}`);
  console.log('');
  console.log('| phase | median ms | p95 ms |');
  console.log('|---|---:|---:|');
  for (const [k, label] of rows) console.log(`| ${label} | ${pick(k, 0.5).toFixed(0)} | ${pick(k, 0.95).toFixed(0)} |`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
