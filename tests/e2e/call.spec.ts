import { type Browser, type Page } from '@playwright/test';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { expect, test, newPerson, newPersonPage, organizeMeeting, signUp, watchContentSecurityPolicy, type Person } from './helpers';

type Stat = { source: string; kind: string; peerId: string; framesDecoded: number; packetsReceived: number };

// Several browsers with fake cameras on a 2-core machine.
test.describe.configure({ timeout: 180_000 });

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

/** Tiny fake video so the encoders of several browsers keep up on a small machine. */
async function smallVideo(page: Page) {
  await page.addInitScript(() => {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints?: MediaStreamConstraints) =>
      original(constraints?.video ? { ...constraints, video: { ...(typeof constraints.video === 'object' ? constraints.video : {}), width: 320, height: 180, frameRate: 15 } } : constraints);
  });
}

const stats = (page: Page) => page.evaluate(() => window.balaiMediaStats?.() ?? Promise.resolve([] as Stat[]));
const framesOf = async (page: Page, peerId: string) => (await stats(page)).filter((s) => s.source === 'camera' && s.peerId === peerId).reduce((n, s) => n + s.framesDecoded, 0);
const packetsOf = async (page: Page, peerId: string, source: string) =>
  (await stats(page)).filter((s) => s.source === source && s.peerId === peerId).reduce((n, s) => n + s.packetsReceived, 0);

/** Waits until `measure` grows by more than `by` (frames or packets keep arriving). */
async function expectGrowing(measure: () => Promise<number>, by = 10, message = 'should keep arriving') {
  const start = await measure();
  await expect.poll(async () => (await measure()) - start, { timeout: 30_000, message }).toBeGreaterThan(by);
}

async function openSessionAs(browser: Browser, person: Person, eventTitle: string, sessionTitle: string, viewport = LAPTOP): Promise<Page> {
  const page = await newPersonPage(browser, { viewport });
  await smallVideo(page);
  await signUp(page, person);
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(page.getByRole('heading', { name: sessionTitle })).toBeVisible();
  return page;
}

async function organizerInSession(browser: Browser, eventTitle: string, sessionTitle: string, invitees: Person[]): Promise<Page> {
  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: invitees.map((person) => ({ person })) });
  await org.setViewportSize(LAPTOP);
  await smallVideo(org);
  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(org.getByRole('heading', { name: sessionTitle })).toBeVisible();
  return org;
}

async function join(page: Page) {
  await page.getByRole('button', { name: 'Join the live session' }).click();
  await expect(page.locator('.media-room').getByRole('status').first()).toHaveText(/Live/, { timeout: 30_000 });
}

/** The call covers the whole window: no page around it, nothing to scroll. */
async function expectFillsWindow(page: Page) {
  const viewport = page.viewportSize()!;
  const box = await page.locator('.session-shell.in-call').boundingBox();
  expect(box).toEqual({ x: 0, y: 0, width: viewport.width, height: viewport.height });
  const stage = (await page.locator('.media-room.call').boundingBox())!;
  expect(stage.width).toBeGreaterThanOrEqual(viewport.width * 0.7);
  expect(stage.height).toBeGreaterThanOrEqual(viewport.height - 1);
  const bar = (await page.getByRole('toolbar', { name: 'Call controls' }).boundingBox())!;
  expect(bar.y + bar.height).toBeLessThanOrEqual(viewport.height);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
}

const focusTile = (page: Page) => page.getByTestId('stage-focus').locator('[data-name]');

