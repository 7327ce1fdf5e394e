// Join time (issue 10 point 8): from opening the session page (signed in) to the first remote
// video frame painted, in Balai and on a bare mediasoup page, N interleaved iterations in one run.
//
//   DATABASE_URL=postgres://… npm run bench:join            (JOIN_N=15 iterations by default)
//   JOIN_TRACE=/tmp/join.json …                                (also a Chrome trace of the last returning join;
//                                                                JOIN_TRACE_KIND=first: of the last first join)
//
// Starts the production Balai (Next.js + Socket.IO + mediasoup, `node scripts/build.mjs --if-needed`
// first) on a random port and a bare page (bench/join-time/bare-server.ts) beside it. A Chromium
// page with the fake camera publishes into each: Balai's organizer joins the meeting, the bare
// publisher produces into the bare router. Each iteration, in fresh browser contexts:
//   bare      — open the bare page: load mediasoup-client, connect, recv transport, consume.
//   first     — a member who never joined opens the session page, passes the pre-join device check
//               (the bench clicks "Join the live session" as soon as it is enabled and on screen) and
//               is placed. The check is the boot script's (app/_lib/boot/boot-prejoin.ts).
//   returning — the same person, same context (HTTP cache and localStorage warm), opens the page
//               again: the first join left "skip this check next time" ticked (the default), so the
//               page goes straight into the call (the boot script's early join, app/_lib/boot/);
//               the bench clicks only if a join button shows before the join started.
// The end is the first remote frame painted: requestVideoFrameCallback on the remote <video>
// (Balai's `balai:media:first-frame` mark, set by the boot's stage, boot-stage.ts, or by the page's,
// Tiles.tsx; `bare:first-frame` in bare-client.ts), read as milliseconds since the navigation started
// (performance.timeOrigin). Next.js's scripts run after that frame in both Balai joins.
import { execSync } from 'node:child_process';
import os from 'node:os';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startBareServer } from './join-time/bare-server';

process.env.NEXTAUTH_SECRET ??= 'bench-secret-not-for-production';
process.env.BALAI_SEED_DEMO = '0';
Object.assign(process.env, { NODE_ENV: 'production' }); // Next.js and React in production mode, as `npm start`
if (!process.env.DATABASE_URL) {
  // Next.js runs its own copy of lib/db from the build, so both sides must share a real database.
  console.error('Set DATABASE_URL to a PostgreSQL database (the bench and the Next.js app share it).');
  process.exit(1);
}
const N = Number(process.env.JOIN_N ?? 15);
const TIMEOUT = 30_000;
const JOIN = 'Join the live session';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const MARKS = ['nav:response-start', 'nav:response-end', 'balai:early-join', 'balai:socket-open', 'balai:socket-connected', 'bench:join-enabled', 'balai:media:join-start', 'balai:media:joined', 'balai:media:transports', 'balai:stage-shown', 'balai:media:receiving', 'balai:media:first-frame'] as const;
type Marks = Record<(typeof MARKS)[number], number>;

function cookieOf(header: string, url: string) {
  const at = header.indexOf('=');
  return { name: header.slice(0, at), value: header.slice(at + 1), url };
}

// Page-side functions stay anonymous and self-contained: tsx would wrap named ones in a __name() the
// page lacks, and Balai's Content-Security-Policy refuses string predicates (eval).

/** Opens the session page, clicks join when the pre-join step allows it, waits for the first remote frame. */
async function balaiJoin(page: Page, url: string): Promise<Marks> {
  await page.goto(url, { waitUntil: 'commit' });
  // Polled every animation frame; the predicate hands back where the enabled button is once it sat
  // still for one frame (the device lists appear just after the devices open and move it), and a
  // real mouse click goes there at once — locator.click()'s own checks cost 100+ ms on a busy
  // machine. A click that still misses (the room client never marked join-start) is repeated.
  for (let attempt = 0; ; attempt++) {
    const ready = await page.waitForFunction(
      (label) => {
        if (performance.getEntriesByName('balai:media:join-start').length) return 'joined';
        const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === label);
        // Enabled and on screen: a streamed page's content sits in a hidden element until React reveals it.
        if (!button || button.disabled || !button.getClientRects().length || !button.getBoundingClientRect().width) return false;
        if (!performance.getEntriesByName('bench:join-enabled').length) performance.mark('bench:join-enabled');
        if (button.getBoundingClientRect().bottom > innerHeight) button.scrollIntoView({ block: 'center' });
        const box = button.getBoundingClientRect();
        const seen = `${box.left},${box.top},${box.width},${box.height}`;
        const still = button.dataset.benchBox === seen;
        button.dataset.benchBox = seen;
        return still ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : false;
      },
      JOIN,
      { timeout: TIMEOUT, polling: 'raf' },
    );
    const at = await ready.jsonValue();
    if (typeof at !== 'object') break;
    if (attempt > 0) console.error(`  click ${attempt + 1} on the join button (the previous one missed)`);
    await page.mouse.click(at.x, at.y);
    const clicked = await page
      .waitForFunction(() => performance.getEntriesByName('balai:media:join-start').length > 0, null, { timeout: 5_000 })
      .then(() => true, () => false);
    if (clicked) break;
  }
  await page.waitForFunction(() => performance.getEntriesByName('balai:media:first-frame').length > 0, null, { timeout: TIMEOUT });
  // Not part of the measure, reported beside it: when the page's own stage (the call's controls) is up.
  await page.waitForFunction(() => performance.getEntriesByName('balai:stage-shown').length > 0, null, { timeout: TIMEOUT });
  const values = await page.evaluate((names) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const navMarks: Record<string, number | undefined> = { 'nav:response-start': nav?.responseStart, 'nav:response-end': nav?.responseEnd };
    return names.map((n) => navMarks[n] ?? performance.getEntriesByName(n)[0]?.startTime ?? NaN);
  }, [...MARKS]);
  return Object.fromEntries(MARKS.map((m, i) => [m, values[i]!])) as Marks;
}

