import type { Page } from '@playwright/test';
import { expect, newPerson, newPersonPage, organizeMeeting, signUp, test } from './helpers';

// A fresh event whose one meeting session runs now (UTC), a guest phone in the hall; WebRTC on a shared 2-core machine.
test.describe.configure({ timeout: 120_000 });

const pad = (n: number) => String(n).padStart(2, '0');
const localUtc = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
const day = (d: Date) => localUtc(d).slice(0, 10);

/** Every RTCPeerConnection the page makes, so the test can read what it sends (outbound-rtp) from WebRTC itself. */
async function recordPeerConnections(page: Page) {
  await page.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const all: RTCPeerConnection[] = [];
    (window as unknown as { balaiPcs: RTCPeerConnection[] }).balaiPcs = all;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        all.push(this);
      }
    } as typeof RTCPeerConnection;
  });
}

/** Kinds of media this page is sending (outbound-rtp with packets), from getStats of every peer connection. */
const outbound = (page: Page) =>
  page.evaluate(async () => {
    const kinds = new Set<string>();
    for (const pc of (window as unknown as { balaiPcs: RTCPeerConnection[] }).balaiPcs) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((r: { type: string; kind?: string; packetsSent?: number }) => {
        if (r.type === 'outbound-rtp' && (r.packetsSent ?? 0) > 0) kinds.add(r.kind ?? '');
      });
    }
    return [...kinds].sort();
  });

async function eventLiveNow(page: Page, title: string, sessionTitle: string): Promise<{ code: string; manageUrl: string }> {
  const now = new Date();
  await signUp(page, newPerson('Olga Organizer'));
  await page.getByRole('link', { name: 'New event' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('First day').fill(day(new Date(now.getTime() - 86_400_000)));
  await page.getByLabel('Last day').fill(day(new Date(now.getTime() + 86_400_000)));
  await page.getByLabel('Time zone of the venue').fill('UTC');
  await page.getByLabel('Venue name').fill('Jakarta Convention Center');
  await page.getByRole('button', { name: 'Create event' }).click();
  const form = page.getByRole('form', { name: 'Add session' });
  await form.getByLabel('Session title').fill(sessionTitle);
  await form.getByLabel(/Starts/).fill(localUtc(new Date(now.getTime() - 3_600_000)));
  await form.getByLabel(/Ends/).fill(localUtc(new Date(now.getTime() + 3_600_000)));
  await form.getByLabel('Live mode').selectOption('meeting');
  await form.getByRole('button', { name: 'Add session' }).click();
  await expect(page.getByText(`Session “${sessionTitle}” added.`)).toBeVisible();
  const code = (await page.getByText('Event code for the hall:').locator('strong').textContent())!.trim();
  return { code, manageUrl: page.url() };
}

test('a guest who types the event code while a session runs lands on its phone Q&A; on the stage the phone starts muted, the microphone is one tap behind the echo warning', async ({ browser }) => {
  const org = await newPersonPage(browser);
  const { code } = await eventLiveNow(org, `Hybrid rehearsal ${Date.now()}`, 'Morning plenary');

  const phone = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await recordPeerConnections(phone);
  await phone.goto('/join');
  await phone.getByLabel('Event code').fill(code);
  await phone.getByLabel('Your name').fill('Guest in row 5');
  await phone.getByRole('button', { name: 'Join' }).click();
  await expect(phone).toHaveURL(/\/q\/[0-9a-f-]{36}$/);
  await expect(phone.getByRole('heading', { name: 'Morning plenary' })).toBeVisible();
  const sessionId = phone.url().split('/q/')[1]!;
  await phone.getByRole('link', { name: 'Programme' }).click();
  await expect(phone.getByRole('link', { name: 'Morning plenary' }).first()).toBeVisible();

  // The same guest opens the session page: no camera preview, no microphone, the Q&A first.
  await phone.getByRole('link', { name: 'Morning plenary' }).first().click();
  const start = phone.getByTestId('hall-phone-start');
  await expect(start).toBeVisible();
  await expect(start.getByRole('link', { name: 'Questions and polls' })).toHaveAttribute('href', `/q/${sessionId}`);
  await expect(phone.getByTestId('camera-preview')).toHaveCount(0);
  await start.getByRole('button', { name: 'Listen only' }).click();
  const room = phone.locator('.media-room');
  await expect(room.getByRole('status').first()).toHaveText(/Live/, { timeout: 20_000 });
  // In a meeting the guest may talk, but nothing is sent until they choose to; the stage's own Unmute is not offered.
  const mic = phone.getByTestId('hall-mic');
  await expect(mic).toContainText('can echo');
  await expect(room.getByRole('button', { name: 'Unmute' })).toHaveCount(0);
  expect(await outbound(phone)).toEqual([]);

  // One tap behind the warning: now the microphone is sent (so the check above could see it), the camera still not.
  await mic.getByRole('button', { name: 'Turn on my microphone' }).click();
  await expect.poll(() => outbound(phone), { timeout: 20_000 }).toEqual(['audio']);
  await expect(room.getByRole('button', { name: 'Mute' })).toBeVisible();
  await phone.screenshot({ path: 'reports/hybrid-hall-phone-360.png', fullPage: true });
});

test('someone who watched a webinar lands in a breakout room with a "You can talk here" prompt; one button turns camera and microphone on', async ({ browser }) => {
  const eventTitle = `Webinar with groups ${Date.now()}`;
  const sessionTitle = 'Keynote and groups';
  const ayu = newPerson('Ayu Online');
  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: ayu, country: 'Indonesia' }], liveMode: 'webinar' });

  const page = await newPersonPage(browser);
  await recordPeerConnections(page);
  await signUp(page, ayu);
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();
  await page.getByRole('button', { name: 'Join the live session' }).click();
  const room = page.locator('.media-room');
  await expect(room.getByRole('status').first()).toHaveText(/Live/, { timeout: 20_000 });
  // Watching the webinar: nothing sent, and no prompt in the main room.
  await expect(page.getByTestId('talk-here')).toHaveCount(0);
  expect(await outbound(page)).toEqual([]);

  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await org.getByText('Open breakout rooms', { exact: true }).click();
  const open = org.getByRole('form', { name: 'Open breakout rooms' });
  await open.getByLabel('Number of rooms').fill('1');
  await open.getByRole('button', { name: 'Open rooms' }).click();

  await expect(room).toHaveAttribute('data-room-key', /^breakout:/, { timeout: 30_000 });
  const prompt = page.getByTestId('talk-here');
  await expect(prompt).toContainText('You can talk here.');
  await prompt.getByRole('button', { name: 'Turn on camera and microphone' }).click();
  await expect(prompt).toHaveCount(0);
  await expect.poll(() => outbound(page), { timeout: 20_000 }).toEqual(['audio', 'video']);
  await page.screenshot({ path: 'reports/hybrid-talk-here.png', fullPage: true });
});

