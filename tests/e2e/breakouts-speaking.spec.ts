import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from '@playwright/test';
import { expect, test, newPerson, newPersonPage, organizeMeeting, signUp, type Person } from './helpers';

/**
 * Ten seconds of something voice-like for a fake microphone: a buzzing
 * 120–220 Hz vowel with harmonics and a syllable rhythm, never quite silent.
 * Chromium's default fake microphone only beeps (20 ms twice a second, digital
 * silence between); the SFU averages the packets' levels over 800 ms, which
 * for that lands far under the -60 dBov threshold: rightly "nobody speaking"
 * (tried: with it the control room never showed Tari speaking).
 */
function voiceWav(file: string): string {
  const rate = 48_000;
  const samples = rate * 10;
  const data = Buffer.alloc(samples * 2);
  let phase = 0;
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const pitch = 170 + 50 * Math.sin(2 * Math.PI * 0.7 * t);
    phase += (2 * Math.PI * pitch) / rate;
    const syllables = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
    let v = 0;
    for (let h = 1; h <= 6; h++) v += Math.sin(h * phase) / h;
    data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, 0.25 * syllables * v)) * 32767), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.concat([header, data]));
  return file;
}

/** A participant on the session page, joining the live stage with the camera off and the microphone as given. */
async function joinWithMic(browser: Browser, person: Person, eventTitle: string, sessionTitle: string, micOn: boolean): Promise<Page> {
  const page = await newPersonPage(browser, { viewport: { width: 900, height: 800 } });
  await signUp(page, person);
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(page.getByRole('heading', { name: sessionTitle })).toBeVisible();
  // No cameras: only sound matters here, and the machine is small.
  await page.getByRole('checkbox', { name: 'Camera on' }).setChecked(false);
  await page.getByRole('checkbox', { name: 'Microphone on' }).setChecked(micOn);
  await page.getByRole('button', { name: 'Join the live session' }).click();
  await expect(page.locator('.media-room').getByRole('status').first()).toHaveText(/Live/, { timeout: 30_000 });
  return page;
}

test('the control room shows which breakout room has someone speaking and which is silent', async ({ browser, launchOptions }, testInfo) => {
  test.setTimeout(180_000);
  // The talker's browser has a microphone that speaks (the fake audio file is a browser-wide switch).
  const wav = voiceWav(path.join(testInfo.outputDir, 'voice.wav'));
  const talkerBrowser = await browser.browserType().launch({ ...launchOptions, args: [...(launchOptions.args ?? []), `--use-file-for-fake-audio-capture=${wav}`] });
  try {
    await speakingAndSilent(browser, talkerBrowser);
  } finally {
    await talkerBrowser.close();
  }
});

async function speakingAndSilent(browser: Browser, talkerBrowser: Browser) {
  const eventTitle = `Speaking forum ${Date.now()}`;
  const sessionTitle = 'Small groups';
  const talker = newPerson('Tari Talker');
  const quiet = newPerson('Dewi Diam');

  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: talker }, { person: quiet }] });

  // Tari's microphone is on, Dewi joins muted (with Chromium's usual fake microphone).
  const tari = await joinWithMic(talkerBrowser, talker, eventTitle, sessionTitle, true);
  const dewi = await joinWithMic(browser, quiet, eventTitle, sessionTitle, false);

  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await org.getByText('Open breakout rooms', { exact: true }).click();
  const open = org.getByRole('form', { name: 'Open breakout rooms' });
  await open.getByLabel('Number of rooms').fill('2');
  await open.getByLabel('How people are placed').selectOption('balanced');
  await open.getByRole('button', { name: 'Open rooms' }).click();
  const control = org.getByRole('region', { name: 'Control room' });
  await expect(control.getByTestId('control-room')).toHaveCount(2);

  // Balanced: one person per room. Each one's media moves into their room.
  for (const page of [tari, dewi]) {
    const roomId = await page.getByTestId('my-breakout-room').getAttribute('data-room-id', { timeout: 30_000 });
    await expect(page.locator('.media-room')).toHaveAttribute('data-room-key', `breakout:${roomId}`, { timeout: 30_000 });
  }
  const tariRoom = control.getByTestId('control-room').filter({ hasText: talker.name });
  const dewiRoom = control.getByTestId('control-room').filter({ hasText: quiet.name });
  await expect(tariRoom).toHaveCount(1);
  await expect(dewiRoom).toHaveCount(1);

  // What the moderator sees: Tari speaking in her room; Dewi's room silent.
  const tariMembers = tariRoom.getByRole('list', { name: /^People in / });
  await expect(tariMembers.getByRole('listitem').filter({ hasText: talker.name }).getByText('Speaking', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(dewiRoom.getByText('Nobody has spoken yet')).toBeVisible();
  await expect(dewiRoom.getByText('Speaking', { exact: true })).toHaveCount(0);
  await org.screenshot({ path: 'reports/breakouts-speaking.png', fullPage: true });

  // Tari mutes: the moderator sees her room go quiet.
  await tari.getByRole('toolbar', { name: 'Call controls' }).getByRole('button', { name: 'Mute', exact: true }).click();
  await expect(tariRoom.getByText('Speaking', { exact: true })).toHaveCount(0, { timeout: 30_000 });
  // Her room did hear someone, so it is not "nobody has spoken yet" (the "silent for" badge appears after two minutes).
  await expect(tariRoom.getByText('Nobody has spoken yet')).toHaveCount(0);
}
