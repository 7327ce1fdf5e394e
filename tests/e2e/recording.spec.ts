import { type Browser, type Page } from '@playwright/test';
import { expect, test, newPerson, newPersonPage, organizeMeeting, signUp, type Person } from './helpers';

// A browser with a fake camera plus FFmpeg composing 720p on a small shared machine.
test.describe.configure({ timeout: 240_000 });

async function openSessionAs(browser: Browser, person: Person, eventTitle: string, sessionTitle: string): Promise<Page> {
  const page = await newPersonPage(browser);
  await signUp(page, person);
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(page.getByRole('heading', { name: sessionTitle })).toBeVisible();
  return page;
}

/** Plays a recording's player muted and waits until its time moves: the MP4 really plays. */
async function expectPlays(page: Page) {
  const video = page.locator('video[src^="/recordings/"]').first();
  await expect(video).toBeVisible({ timeout: 60_000 });
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 }).toBeGreaterThan(1);
  expect(await video.evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight])).toEqual([1280, 720]);
}

test('a moderator records the session from the call; a participant sees the indicator; the recording is listed, plays, and is shared by the organizer', async ({ browser }) => {
  const ana = newPerson('Ana Participant');
  const eventTitle = `Recording ${Date.now()}`;
  const sessionTitle = 'Recorded plenary';
  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: ana }] });
  await org.setViewportSize({ width: 1280, height: 800 });
  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(org.getByRole('heading', { name: sessionTitle })).toBeVisible();
  await org.getByRole('button', { name: 'Join the live session' }).click();
  await expect(org.locator('.media-room').getByRole('status').first()).toHaveText(/Live/, { timeout: 30_000 });

  const participant = await openSessionAs(browser, ana, eventTitle, sessionTitle);
  const anaStatus = participant.getByTestId('recording-status').first();
  // Participants get no recording controls.
  await expect(participant.getByRole('button', { name: 'Start recording' })).toHaveCount(0);

  const bar = org.getByRole('toolbar', { name: 'Call controls' });
  // The recording's controls are a tray of the bar (one button there); participants have neither.
  await expect(participant.getByRole('button', { name: 'Recording', exact: true })).toHaveCount(0);
  await bar.getByRole('button', { name: 'Recording', exact: true }).click();
  // Burning captions in is the moderator's choice at start, off unless ticked; participants never see it.
  const burn = bar.getByRole('checkbox', { name: 'Burn captions in' });
  await expect(burn).not.toBeChecked();
  await expect(participant.getByRole('checkbox', { name: 'Burn captions in' })).toHaveCount(0);
  await burn.focus();
  await org.keyboard.press('Space');
  await expect(burn).toBeChecked();
  await org.keyboard.press('Space');
  await expect(burn).not.toBeChecked();
  await bar.screenshot({ path: test.info().outputPath('call-bar-recording-options.png') });
  await bar.getByRole('button', { name: 'Start recording' }).click();
  await expect(burn).toHaveCount(0);
  await expect(bar.getByTestId('recording-status')).toContainText('Recording');
  await expect(anaStatus).toContainText('Recording');
  await expect(anaStatus.locator('[data-recording="recording"]')).toBeVisible();

  // Media time has to pass for the recording to have a length.
  await org.waitForTimeout(6_000);
  await bar.getByRole('button', { name: 'Pause recording' }).click();
  await expect(anaStatus).toContainText('Recording paused');
  await bar.getByRole('button', { name: 'Resume recording' }).click();
  await expect(anaStatus.locator('[data-recording="recording"]')).toBeVisible();
  await org.waitForTimeout(4_000);
  await bar.getByRole('button', { name: 'Stop recording' }).click();
  await expect(anaStatus.locator('[data-recording]')).toHaveCount(0);

  await org.getByRole('button', { name: 'Leave' }).first().click();
  await expect(org.getByRole('heading', { name: 'Recordings' })).toBeVisible();
  await expectPlays(org);

  // Staff only at first: Ana sees no recording until the organizer opens it to everyone in the event.
  await expect(participant.locator('video[src^="/recordings/"]')).toHaveCount(0);
  const url = (await org.locator('video[src^="/recordings/"]').first().getAttribute('src'))!;
  expect((await participant.request.get(url)).status()).toBe(404);
  await org.getByLabel('Who can watch').selectOption('participants');
  await expectPlays(participant);

  // Served with byte ranges (seeking, resumable downloads).
  const ranged = await participant.request.get(url, { headers: { Range: 'bytes=0-99' } });
  expect(ranged.status()).toBe(206);
  expect(ranged.headers()['content-range']).toMatch(/^bytes 0-99\/\d+$/);
  expect((await ranged.body()).length).toBe(100);
  await expect(participant.getByRole('link', { name: 'Download MP4' })).toHaveAttribute('href', `${url}?download=1`);

  // A public link works without signing in; the plain URL does not.
  await org.getByLabel('Who can watch').selectOption('public');
  const publicLink = org.getByRole('link', { name: /\/recordings\/.*\?t=/ });
  await expect(publicLink).toBeVisible();
  const anonymous = await newPersonPage(browser);
  expect((await anonymous.request.get(url)).status()).toBe(404);
  expect((await anonymous.request.get((await publicLink.getAttribute('href'))!, { headers: { Range: 'bytes=0-9' } })).status()).toBe(206);

  // Deleting takes it away for everyone.
  org.once('dialog', (d) => void d.accept());
  await org.getByRole('button', { name: 'Delete' }).click();
  await expect(org.locator('video[src^="/recordings/"]')).toHaveCount(0);
  await expect(participant.locator('video[src^="/recordings/"]')).toHaveCount(0);
  expect((await participant.request.get(url)).status()).toBe(404);
});
