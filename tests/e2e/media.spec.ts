import { type Browser, type Page } from '@playwright/test';
import { expect, test, newPersonPage, signIn } from './helpers';

// Demo accounts from the seed (lib/db/seed-demo.ts); each test uses its own session so state does not leak.
const EVENT = 'Innovations of Women-owned Small and Medium Industries';
const PASSWORD = 'balai-demo';
const PRESENTER = { email: 'presenter@balai.example', name: 'Dr. Priya Raman' };
const MODERATOR = { email: 'moderator@balai.example', name: 'Ana Dela Cruz' };
const ONLINE = { email: 'online@balai.example', name: 'Tenzin Gurung' };

// Each test signs in two or three people and waits for real WebRTC media on a shared 2-core machine.
test.describe.configure({ timeout: 120_000 });

// Every page a test opens; their contexts close after the test so no camera keeps publishing into the next one.
const opened: Page[] = [];
test.afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.context().close()));
});

type Stat = { source: string; kind: string; peerId: string; framesDecoded: number; packetsReceived: number };

/**
 * Lets a test cut this page's realtime connection (WebSocket and polling) and restore it, like a network
 * drop for Socket.IO; the page itself is untouched.
 */
async function cuttableRealtime(page: Page) {
  let down = false;
  const open: Array<{ close(): Promise<void> }> = [];
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (down) return void ws.close();
    ws.connectToServer();
    open.push(ws);
  });
  await page.route(/\/socket\.io\//, (route) => (down ? route.abort('internetdisconnected') : route.continue()));
  return {
    async cut() {
      down = true;
      await Promise.all(open.splice(0).map((ws) => ws.close()));
    },
    restore() {
      down = false;
    },
  };
}

async function openSession(browser: Browser, email: string, sessionTitle: string, before?: (page: Page) => Promise<void>): Promise<Page> {
  const page = await newPersonPage(browser);
  opened.push(page);
  await before?.(page);
  await signIn(page, email, PASSWORD);
  await page.getByRole('link', { name: EVENT }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(page.getByRole('heading', { name: sessionTitle })).toBeVisible();
  return page;
}

async function joinStage(page: Page) {
  await page.getByRole('button', { name: 'Join the live session' }).click();
  await expect(page.locator('.media-room').getByRole('status').first()).toHaveText(/Live/, { timeout: 20_000 });
}

const stats = (page: Page) => page.evaluate(() => window.balaiMediaStats?.() ?? Promise.resolve([] as Stat[]));

/** Waits until WebRTC reports decoded frames (video) or received packets (audio) for a source. */
async function expectFlowing(page: Page, source: string) {
  await expect
    .poll(async () => (await stats(page)).filter((s) => s.source === source).reduce((n, s) => n + (s.kind === 'video' ? s.framesDecoded : s.packetsReceived), 0), {
      timeout: 20_000,
      message: `${source} should be decoded`,
    })
    .toBeGreaterThan(0);
}

async function expectVideoShows(page: Page, selector: string) {
  const video = page.locator(selector).first();
  await expect(video).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth * v.videoHeight), { timeout: 20_000 }).toBeGreaterThan(0);
}

test('a presenter’s camera, microphone and screen reach two viewers; a moderator mutes the presenter', async ({ browser }) => {
  const session = 'Keynote: women-owned SMIs in Asia and the Pacific';
  const presenter = await openSession(browser, PRESENTER.email, session);
  await expect(presenter.getByTestId('camera-preview')).toBeVisible();
  await expect(presenter.getByRole('meter', { name: 'Microphone level' })).toBeVisible();
  await joinStage(presenter);
  await presenter.getByRole('button', { name: 'Share screen' }).click();
  await expect(presenter.getByTestId('own-screen')).toBeVisible();

  const viewer = await openSession(browser, ONLINE.email, session);
  // A webinar participant watches: no devices are opened and no publishing controls are offered.
  await expect(viewer.getByText('You will watch and listen.', { exact: false })).toBeVisible();
  await joinStage(viewer);
  await expect(viewer.getByRole('button', { name: 'Share screen' })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Mute' })).toHaveCount(0);

  const moderator = await openSession(browser, MODERATOR.email, session);
  await joinStage(moderator);

  for (const page of [viewer, moderator]) {
    const tile = page.getByTestId('remote-tile').filter({ hasText: PRESENTER.name });
    await expect(tile.getByTestId('remote-video')).toBeVisible({ timeout: 20_000 });
    await expectVideoShows(page, '[data-testid="remote-screen"]');
    await expectVideoShows(page, '[data-testid="remote-video"]');
    await expectFlowing(page, 'camera');
    await expectFlowing(page, 'screen');
    await expectFlowing(page, 'microphone');
    await expect(tile.getByTestId('mic-off')).toHaveCount(0);
  }

  // The moderation controls are in the call's People panel.
  await moderator.getByRole('toolbar', { name: 'Call controls' }).getByRole('button', { name: 'People', exact: true }).click();
  await moderator.getByRole('button', { name: `Mute ${PRESENTER.name}` }).click();
  await expect(presenter.getByTestId('media-notice')).toContainText('A moderator muted your microphone');
  await expect(presenter.getByRole('button', { name: 'Unmute' })).toBeVisible();
  await expect(viewer.getByTestId('remote-tile').filter({ hasText: PRESENTER.name }).getByTestId('mic-off')).toBeVisible();

  await moderator.getByRole('button', { name: `Stop the screen share of ${PRESENTER.name}` }).click();
  await expect(presenter.getByTestId('media-notice')).toContainText('A moderator stopped your screen share');
  await expect(viewer.getByTestId('remote-screen')).toHaveCount(0);
  await viewer.screenshot({ path: 'reports/media-viewer.png', fullPage: true });
  await presenter.screenshot({ path: 'reports/media-presenter.png', fullPage: true });
});

test('in a meeting everyone online publishes, and media comes back after the connection drops, without a reload', async ({ browser }) => {
  const session = 'Country presentations I';
  const a = await openSession(browser, ONLINE.email, session);
  await joinStage(a);
  let network: Awaited<ReturnType<typeof cuttableRealtime>> | undefined;
  const b = await openSession(browser, PRESENTER.email, session, async (page) => {
    network = await cuttableRealtime(page);
  });
  await joinStage(b);
  await expectVideoShows(a, '[data-testid="remote-video"]');
  await expectFlowing(b, 'camera');
  await expectFlowing(b, 'microphone');

  const room = b.locator('.media-room');
  const before = await room.getAttribute('data-peer-id');
  const marker = await b.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));
  await network!.cut();
  await expect(room.getByRole('status').first()).toHaveText(/reconnecting/i);
  // The server dropped this peer's media with its socket; the other side sees the tile go.
  await expect(a.getByTestId('remote-tile').filter({ hasText: PRESENTER.name })).toHaveCount(0);
  network!.restore();
  await expect(room.getByRole('status').first()).toHaveText(/Live/, { timeout: 30_000 });
  await expect(room).not.toHaveAttribute('data-peer-id', before ?? '');
  await expectFlowing(b, 'camera');
  await expectVideoShows(b, '[data-testid="remote-video"]');
  // Same page: nothing was reloaded.
  expect(await b.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(marker);
  await expectVideoShows(a, '[data-testid="remote-video"]');
});