test('joining turns the session page into a full-window call on a laptop and a phone; spotlight, pin, shortcuts; leaving gives the page back', async ({ browser }) => {
  const ana = newPerson('Ana Phone');
  const eventTitle = `Call layout ${Date.now()}`;
  const sessionTitle = 'Stage-first meeting';
  const org = await organizerInSession(browser, eventTitle, sessionTitle, [ana]);
  // The stage is first on the page, before the side panels (the breakout control among them).
  const stageCard = await org.locator('.stage-card').boundingBox();
  const side = await org.locator('.shell-side').boundingBox();
  expect(stageCard!.x).toBeLessThan(side!.x);
  await join(org);
  await expectFillsWindow(org);
  // Focus starts on the first call control.
  await expect(org.getByRole('toolbar', { name: 'Call controls' }).getByRole('button').first()).toBeFocused();

  const phone = await openSessionAs(browser, ana, eventTitle, sessionTitle, PHONE);
  await join(phone);
  await expectFillsWindow(phone);
  for (const page of [org, phone]) await expect(page.getByTestId('remote-tile').getByTestId('remote-video')).toBeVisible({ timeout: 30_000 });
  await expect(org.locator('.media-stage')).toHaveAttribute('data-layout', 'gallery');
  const orgPeer = (await org.locator('.media-room').getAttribute('data-peer-id'))!;
  const anaPeer = (await phone.locator('.media-room').getAttribute('data-peer-id'))!;
  await expectGrowing(() => framesOf(org, anaPeer), 5, 'the phone camera should be decoded');
  // Each tile shows a connection level measured from getStats, and so does one's own.
  await expect(org.getByTestId('remote-tile').getByTestId('network-quality')).toHaveAttribute('data-level', /good|fair|poor/, { timeout: 15_000 });
  await expect(org.getByRole('img', { name: /^Your connection: (good|fair|poor)$/ })).toBeVisible({ timeout: 15_000 });
  await org.screenshot({ path: 'reports/call-gallery-laptop.png' });

  // Only moderators may spotlight: no such control for Ana.
  await expect(phone.getByRole('button', { name: /^Spotlight / })).toHaveCount(0);
  await org.getByRole('button', { name: `Spotlight ${ana.name} for everyone` }).click();
  await expect(focusTile(org)).toHaveAttribute('data-name', ana.name);
  await expect(focusTile(phone)).toHaveAttribute('data-name', `${ana.name} (you)`);
  await expect(org.getByRole('button', { name: `End the spotlight on ${ana.name}` })).toHaveAttribute('aria-pressed', 'true');
  await org.screenshot({ path: 'reports/call-speaker-laptop.png' });
  await phone.screenshot({ path: 'reports/call-speaker-phone.png' });

  // Pinning is local: Ana pins the organizer; the organizer's stage still shows the spotlight.
  await phone.getByRole('button', { name: 'Pin Olga Organizer' }).click();
  await expect(focusTile(phone)).toHaveAttribute('data-name', 'Olga Organizer');
  await expect(focusTile(org)).toHaveAttribute('data-name', ana.name);
  await org.getByRole('button', { name: `End the spotlight on ${ana.name}` }).click();
  await expect(org.locator('.media-stage')).toHaveAttribute('data-layout', 'gallery');
  await expect(focusTile(phone)).toHaveAttribute('data-name', 'Olga Organizer');
  await phone.getByRole('button', { name: 'Unpin Olga Organizer' }).click();
  await expect(phone.locator('.media-stage')).toHaveAttribute('data-layout', 'gallery');
  for (const video of await phone.locator('video').all()) await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  await phone.screenshot({ path: 'reports/call-gallery-phone.png' });
  expect(orgPeer).not.toBe(anaPeer);

  // Keyboard: M mutes, and the microphone (Chromium's fake one beeps) hearing sound while muted says so.
  await phone.locator('body').press('m');
  await expect(phone.getByRole('button', { name: 'Unmute' })).toHaveAttribute('aria-pressed', 'true');
  await expect(phone.getByTestId('muted-hint')).toHaveText('You are muted. Press M to unmute.', { timeout: 15_000 });
  await expect(org.getByTestId('remote-tile').filter({ hasText: ana.name }).getByTestId('mic-off')).toBeVisible();
  await phone.locator('body').press('m');
  await expect(phone.getByRole('button', { name: 'Mute', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await expect(phone.getByTestId('muted-hint')).toHaveCount(0);
  // The icon buttons say what they do on hover, as Meet's do (the laptop; a phone has no hover).
  const orgMic = org.getByRole('toolbar', { name: 'Call controls' }).getByRole('button', { name: /^(Mute|Unmute)$/ });
  const tip = orgMic.locator('.call-label');
  expect((await tip.boundingBox())!.width).toBeLessThan(2);
  await orgMic.hover();
  await expect.poll(async () => (await tip.boundingBox())!.width).toBeGreaterThan(20);
  expect((await tip.boundingBox())!.y).toBeLessThan((await orgMic.boundingBox())!.y);
  await org.mouse.move(0, 0);
  // V turns the camera off; ? lists the shortcuts in a dialog that Escape closes.
  await org.locator('body').press('v');
  await expect(org.getByRole('button', { name: 'Turn camera on' })).toHaveAttribute('aria-pressed', 'false');
  await expect(phone.getByTestId('remote-tile').getByTestId('remote-video')).toHaveCount(0);
  await org.locator('body').press('Shift+?');
  const help = org.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByText('Mute or unmute your microphone')).toBeVisible();
  await expect(help.getByText('Turn your camera on or off')).toBeVisible();
  await expect(help.getByText('Raise hand')).toBeVisible();
  await org.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // Reactions and the hand are in the call's bar, as in Meet: H raises the hand (the organizer sees it queued
  // in the People panel), and a reaction from the bar floats on the other person's screen.
  const phoneBar = phone.getByRole('toolbar', { name: 'Call controls' });
  await phone.locator('body').press('h');
  await expect(phoneBar.getByRole('button', { name: 'Lower hand' })).toHaveAttribute('aria-pressed', 'true');
  await org.getByRole('toolbar', { name: 'Call controls' }).getByRole('button', { name: 'People', exact: true }).click();
  await expect(org.getByTestId('raised-hand').filter({ hasText: ana.name })).toBeVisible();
  // The room's switches: each box sits on the first line of its own words, not alone above them.
  for (const name of ['Lock the room', 'Everyone may share their screen']) {
    const placed = await org.getByRole('checkbox', { name }).evaluate((input) => {
      const box = input.getBoundingClientRect();
      const words = document.createRange();
      words.selectNodeContents(input.closest('label')!);
      words.setStartAfter(input);
      const firstLine = words.getClientRects()[0]!;
      return { besideWords: box.right <= firstLine.left, sameLine: box.top < firstLine.bottom && box.bottom > firstLine.top };
    });
    expect(placed, name).toEqual({ besideWords: true, sameLine: true });
  }
  await org.locator('body').press('Escape');
  // Behind one button, as in Meet, so the bar stays one row: it opens a tray of the six.
  const react = phoneBar.getByRole('button', { name: 'Send a reaction' });
  await react.click();
  await expect(react).toHaveAttribute('aria-expanded', 'true');
  await phoneBar.getByRole('group', { name: 'Reactions' }).getByRole('button', { name: 'Applause' }).click();
  await expect(org.getByTestId('reaction-float').filter({ hasText: '👏' }).first()).toBeVisible();
  // On the call, not behind it: the full-window call is itself laid over the page.
  const z = await org.evaluate(() => {
    const of = (selector: string) => Number(getComputedStyle(document.querySelector(selector)!).zIndex);
    return { overlay: of('[data-testid="reaction-overlay"]'), call: of('.session-shell.in-call') };
  });
  expect(z.overlay).toBeGreaterThan(z.call);
  await phoneBar.getByRole('button', { name: 'Lower hand' }).click();
  await expect(phoneBar.getByRole('button', { name: 'Raise hand' })).toHaveAttribute('aria-pressed', 'false');

  // Side panels: one at a time, Escape closes; Enter sends a chat message, Shift+Enter is a new line.
  const bar = org.getByRole('toolbar', { name: 'Call controls' });
  await bar.getByRole('button', { name: 'Chat', exact: true }).click();
  const message = org.getByRole('textbox', { name: 'Message' });
  await message.fill('First line');
  await message.press('Shift+Enter');
  await message.pressSequentially('second line');
  await message.press('Enter');
  await expect(org.getByTestId('chat-message').filter({ hasText: 'second line' })).toContainText('First line\nsecond line');
  await expect(message).toHaveValue('');
  await bar.getByRole('button', { name: 'Breakouts', exact: true }).click();
  await expect(bar.getByRole('button', { name: 'Chat', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await expect(message).toBeHidden();
  await expect(org.getByText('Open breakout rooms', { exact: true })).toBeVisible();
  await org.locator('body').press('Escape');
  await expect(org.locator('.session-shell')).not.toHaveClass(/panel-open/);

  // Leaving gives the normal page back.
  await org.getByRole('button', { name: 'Leave' }).click();
  await expect(org.getByRole('status').filter({ hasText: 'You left the live session.' })).toBeVisible();
  await expect(org.locator('.session-shell')).not.toHaveClass(/in-call/);
  await expect(org.getByRole('heading', { name: sessionTitle })).toBeInViewport();
  await expect(phone.getByTestId('remote-tile')).toHaveCount(0);
});

test('a screen share is large with the presenter’s camera beside it; the presenter sees “You are sharing” and stops', async ({ browser }) => {
  const viewerPerson = newPerson('Vera Viewer');
  const eventTitle = `Screen share ${Date.now()}`;
  const sessionTitle = 'Show and tell';
  const org = await organizerInSession(browser, eventTitle, sessionTitle, [viewerPerson]);
  await join(org);
  const viewer = await openSessionAs(browser, viewerPerson, eventTitle, sessionTitle);
  await join(viewer);
  await expect(viewer.getByTestId('remote-tile').getByTestId('remote-video')).toBeVisible({ timeout: 30_000 });

  await org.getByRole('button', { name: 'Share screen' }).click();
  await expect(org.getByRole('status').filter({ hasText: 'You are sharing your screen with everyone' })).toBeVisible();
  // The presenter's own share is small (in the gallery with the others), not their whole stage.
  await expect(org.getByTestId('own-screen')).toBeVisible();

  const screen = viewer.getByTestId('stage-focus').getByTestId('remote-screen');
  await expect(screen).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => screen.evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(viewer.locator('.media-stage')).toHaveAttribute('data-layout', 'speaker');
  // The presenter's camera is first in the film strip, beside the screen.
  await expect(viewer.getByTestId('film-strip').locator('[data-name]').first()).toHaveAttribute('data-name', 'Olga Organizer');
  const focusBox = (await viewer.getByTestId('stage-focus').boundingBox())!;
  expect(focusBox.width).toBeGreaterThan(LAPTOP.width * 0.6);
  // Fit is the default; Fill toggles.
  expect(await screen.evaluate((v) => getComputedStyle(v).objectFit)).toBe('contain');
  const fill = viewer.getByRole('button', { name: 'Fill the frame' });
  await fill.click();
  await expect(fill).toHaveAttribute('aria-pressed', 'true');
  expect(await screen.evaluate((v) => getComputedStyle(v).objectFit)).toBe('cover');
  await fill.click();
  await viewer.screenshot({ path: 'reports/call-screen-share-viewer.png' });
  await org.screenshot({ path: 'reports/call-screen-share-presenter.png' });

  await org.getByRole('button', { name: 'Stop presenting' }).click();
  await expect(org.getByRole('status').filter({ hasText: 'You are sharing' })).toHaveCount(0);
  await expect(viewer.getByTestId('remote-screen')).toHaveCount(0, { timeout: 30_000 });
  await expect(viewer.locator('.media-stage')).toHaveAttribute('data-layout', 'gallery');
});

test('switching camera and microphone mid-call keeps the others receiving frames and sound', async ({ browser, launchOptions }) => {
  // The switcher's browser has three fake cameras, so the switch is to a genuinely different device, as a
  // laptop's built-in camera to a USB one. fake_device_0 is I420 and fake_device_2 MJPEG, like real webcams;
  // fake_device_1 is a Y16 (depth camera) device that WebRTC does not encode at all, not even between two
  // bare RTCPeerConnections in one page (tried: 0 frames encoded), which is why an earlier attempt with
  // "fake camera 2" of two saw the video stop. The test switches between the two colour cameras.
  const threeCameras = await browser.browserType().launch({
    ...launchOptions,
    args: [...(launchOptions.args ?? []).filter((a) => a !== '--use-fake-device-for-media-stream'), '--use-fake-device-for-media-stream=device-count=3'],
  });
  try {
    await switchDevices(browser, threeCameras);
  } finally {
    await threeCameras.close();
  }
});

async function switchDevices(browser: Browser, threeCameras: Browser) {
  const switcherPerson = newPerson('Dina Device');
  const eventTitle = `Devices ${Date.now()}`;
  const sessionTitle = 'Switch devices';
  const org = await organizerInSession(browser, eventTitle, sessionTitle, [switcherPerson]);
  const switcher = await newPersonPage(threeCameras, { viewport: LAPTOP });
  await watchContentSecurityPolicy(switcher.context());
  await smallVideo(switcher);
  await signUp(switcher, switcherPerson);
  await switcher.getByRole('link', { name: eventTitle }).click();
  await switcher.getByRole('link', { name: sessionTitle, exact: true }).click();
  await join(switcher);
  await join(org);
  const switcherPeer = (await switcher.locator('.media-room').getAttribute('data-peer-id'))!;
  await expectGrowing(() => framesOf(org, switcherPeer), 10, 'the camera should be decoded before the switch');

  await switcher.getByRole('button', { name: 'More options' }).click();
  await switcher.getByRole('button', { name: 'Settings' }).click();
  const dialog = switcher.getByRole('dialog', { name: 'Audio and video' });
  await expect(dialog).toBeVisible();
  const camera = dialog.getByLabel('Camera');
  const cameras = await camera.locator('option').evaluateAll((os) => os.map((o) => ({ id: (o as HTMLOptionElement).value, label: o.textContent ?? '' })));
  expect(cameras.map((c) => c.label)).toEqual(['fake_device_0', 'fake_device_1', 'fake_device_2']);
  const selfTrack = () =>
    switcher.getByTestId('self-video').evaluate((v: HTMLVideoElement) => {
      const track = (v.srcObject as MediaStream).getVideoTracks()[0]!;
      return { id: track.id, deviceId: track.getSettings().deviceId ?? '', label: track.label };
    });
  const before = await selfTrack();
  expect(before.label).toBe('fake_device_0');
  const other = cameras.find((c) => c.label === 'fake_device_2')!;
  await camera.selectOption(other.id);
  await expect.poll(async () => (await selfTrack()).deviceId, { message: 'the other camera should be opened' }).toBe(other.id);
  expect((await selfTrack()).label).toBe(other.label);
  // Same stream for the others (replaceTrack): still one camera stream, and its frames keep coming from the new camera.
  await expectGrowing(() => framesOf(org, switcherPeer), 10, 'frames should keep coming after the switch to the second camera');
  expect((await stats(org)).filter((s) => s.source === 'camera' && s.peerId === switcherPeer)).toHaveLength(1);
  // And back to the first one.
  await camera.selectOption(before.deviceId);
  await expect.poll(async () => (await selfTrack()).deviceId).toBe(before.deviceId);
  await expectGrowing(() => framesOf(org, switcherPeer), 10, 'frames should keep coming after switching back');

  // Chromium's fake devices include three microphones: a real switch to another one.
  const microphone = dialog.getByLabel('Microphone');
  const mics = await microphone.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(mics.length).toBeGreaterThanOrEqual(2);
  const micBefore = await microphone.inputValue();
  const nextMic = mics.find((id) => id !== micBefore)!;
  await microphone.selectOption(nextMic);
  await expect(microphone).toHaveValue(nextMic);
  await expectGrowing(() => packetsOf(org, switcherPeer, 'microphone'), 20, 'sound should keep coming after the microphone switch');
  expect((await stats(org)).filter((s) => s.source === 'microphone' && s.peerId === switcherPeer)).toHaveLength(1);
  await expect(dialog.getByLabel('Speaker')).toBeVisible();
  await switcher.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
}

test('the gallery pages twelve people 3×3 and cameras off the page stop being received', async ({ browser }) => {
  const a = newPerson('Arif First');
  const b = newPerson('Bela Last');
  const eventTitle = `Gallery ${Date.now()}`;
  const sessionTitle = 'Big circle';
  const org = await organizerInSession(browser, eventTitle, sessionTitle, [a, b]);
  await join(org);
  const first = await openSessionAs(browser, a, eventTitle, sessionTitle, { width: 360, height: 740 });
  await join(first);
  // Nine more people in the room: sockets joining the live media (with the organizer's sign-in; each socket is a peer).
  const sessionId = new URL(org.url()).pathname.split('/').pop()!;
  const cookie = (await org.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const extra: Socket[] = [];
  try {
    for (let i = 0; i < 9; i++) {
      const socket = connectSocket(new URL(org.url()).origin, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, forceNew: true, reconnection: false });
      extra.push(socket);
      const ack = (await socket.timeout(10_000).emitWithAck('media:join', { sessionId, hall: false })) as { ok: boolean };
      expect(ack.ok).toBe(true);
    }
    const last = await openSessionAs(browser, b, eventTitle, sessionTitle, { width: 640, height: 480 });
    await join(last);
    const aPeer = (await first.locator('.media-room').getAttribute('data-peer-id'))!;
    const bPeer = (await last.locator('.media-room').getAttribute('data-peer-id'))!;

    // Page 1 of 2 on a laptop: nine tiles; Bela (who came last) is on page 2.
    await expect(org.getByTestId('gallery-page')).toHaveText('Page 1 of 2');
    await expect(org.getByTestId('gallery').locator('[data-name]')).toHaveCount(9);
    await expect(org.getByTestId('remote-tile').filter({ hasText: a.name }).getByTestId('remote-video')).toBeVisible({ timeout: 30_000 });
    await expect(org.getByTestId('remote-tile').filter({ hasText: b.name })).toHaveCount(0);
    await expectGrowing(() => framesOf(org, aPeer), 10, 'the camera on the page should be decoded');
    /** Frames of `off` decoded while `on` decoded more than ten: zero once `off` is paused. */
    const decodedWhileOtherRuns = async (on: string, off: string) => {
      const before = await framesOf(org, off);
      await expectGrowing(() => framesOf(org, on), 10);
      return (await framesOf(org, off)) - before;
    };
    await expect.poll(() => decodedWhileOtherRuns(aPeer, bPeer), { timeout: 30_000, message: 'a camera off the page should not be received' }).toBe(0);
    await org.screenshot({ path: 'reports/call-gallery-12.png' });
    // On Arif's phone (360 px) the same twelve are three pages of 2×2.
    await expect(first.getByTestId('gallery-page')).toHaveText('Page 1 of 3');
    await expect(first.getByTestId('gallery').locator('[data-name]')).toHaveCount(4);
    await first.screenshot({ path: 'reports/call-gallery-12-phone.png' });

    await org.getByRole('button', { name: 'Next page of people' }).click();
    await expect(org.getByTestId('gallery-page')).toHaveText('Page 2 of 2');
    await expect(org.getByTestId('remote-tile').filter({ hasText: b.name }).getByTestId('remote-video')).toBeVisible({ timeout: 30_000 });
    await expectGrowing(() => framesOf(org, bPeer), 10, 'the camera now on the page should be received again');
    await expect.poll(() => decodedWhileOtherRuns(bPeer, aPeer), { timeout: 30_000, message: 'the camera now off the page should stop' }).toBe(0);
  } finally {
    extra.forEach((s) => s.disconnect());
  }
});
