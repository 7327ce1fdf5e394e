import { expect, test, newPerson, newPersonPage, organizeMeeting, signUp } from './helpers';
import AxeBuilder from '@axe-core/playwright';

// FFmpeg composing and segmenting HLS beside two browsers on a small shared machine.
test.describe.configure({ timeout: 240_000 });

test('a participant watches the session’s HLS stream (time advances, delay shown) and asks a question from the player page; the organizer sees it', async ({ browser }) => {
  const ana = newPerson('Ana Watcher');
  const eventTitle = `Watch ${Date.now()}`;
  const sessionTitle = 'Streamed keynote';
  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: ana }] });
  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(org.getByRole('heading', { name: sessionTitle })).toBeVisible();
  await org.getByRole('button', { name: 'Start the watch-only stream' }).click();
  await expect(org.getByRole('button', { name: 'Stop the watch-only stream' })).toBeVisible();

  const page = await newPersonPage(browser);
  await signUp(page, ana);
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();
  // Participants get the link, not the switch.
  await expect(page.getByRole('button', { name: 'Start the watch-only stream' })).toHaveCount(0);
  // A page can open before FFmpeg has written the first playlist (a loaded machine, a composition
  // switching): the server answers 404 and hls.js gives up for good on that. The player must come back.
  let playlistMissing = true;
  await page.route('**/watch/*/index.m3u8', (route) => (playlistMissing ? route.fulfill({ status: 404, body: 'Not found' }) : route.fallback()));
  await page.getByRole('link', { name: 'Watch the stream instead' }).click();
  await expect(page.getByRole('heading', { name: `Watching: ${sessionTitle}` })).toBeVisible();
  await expect(page.getByTestId('watch-delay')).toHaveText('Reconnecting to the stream…');
  playlistMissing = false;

  const video = page.getByTestId('watch-video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 90_000, message: 'the stream should play' }).toBeGreaterThan(2);
  const t1 = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 30_000 }).toBeGreaterThan(t1 + 1);
  await expect(page.getByTestId('watch-delay')).toHaveText(/About \d+ s behind the live room/, { timeout: 30_000 });

  // On a laptop the questions run beside the picture, both in view without scrolling; on a phone they stack.
  const player = (await video.boundingBox())!;
  const questionBox = (await page.getByLabel('Your question').boundingBox())!;
  expect(questionBox.x).toBeGreaterThanOrEqual(player.x + player.width);
  expect(questionBox.y + questionBox.height).toBeLessThanOrEqual(page.viewportSize()!.height);
  await page.screenshot({ path: 'reports/watch-1280.png' });

  const question = `From the stream ${Date.now()}`;
  await page.getByLabel('Your question').fill(question);
  await page.getByRole('button', { name: 'Send question' }).click();
  await expect(org.getByTestId('qa-question').filter({ hasText: question })).toBeVisible({ timeout: 30_000 });

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await page.setViewportSize({ width: 360, height: 740 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const narrowPlayer = (await video.boundingBox())!;
  expect((await page.getByLabel('Your question').boundingBox())!.y).toBeGreaterThan(narrowPlayer.y + narrowPlayer.height);
  await page.screenshot({ path: 'reports/watch-360.png', fullPage: true });
});