test('the hall device publishes the room to a webinar and shows the stage; chat works beside it', async ({ browser }) => {
  const session = 'Panel: access to finance and markets';
  const hall = await openSession(browser, MODERATOR.email, session);
  await hall.getByRole('link', { name: 'Hall device mode' }).click();
  await expect(hall.getByRole('heading', { level: 1, name: /Hall device/ })).toBeVisible();
  await hall.getByRole('button', { name: 'Start the hall device' }).click();
  await expect(hall.locator('.media-room').getByRole('status').first()).toHaveText(/Live/, { timeout: 20_000 });

  const viewer = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  opened.push(viewer);
  await signIn(viewer, ONLINE.email, PASSWORD);
  await viewer.getByRole('link', { name: EVENT }).click();
  await viewer.getByRole('link', { name: session, exact: true }).click();
  await joinStage(viewer);
  const hallTile = viewer.getByTestId('remote-tile').filter({ hasText: 'Hall' });
  await expect(hallTile.getByTestId('remote-video')).toBeVisible({ timeout: 20_000 });
  await expectFlowing(viewer, 'camera');
  await expectFlowing(viewer, 'microphone');
  // The projector shows the people online who speak: here the viewer only watches, so the hall shows nobody.
  await expect(hall.getByTestId('self-tile')).toHaveCount(0);

  // On a phone the side panels are in the control bar's "More options"; chat opens over the stage.
  await viewer.getByRole('button', { name: 'More options' }).click();
  await viewer.getByRole('button', { name: 'Chat', exact: true }).click();
  await viewer.getByRole('textbox', { name: 'Message' }).fill('Greetings from Kathmandu');
  await viewer.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(viewer.getByTestId('chat-message').filter({ hasText: 'Greetings from Kathmandu' })).toBeVisible();
  await viewer.screenshot({ path: 'reports/media-phone.png', fullPage: true });
  await hall.screenshot({ path: 'reports/media-hall.png', fullPage: true });
});

test('a presenter sharing their screen comes back after a dropped connection still sharing, camera and mute as before', async ({ browser }) => {
  const session = 'Panel: access to finance and markets';
  let network: Awaited<ReturnType<typeof cuttableRealtime>> | undefined;
  const presenter = await openSession(browser, PRESENTER.email, session, async (page) => {
    network = await cuttableRealtime(page);
  });
  await joinStage(presenter);
  await presenter.getByRole('button', { name: 'Share screen' }).click();
  await expect(presenter.getByTestId('own-screen')).toBeVisible();
  await presenter.getByRole('button', { name: 'Mute' }).click();
  await expect(presenter.getByRole('button', { name: 'Unmute' })).toBeVisible();

  const viewer = await openSession(browser, ONLINE.email, session);
  await joinStage(viewer);
  await expectVideoShows(viewer, '[data-testid="remote-screen"]');

  // The media is rebuilt from scratch (new transports, new producers), as after a breakout move or the return.
  const room = presenter.locator('.media-room');
  const before = await room.getAttribute('data-peer-id');
  await network!.cut();
  await expect(room.getByRole('status').first()).toHaveText(/reconnecting/i);
  await expect(viewer.getByTestId('remote-screen')).toHaveCount(0);
  network!.restore();
  await expect(room.getByRole('status').first()).toHaveText(/Live/, { timeout: 30_000 });
  await expect(room).not.toHaveAttribute('data-peer-id', before ?? '');

  // Nobody shared again: the same screen, camera and muted microphone are back.
  await expect(presenter.getByRole('button', { name: 'Stop sharing' })).toBeVisible();
  await expect(presenter.getByRole('button', { name: 'Unmute' })).toBeVisible();
  await expectVideoShows(viewer, '[data-testid="remote-screen"]');
  await expectFlowing(viewer, 'screen');
  await expectFlowing(viewer, 'camera');
  await expect(viewer.getByTestId('remote-tile').filter({ hasText: PRESENTER.name }).getByTestId('mic-off')).toBeVisible();
});
