import { execFileSync } from 'node:child_process';
import { type Browser, type Page } from '@playwright/test';
import { expect, test, newPerson, newPersonPage, organizeMeeting, signUp, type Person } from './helpers';

type Stat = { source: string; kind: string; peerId: string; framesDecoded: number; packetsReceived: number };

// Two browsers with fake cameras on a shared 2-core machine.
test.describe.configure({ timeout: 180_000 });

const PORT = Number(process.env.E2E_PORT ?? 3210);

const stats = (page: Page) => page.evaluate(() => window.balaiMediaStats?.() ?? Promise.resolve([] as Stat[]));
const framesOf = async (page: Page, peerId: string) => (await stats(page)).filter((s) => s.source === 'camera' && s.peerId === peerId).reduce((n, s) => n + s.framesDecoded, 0);

async function expectGrowing(measure: () => Promise<number>, by: number, message: string) {
  const start = await measure();
  await expect.poll(async () => (await measure()) - start, { timeout: 30_000, message }).toBeGreaterThan(by);
}

/** The mediasoup workers of the server under test: children of the process listening on E2E_PORT. */
function serverWorkers(): number[] {
  const listening = execFileSync('ss', ['-Hltnp', `sport = :${PORT}`], { encoding: 'utf8' });
  const server = /pid=(\d+)/.exec(listening)?.[1];
  if (!server) throw new Error(`no process listens on ${PORT}`);
  const children = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', server], { encoding: 'utf8' });
  return children
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([, comm]) => comm?.startsWith('mediasoup-work'))
    .map(([pid]) => Number(pid));
}

async function openSessionAs(browser: Browser, person: Person, eventTitle: string, sessionTitle: string): Promise<Page> {
  const page = await newPersonPage(browser, { viewport: { width: 1280, height: 800 } });
  await signUp(page, person);
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(page.getByRole('heading', { name: sessionTitle })).toBeVisible();
  return page;
}

async function join(page: Page) {
  await page.getByRole('button', { name: 'Join the live session' }).click();
  await expect(page.locator('.media-room').getByRole('status').first()).toHaveText(/Live/, { timeout: 30_000 });
}

/** Records every text the call's status line shows from now on (a reconnection can be shorter than a poll). */
async function recordStatus(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { statusSeen: string[] }).statusSeen = seen;
    // Sampled rather than observed: the status element itself may be re-rendered.
    setInterval(() => seen.push(document.querySelector('.media-room [role="status"]')?.textContent ?? ''), 25);
  });
  return () => page.evaluate(() => (window as unknown as { statusSeen: string[] }).statusSeen);
}

test('a call survives the death of the media worker without a reload: both sides join again and frames are decoded again', async ({ browser }) => {
  const ana = newPerson('Ana Resilient');
  const eventTitle = `Worker death ${Date.now()}`;
  const sessionTitle = 'Meeting that keeps going';
  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: ana }] });
  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await join(org);
  const page = await openSessionAs(browser, ana, eventTitle, sessionTitle);
  await join(page);

  const room = page.locator('.media-room');
  const orgPeer = (await org.locator('.media-room').getAttribute('data-peer-id'))!;
  const anaPeer = (await room.getAttribute('data-peer-id'))!;
  await expectGrowing(() => framesOf(page, orgPeer), 5, 'the organizer’s camera should be decoded');
  await expectGrowing(() => framesOf(org, anaPeer), 5, 'Ana’s camera should be decoded');

  const marker = await page.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));
  const statusSeen = await recordStatus(page);
  const workers = serverWorkers();
  expect(workers.length).toBeGreaterThan(0);
  // Every worker of the server: whichever carries the room, it dies.
  for (const pid of workers) process.kill(pid, 'SIGKILL');

  // Both join again (new media peers) on the replacement worker and show Live again.
  await expect(room).not.toHaveAttribute('data-peer-id', anaPeer, { timeout: 30_000 });
  await expect(org.locator('.media-room')).not.toHaveAttribute('data-peer-id', orgPeer, { timeout: 30_000 });
  await expect(room.getByRole('status').first()).toHaveText(/Live/, { timeout: 30_000 });
  expect((await statusSeen()).some((t) => /reconnecting/i.test(t))).toBe(true);
  const newOrgPeer = (await org.locator('.media-room').getAttribute('data-peer-id'))!;
  const newAnaPeer = (await room.getAttribute('data-peer-id'))!;
  await expectGrowing(() => framesOf(page, newOrgPeer), 10, 'the organizer’s camera should be decoded again after the worker died');
  await expectGrowing(() => framesOf(org, newAnaPeer), 10, 'Ana’s camera should be decoded again after the worker died');
  // Same page: nothing was reloaded; and the server runs new workers.
  expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(marker);
  expect(serverWorkers().some((pid) => !workers.includes(pid))).toBe(true);
});
