import { spawn, type ChildProcess } from 'node:child_process';
import { type Browser, type Page } from '@playwright/test';
import { expect, newPersonPage, signUp, type Person } from './helpers';

/**
 * Balai nodes for the specs of several nodes: the built server (as `npm start`
 * runs it) in its own process, sharing the suite's PostgreSQL and a Redis
 * under one REDIS_PREFIX, plus what those specs ask of a person's page.
 */
export interface E2eNode {
  url: string;
  port: number;
  child: ChildProcess;
}

export const redisUrl = process.env.BALAI_TEST_REDIS_URL ?? process.env.REDIS_URL;

export function requireSharedServices(spec: string): void {
  // A node needs the database the other one uses: an embedded database is one process's only.
  if (!process.env.DATABASE_URL || !redisUrl) throw new Error(`${spec} needs DATABASE_URL and BALAI_TEST_REDIS_URL (or REDIS_URL)`);
}

/** `publicUrl`: the load balancer's address when the nodes sit behind one (NEXTAUTH_URL and the allowed origin). */
export async function startNode(port: number, prefix: string, extraEnv: Record<string, string> = {}, publicUrl = `http://localhost:${port}`): Promise<E2eNode> {
  const url = `http://localhost:${port}`;
  const child = spawn(process.execPath, ['--enable-source-maps', process.env.BALAI_SERVER_OUT || 'dist/server.cjs'], {
    env: {
      ...process.env,
      PORT: String(port),
      NODE_ENV: 'production',
      NEXTAUTH_URL: publicUrl,
      NEXTAUTH_SECRET: 'e2e-secret-not-for-production',
      BALAI_SEED_DEMO: '0',
      BALAI_LIMIT_SIGNUP_IP: '1000',
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      MEDIASOUP_WORKERS: '1',
      PIPE_LISTEN_IP: '127.0.0.1',
      ...extraEnv,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await expect.poll(() => fetch(`${url}/healthz`).then((r) => r.status, () => 0), { timeout: 120_000, intervals: [500] }).toBe(200);
  // A fresh production node renders each page slowly the first time (on a busy machine past a test's 10 s wait
  // for sign-up): render the first pages once before any browser waits on them.
  for (const path of ['/signup', '/signin']) {
    await expect.poll(() => fetch(`${url}${path}`).then((r) => r.status, () => 0), { timeout: 60_000, intervals: [1000] }).toBe(200);
  }
  return { url, port, child };
}

export async function stopNodes(nodes: E2eNode[]): Promise<void> {
  for (const { child } of nodes) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
  }
}

export type Stat = { source: string; kind: string; peerId: string; framesDecoded: number; packetsReceived: number };

export const stats = (page: Page) => page.evaluate(() => window.balaiMediaStats?.() ?? Promise.resolve([] as Stat[]));

export const framesOf = async (page: Page, peerId: string) =>
  (await stats(page)).filter((s) => s.source === 'camera' && s.peerId === peerId).reduce((n, s) => n + s.framesDecoded, 0);

export const heardOf = async (page: Page, peerId: string) =>
  (await stats(page)).filter((s) => s.source === 'microphone' && s.peerId === peerId).reduce((n, s) => n + s.packetsReceived, 0);

export async function expectGrowing(measure: () => Promise<number>, by: number, message: string, timeout = 30_000) {
  const start = await measure();
  await expect.poll(async () => (await measure()) - start, { timeout, message }).toBeGreaterThan(by);
}

export async function joinCall(page: Page) {
  await page.getByRole('button', { name: 'Join the live session' }).click();
  await expect(page.locator('.media-room').getByRole('status').first()).toHaveText(/Live/, { timeout: 30_000 });
}

export async function openSessionOn(browser: Browser, baseURL: string, person: Person, eventTitle: string, sessionTitle: string): Promise<Page> {
  const page = await newPersonPage(browser, { baseURL });
  await signUp(page, person);
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(page.getByRole('heading', { name: sessionTitle })).toBeVisible();
  return page;
}

/** The media peer id the page's room client has now (a new one after every re-join). */
export const peerIdOf = async (page: Page) => (await page.locator('.media-room').getAttribute('data-peer-id'))!;
