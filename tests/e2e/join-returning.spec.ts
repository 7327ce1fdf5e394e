import type { Page } from '@playwright/test';
import { expect, newPerson, newPersonPage, organizeMeeting, signUp, test } from './helpers';

// Two browsers with fake cameras on a small machine.
test.describe.configure({ timeout: 150_000 });

const JOIN = 'Join the live session';
const SKIP = 'Skip this check next time I join this session';
type Stat = { source: string; kind: string; peerId: string; framesDecoded: number };

/**
 * Tiny fake video, and a record of what this document showed: whether the pre-join device check was ever on
 * screen, and whether the boot script's stage (issue 10.8) showed a remote video while Next.js's scripts were
 * still held back (none of them had its src yet).
 */
async function prepare(page: Page) {
  await page.addInitScript(() => {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints?: MediaStreamConstraints) =>
      original(constraints?.video ? { ...constraints, video: { ...(typeof constraints.video === 'object' ? constraints.video : {}), width: 320, height: 180, frameRate: 15 } } : constraints);
    const seen = { prejoin: false, bootStage: false, bootStageBeforeNext: false, prejoinBeforeNext: false };
    (window as unknown as { balaiSeen: typeof seen }).balaiSeen = seen;
    new MutationObserver(() => {
      if (!seen.prejoin && document.querySelector('.media-prejoin')) {
        seen.prejoin = true;
        seen.prejoinBeforeNext = !document.querySelector('script[src*="/_next/"]');
      }
      if (!seen.bootStage && document.querySelector('#balai-boot-stage video')) {
        seen.bootStage = true;
        seen.bootStageBeforeNext = !document.querySelector('script[src*="/_next/"]');
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

type Seen = { prejoin: boolean; bootStage: boolean; bootStageBeforeNext: boolean; prejoinBeforeNext: boolean };
const seenIn = (page: Page) => page.evaluate(() => (window as unknown as { balaiSeen: Seen }).balaiSeen);
const prejoinSeen = async (page: Page) => (await seenIn(page)).prejoin;
const live = (page: Page) => expect(page.locator('.media-room').getByRole('status').first()).toHaveText(/Live/, { timeout: 30_000 });
const framesFrom = async (page: Page, peerId: string) =>
  (await page.evaluate(() => window.balaiMediaStats?.() ?? Promise.resolve([] as Stat[]))).filter((s) => s.source === 'camera' && s.peerId === peerId).reduce((n, s) => n + s.framesDecoded, 0);

async function expectFramesGrowing(page: Page, peerId: string, message: string) {
  const start = await framesFrom(page, peerId);
  await expect.poll(async () => (await framesFrom(page, peerId)) - start, { timeout: 30_000, message }).toBeGreaterThan(10);
}

test('a first-time joiner gets the device check; after joining once they go straight into the call with the same devices; unticking brings the check back', async ({ browser }) => {
  const eventTitle = `Returning ${Date.now()}`;
  const sessionTitle = 'Weekly stand-up';
  const rina = newPerson('Rina Returning');
  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: rina }] });
  await prepare(org);
  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await org.getByRole('button', { name: JOIN }).click();
  await live(org);
  const orgPeer = (await org.locator('.media-room').getAttribute('data-peer-id'))!;

  const page = await newPersonPage(browser, { viewport: { width: 1280, height: 800 } });
  await prepare(page);
  await signUp(page, rina);
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();

  // First time here: the device check, with the camera's preview and the skip box ticked by default.
  await expect(page.getByTestId('camera-preview')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('checkbox', { name: SKIP })).toBeChecked();
  await page.screenshot({ path: 'reports/join-first-time-1280.png' });
  const cameraChosen = await page.getByTestId('camera-preview').evaluate((v: HTMLVideoElement) => (v.srcObject as MediaStream).getVideoTracks()[0]!.getSettings().deviceId);
  await page.getByRole('button', { name: JOIN }).click();
  await live(page);
  await expectFramesGrowing(page, orgPeer, 'the organizer’s camera should be received on the first join');

  // Back on the page (a reload, as opening the link again): no check, straight into the call. The organizer's
  // camera is on screen first in the boot script's stage, before Next.js's scripts run; the page's own stage
  // then takes over from it.
  const problems: string[] = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  const response = (await page.reload())!;
  await live(page);
  expect(await prejoinSeen(page), 'the device check should be skipped').toBe(false);
  // The rewritten page is still compressed; the boot scripts are cached for good (their names change with them).
  expect(response.headers()['content-encoding']).toBe('gzip');
  const bootUrl = await page.locator('script[data-boot]').getAttribute('data-boot');
  const bootScript = await page.request.get(bootUrl!, { headers: { 'accept-encoding': 'gzip' } });
  expect(bootScript.headers()['cache-control']).toContain('immutable');
  // …and sent compressed (a phone on a slow network waits for every byte of it).
  expect(bootScript.headers()['content-encoding']).toBe('gzip');
  expect(await bootScript.text()).toContain('balai:media:first-frame');
  expect(await seenIn(page)).toMatchObject({ bootStage: true, bootStageBeforeNext: true });
  await expect(page.locator('#balai-boot-stage')).toHaveCount(0);
  expect(await page.locator('script[data-balai-src]').count(), 'every held script should have been released').toBe(0);
  // React hydrated the page with the boot stage in it and then removed it: no hydration error, no script error.
  expect(problems).toEqual([]);
  await expect(page.locator('.session-shell.in-call')).toBeVisible();
  // Her remembered camera is on and published: the organizer receives its frames; she receives the organizer's.
  await expect(page.getByTestId('self-video')).toBeVisible();
  expect(await page.getByTestId('self-video').evaluate((v: HTMLVideoElement) => (v.srcObject as MediaStream).getVideoTracks()[0]!.getSettings().deviceId)).toBe(cameraChosen);
  const rinaPeer = (await page.locator('.media-room').getAttribute('data-peer-id'))!;
  await expectFramesGrowing(org, rinaPeer, 'the returning person’s camera should reach the organizer');
  await expectFramesGrowing(page, orgPeer, 'the returning person should receive the organizer’s camera');
  await page.screenshot({ path: 'reports/join-returning-1280.png' });

  // Leaving and joining again in the same tab shows the check (prefilled); unticking the box keeps it next time.
  await page.getByRole('button', { name: 'Leave' }).click();
  await page.getByRole('button', { name: 'Join again' }).click();
  await expect(page.getByTestId('camera-preview')).toBeVisible();
  await page.getByRole('checkbox', { name: SKIP }).uncheck();
  await page.getByRole('button', { name: JOIN }).click();
  await live(page);
  await page.reload();
  await expect(page.getByRole('button', { name: JOIN })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('checkbox', { name: SKIP })).not.toBeChecked();
  await expect(page.getByTestId('camera-preview')).toBeVisible();
  expect((await seenIn(page)).bootStage, 'a join with the check has no boot stage').toBe(false);
});

test('at 360 px a returning person also goes straight in', async ({ browser }) => {
  const eventTitle = `Returning phone ${Date.now()}`;
  const sessionTitle = 'Morning check-in';
  const budi = newPerson('Budi Balik');
  await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: budi }] });
  const page = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await prepare(page);
  await signUp(page, budi);
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(page.getByRole('checkbox', { name: SKIP })).toBeChecked({ timeout: 30_000 });
  await page.screenshot({ path: 'reports/join-first-time-360.png', fullPage: true });
  await page.getByRole('button', { name: JOIN }).click();
  await live(page);
  await page.reload();
  await live(page);
  expect(await prejoinSeen(page)).toBe(false);
  await expect(page.getByTestId('self-video')).toBeVisible();
  await page.screenshot({ path: 'reports/join-returning-360.png' });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('a first join from a fresh page load: the device check works before Next.js runs, and joining from it, quickly or after the page came alive around it, is the page’s call', async ({ browser }) => {
  const eventTitle = `First load ${Date.now()}`;
  const sessionTitle = 'Country briefings';
  const sari = newPerson('Sari Segar');
  const tomas = newPerson('Tomás Tarde');
  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: sari }, { person: tomas }] });
  await prepare(org);
  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await org.waitForURL(/\/sessions\/[0-9a-f-]{36}$/);
  const sessionUrl = org.url();
  await org.getByRole('button', { name: JOIN }).click();
  await live(org);
  const orgPeer = (await org.locator('.media-room').getAttribute('data-peer-id'))!;

  // Sari opens the session's address and joins as soon as she can: the check was drawn by the boot script while
  // Next.js's scripts were held, and her click joins at once; the organizer's camera shows first in the boot stage.
  const page = await newPersonPage(browser, { viewport: { width: 1280, height: 800 } });
  await prepare(page);
  await signUp(page, sari);
  await page.goto(sessionUrl);
  await expect(page.getByTestId('camera-preview')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('checkbox', { name: SKIP })).toBeChecked();
  await page.getByRole('button', { name: JOIN }).click();
  await live(page);
  expect(await seenIn(page)).toMatchObject({ prejoin: true, prejoinBeforeNext: true, bootStage: true, bootStageBeforeNext: true });
  await expect(page.locator('#balai-boot-stage')).toHaveCount(0);
  await expect(page.locator('#balai-boot-prejoin')).toBeEmpty();
  await expect(page.getByTestId('self-video')).toBeVisible();
  const sariPeer = (await page.locator('.media-room').getAttribute('data-peer-id'))!;
  await expectFramesGrowing(org, sariPeer, 'the camera chosen in the boot’s check should reach the organizer');
  await expectFramesGrowing(page, orgPeer, 'the organizer’s camera should be received');

  // Tomás looks at the check for a while: the page hydrates around it (its other parts work), he turns his camera
  // off there, and his click still joins the page's call, with the microphone only.
  const late = await newPersonPage(browser, { viewport: { width: 1280, height: 800 } });
  await prepare(late);
  await signUp(late, tomas);
  await late.goto(sessionUrl);
  await expect(late.getByTestId('camera-preview')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => late.locator('script[data-balai-src]').count(), { timeout: 30_000, message: 'Next.js’s scripts should be let in after a while' }).toBe(0);
  await expect(late.locator('.media-prejoin')).toHaveCount(1);
  await late.getByRole('checkbox', { name: 'Camera on' }).uncheck();
  await expect(late.getByTestId('camera-preview')).toHaveCount(0);
  await late.getByRole('button', { name: JOIN }).click();
  await live(late);
  expect((await seenIn(late)).prejoinBeforeNext).toBe(true);
  await expect(late.locator('#balai-boot-prejoin')).toBeEmpty();
  await expect(late.getByTestId('self-video')).toHaveCount(0);
  await expect(late.getByRole('toolbar', { name: 'Call controls' }).getByRole('button', { name: 'Mute', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await expectFramesGrowing(late, orgPeer, 'the organizer’s camera should reach the late joiner too');
  await page.screenshot({ path: 'reports/join-first-load-1280.png' });
});