test('with the organizer’s "join breakouts with microphone on", a webinar watcher arriving in a breakout is heard at once, camera still off', async ({ browser }) => {
  const eventTitle = `Webinar with open mics ${Date.now()}`;
  const sessionTitle = 'Keynote then tables';
  const wayan = newPerson('Wayan Online');
  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: wayan, country: 'Indonesia' }], liveMode: 'webinar' });
  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(org.getByRole('heading', { name: sessionTitle })).toBeVisible();
  const sessionUrl = org.url();

  // The setting lives on the session's settings page, for organizers; it is kept in the database.
  await org.goto(sessionUrl.replace('/sessions/', '/manage/sessions/'));
  const setting = org.getByTestId('breakout-mic-setting').getByRole('checkbox', { name: 'Join breakout rooms with the microphone on' });
  await expect(setting).not.toBeChecked();
  // The box follows the server's answer, not the click.
  await setting.click();
  await expect(setting).toBeChecked();
  await expect(setting).toBeEnabled();
  await org.reload();
  await expect(org.getByTestId('breakout-mic-setting').getByRole('checkbox', { name: 'Join breakout rooms with the microphone on' })).toBeChecked();
  await org.screenshot({ path: 'reports/manage-breakout-mic-1280.png', fullPage: true });
  await org.setViewportSize({ width: 360, height: 740 });
  await org.getByTestId('breakout-mic-setting').scrollIntoViewIfNeeded();
  await org.screenshot({ path: 'reports/manage-breakout-mic-360.png' });
  expect(await org.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await org.setViewportSize({ width: 1100, height: 900 });

  const page = await newPersonPage(browser);
  await recordPeerConnections(page);
  await signUp(page, wayan);
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();
  await page.getByRole('button', { name: 'Join the live session' }).click();
  const room = page.locator('.media-room');
  await expect(room.getByRole('status').first()).toHaveText(/Live/, { timeout: 20_000 });
  // Watching the webinar: the setting does nothing in the main room.
  expect(await outbound(page)).toEqual([]);

  await org.goto(sessionUrl);
  await org.getByText('Open breakout rooms', { exact: true }).click();
  const open = org.getByRole('form', { name: 'Open breakout rooms' });
  await open.getByLabel('Number of rooms').fill('1');
  await open.getByRole('button', { name: 'Open rooms' }).click();

  await expect(room).toHaveAttribute('data-room-key', /^breakout:/, { timeout: 30_000 });
  // No question asked: the microphone is on and sending, the camera is not; the person is told why.
  await expect(page.getByTestId('breakout-mic-auto')).toBeVisible();
  await expect(page.getByTestId('talk-here')).toHaveCount(0);
  await expect.poll(() => outbound(page), { timeout: 20_000 }).toEqual(['audio']);
  await expect(page.getByRole('toolbar', { name: 'Call controls' }).getByRole('button', { name: 'Mute', exact: true })).toBeVisible();
  await page.screenshot({ path: 'reports/hybrid-breakout-mic-on.png' });
});
