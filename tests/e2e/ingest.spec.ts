import { spawn, type ChildProcess } from 'node:child_process';
import { expect, test, newPerson, newPersonPage, organizeMeeting, signUp } from './helpers';

// FFmpeg decoding RTMP and encoding VP8 beside a browser on a small shared machine.
test.describe.configure({ timeout: 240_000 });

type Stat = { source: string; kind: string; peerId: string; framesDecoded: number };

/** The hall mixer stand-in: a test pattern and a tone pushed over RTMP, retried until the input takes it. */
function pushTestPattern(url: string): { stop(): void } {
  let child: ChildProcess | undefined;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    child = spawn('ffmpeg', [
      '-hide_banner', '-loglevel', 'error',
      '-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25',
      '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '25', '-c:a', 'aac', '-f', 'flv', url,
    ], { stdio: 'ignore' });
    child.on('exit', () => setTimeout(run, 1000));
  };
  run();
  return {
    stop() {
      stopped = true;
      child?.kill('SIGKILL');
    },
  };
}

test('the hall mixer’s RTMP feed becomes the stage: its key is shown to the organizer only, and a participant in the call decodes its video', async ({ browser }) => {
  const ana = newPerson('Ana Participant');
  const eventTitle = `Hall mixer ${Date.now()}`;
  const sessionTitle = 'Mixed plenary';
  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: ana }] });
  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(org.getByRole('heading', { name: sessionTitle })).toBeVisible();
  await org.getByRole('button', { name: 'Open the hall mixer input' }).click();
  const url = (await org.getByTestId('ingest-url').textContent())!;
  const key = (await org.getByTestId('ingest-key').textContent())!;
  expect(url).toMatch(/^rtmp:\/\/.+:\d+\/live$/);
  expect(key).toMatch(/^[0-9a-f]{24}$/);
  await expect(org.getByTestId('ingest-status')).toHaveAttribute('data-state', 'waiting');

  const page = await newPersonPage(browser);
  await signUp(page, ana);
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();
  // Streaming controls and the key are the organizer's: Ana's page has neither.
  await expect(page.getByRole('heading', { name: sessionTitle })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open the hall mixer input' })).toHaveCount(0);
  expect(await page.content()).not.toContain(key);
  await page.getByRole('button', { name: 'Join the live session' }).click();
  await expect(page.locator('.media-room').getByRole('status').first()).toHaveText(/Live/, { timeout: 30_000 });

  const mixer = pushTestPattern(`${url.replace(/\/\/[^:/]+:/, '//127.0.0.1:')}/${key}`);
  try {
    await expect(org.getByTestId('ingest-status')).toHaveAttribute('data-state', 'live', { timeout: 60_000 });
    await expect(page.getByTestId('remote-tile').filter({ hasText: 'Hall mixer' })).toBeVisible({ timeout: 30_000 });
    const decoded = () =>
      page.evaluate(async () => {
        const stats = ((await window.balaiMediaStats?.()) ?? []) as Stat[];
        return stats.filter((s) => s.kind === 'video').reduce((n, s) => n + s.framesDecoded, 0);
      });
    await expect.poll(decoded, { timeout: 60_000, message: 'the mixer’s video should be decoded' }).toBeGreaterThan(25);
  } finally {
    mixer.stop();
  }
  await expect(org.getByTestId('ingest-status')).toHaveAttribute('data-state', /waiting|error/, { timeout: 30_000 });
  await org.getByRole('button', { name: 'Close the hall mixer input' }).click();
  await expect(org.getByTestId('ingest-url')).toHaveCount(0);
});