async function bareJoin(browser: Browser, bareUrl: string): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${bareUrl}/?role=consume`, { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('bare:first-frame').length > 0 || document.body?.dataset.error, null, { timeout: TIMEOUT });
    const [frame, error] = await page.evaluate(() => [performance.getEntriesByName('bare:first-frame')[0]?.startTime ?? NaN, document.body.dataset.error ?? null] as const);
    if (error) throw new Error(`bare page: ${error}`);
    return frame;
  } finally {
    await context.close();
  }
}

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
};
const ms = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(0));

async function main() {
  const { addMember, createEventWithSession, createUser, startAppServer } = await import('../tests/fixtures/server');
  const { closeDb } = await import('../lib/db/client');
  const server = await startAppServer();
  const bare = await startBareServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  const contexts: BrowserContext[] = [];

  const organizer = await createUser('Bench organizer');
  const { event, session } = await createEventWithSession(organizer, 'meeting');
  const sessionUrl = `${server.url}/events/${event.slug}/sessions/${session.id}`;

  // The remote producers, publishing for the whole run so both sides share the machine's load.
  const organizerContext = await browser.newContext();
  contexts.push(organizerContext);
  await organizerContext.addCookies([cookieOf(organizer.cookie, server.url)]);
  const stage = await organizerContext.newPage();
  await stage.goto(sessionUrl);
  await stage.getByRole('button', { name: JOIN }).click({ timeout: TIMEOUT });
  await stage.getByTestId('self-video').waitFor({ timeout: TIMEOUT });
  const barePublisherContext = await browser.newContext();
  contexts.push(barePublisherContext);
  const barePublisher = await barePublisherContext.newPage();
  await barePublisher.goto(`${bare.url}/?role=publish`);
  await barePublisher.waitForFunction(() => document.body.dataset.state === 'publishing' || document.body.dataset.error, null, { timeout: TIMEOUT });
  const publishError = await barePublisher.evaluate(() => document.body.dataset.error ?? null);
  if (publishError) throw new Error(`bare publisher: ${publishError}`);

  const loadBefore = os.loadavg();
  const rows: { bare: number; first: Marks; returning: Marks }[] = [];
  // Iteration 0 warms up Next.js's server, the JIT and both routers; it is not reported.
  for (let i = 0; i <= N; i++) {
    const person = await createUser(`Bench participant ${i}`);
    await addMember(event.id, person, 'participant', 'remote');
    const balaiFirstAndReturning = async () => {
      const context = await browser.newContext();
      try {
        await context.addCookies([cookieOf(person.cookie, server.url)]);
        // JOIN_TRACE=file.json: a Chrome trace (main thread, scripts, network) of the last join of JOIN_TRACE_KIND, to see where the time goes.
        const traced = async (kind: 'first' | 'returning', page: Page) => {
          const trace = process.env.JOIN_TRACE && i === N && (process.env.JOIN_TRACE_KIND ?? 'returning') === kind ? process.env.JOIN_TRACE : null;
          if (trace) await browser.startTracing(page, { path: trace, screenshots: false, categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'netlog', 'disabled-by-default-v8.cpu_profiler'] });
          const marks = await balaiJoin(page, sessionUrl);
          if (trace) await browser.stopTracing();
          return marks;
        };
        const firstPage = await context.newPage();
        const first = await traced('first', firstPage);
        await firstPage.close();
        const returning = await traced('returning', await context.newPage());
        return { first, returning };
      } finally {
        await context.close();
      }
    };
    // Alternate which side goes first, so neither always runs right after the other's teardown.
    let bareMs: number;
    let balai: { first: Marks; returning: Marks };
    if (i % 2 === 0) {
      bareMs = await bareJoin(browser, bare.url);
      balai = await balaiFirstAndReturning();
    } else {
      balai = await balaiFirstAndReturning();
      bareMs = await bareJoin(browser, bare.url);
    }
    const line = `bare ${ms(bareMs)} ms, first ${ms(balai.first['balai:media:first-frame'])} ms, returning ${ms(balai.returning['balai:media:first-frame'])} ms`;
    if (i === 0) {
      console.error(`warm-up: ${line}`);
      continue;
    }
    rows.push({ bare: bareMs, ...balai });
    console.error(`iteration ${i}/${N}: ${line}`);
  }
  const loadAfter = os.loadavg();

  const bareTimes = rows.map((r) => r.bare);
  const total = (kind: 'first' | 'returning') => rows.map((r) => r[kind]['balai:media:first-frame']);
  const phase = (kind: 'first' | 'returning', from: keyof Marks | null, to: keyof Marks) => rows.map((r) => r[kind][to] - (from ? r[kind][from] : 0));
  const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(', ');

  console.log(`\n### Join time (bench/join-time.ts), ${new Date().toISOString()}\n`);
  console.log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; \`${execSync('uname -a').toString().trim()}\`; Node ${process.version}; ${browser.version()} headless, fake camera.`);
  console.log(`Load average (1, 5, 15 min): ${loads(loadBefore)} before the iterations, ${loads(loadAfter)} after. ${N} iterations after one warm-up.\n`);
  console.log('| from navigation to first remote frame painted | median ms | p95 ms |');
  console.log('|---|---:|---:|');
  const series: Array<[string, number[]]> = [
    ['bare mediasoup page', bareTimes],
    ['Balai, first join (pre-join device check)', total('first')],
    ['Balai, returning join (same browser; the device check skipped)', total('returning')],
  ];
  for (const [label, xs] of series) console.log(`| ${label} | ${ms(quantile(xs, 0.5))} | ${ms(quantile(xs, 0.95))} |`);

  console.log('\n| Balai phase (median ms) | first | returning |');
  console.log('|---|---:|---:|');
  const phases: Array<[string, keyof Marks | null, keyof Marks]> = [
    ['navigation → first byte of the page', null, 'nav:response-start'],
    ['navigation → last byte of the page (streamed)', null, 'nav:response-end'],
    ['navigation → media code loaded, early join started (returning only)', null, 'balai:early-join'],
    ['navigation → Socket.IO connection opened', null, 'balai:socket-open'],
    ['navigation → Socket.IO connected', null, 'balai:socket-connected'],
    ['navigation → join button enabled (devices opened; none when skipped)', null, 'bench:join-enabled'],
    ['join enabled → clicked (bench, 1–2 frames)', 'bench:join-enabled', 'balai:media:join-start'],
    ['navigation → join started (the click, or the skipped join as the page loads)', null, 'balai:media:join-start'],
    ['join started → media:join acked (a skipped join waits for the socket here)', 'balai:media:join-start', 'balai:media:joined'],
    ['joined → device loaded, receive transport created', 'balai:media:joined', 'balai:media:transports'],
    ['navigation → the page’s own stage shown, with the call’s controls (after the first frame: Next.js comes in then)', null, 'balai:stage-shown'],
    ['transports → remote video flowing (own camera published after it)', 'balai:media:transports', 'balai:media:receiving'],
    ['transports → first remote frame painted', 'balai:media:transports', 'balai:media:first-frame'],
  ];
  for (const [label, from, to] of phases) console.log(`| ${label} | ${ms(quantile(phase('first', from, to), 0.5))} | ${ms(quantile(phase('returning', from, to), 0.5))} |`);

  const bareMedian = quantile(bareTimes, 0.5);
  const ratio = (kind: 'first' | 'returning', target: number) => {
    const median = quantile(total(kind), 0.5);
    const r = median / bareMedian;
    console.log(`join-time ${kind}: median ${ms(median)} ms vs bare ${ms(bareMedian)} ms = ${r.toFixed(2)}× (target ≤ ${target}×: ${r <= target ? 'met' : 'not met'})`);
  };
  console.log('');
  ratio('first', 2);
  ratio('returning', 1.5);

  await Promise.allSettled(contexts.map((c) => c.close()));
  await browser.close();
  await bare.close();
  await server.close();
  await closeDb();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
