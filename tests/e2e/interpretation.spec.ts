import { type Page } from '@playwright/test';
import { expect, newPerson, newPersonPage, organizeMeeting, test } from './helpers';
import { channelStats, expectNoSeriousAxe, personAt, setUpLanguages } from './language-helpers';

// Five browsers with fake devices on a small machine.
test.describe.configure({ timeout: 420_000 });

test('an interpreter speaks into a channel; two listeners choose different languages and receive only their channel', async ({ browser }) => {
  const idInterpreter = newPerson('Ina Interpreter');
  const idPartner = newPerson('Indra Interpreter');
  const viInterpreter = newPerson('Vu Interpreter');
  const listener1 = newPerson('Lia Listener');
  const listener2 = newPerson('Lam Listener');
  const org = await organizeMeeting(browser, {
    eventTitle: `Interpreted ${Date.now()}`,
    sessionTitle: 'Interpreted plenary',
    invitees: [idInterpreter, idPartner, viInterpreter, listener1, listener2].map((person) => ({ person })),
  });
  const sessionUrl = await setUpLanguages(org, [
    { person: idInterpreter, language: 'Indonesian' },
    { person: idPartner, language: 'Indonesian' },
    { person: viInterpreter, language: 'Vietnamese' },
  ]);
  await expectNoSeriousAxe(org, 'session settings with languages');
  await org.close();

  // The interpreters open their console from the session page and go live in their language.
  const interpreters: Page[] = [];
  for (const [person, language] of [
    [idInterpreter, 'Indonesian'],
    [viInterpreter, 'Vietnamese'],
  ] as const) {
    const page = await personAt(browser, person, sessionUrl);
    await page.getByRole('link', { name: 'Open the interpreter console' }).click();
    await expect(page.getByRole('heading', { name: 'Interpreter console' })).toBeVisible();
    await page.getByRole('button', { name: 'Connect to the session' }).click();
    await expect(page.getByRole('heading', { name: `Your channel: ${language}` })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Start my microphone' }).click();
    await expect(page.getByTestId('booth').getByRole('status')).toHaveText(`You are live in ${language}`);
    if (interpreters.length === 0) await expectNoSeriousAxe(page, 'interpreter console');
    interpreters.push(page);
  }

  // Listeners join the call and pick a language in the call bar.
  const listeners: Page[] = [];
  for (const [person, language] of [
    [listener1, 'Indonesian'],
    [listener2, 'Vietnamese'],
  ] as const) {
    const page = await personAt(browser, person, sessionUrl);
    await page.getByRole('button', { name: 'Join the live session' }).click();
    await expect(page.locator('.media-room').getByRole('status').first()).toHaveText(/Live/, { timeout: 30_000 });
    await page.getByRole('button', { name: 'Language: English' }).click();
    await page.getByRole('radio', { name: `${language} (live)` }).check();
    await expect(page.getByLabel(/Original sound under the interpretation: 20/)).toBeVisible();
    await expect(page.locator(`audio[data-channel-language="${language === 'Indonesian' ? 'id' : 'vi'}"]`)).toHaveCount(1);
    listeners.push(page);
  }

  // Each listener receives audio bytes on the consumer of the channel they chose, and has no other channel consumer.
  const [one, two] = listeners as [Page, Page];
  await expect.poll(async () => (await channelStats(one))?.bytesReceived ?? 0, { timeout: 30_000 }).toBeGreaterThan(2000);
  await expect.poll(async () => (await channelStats(two))?.bytesReceived ?? 0, { timeout: 30_000 }).toBeGreaterThan(2000);
  const s1 = (await channelStats(one))!;
  const s2 = (await channelStats(two))!;
  expect(s1.language).toBe('id');
  expect(s2.language).toBe('vi');
  expect(s1.producerId).not.toBe(s2.producerId);
  await expect(one.locator('audio[data-channel-language]')).toHaveCount(1);

  // The booth partner connects; Ina hands over. The listener keeps the same consumer and keeps receiving.
  const partner = await personAt(browser, idPartner, `${sessionUrl}/interpret`);
  await partner.getByRole('button', { name: 'Connect to the session' }).click();
  await partner.getByRole('button', { name: 'Start my microphone' }).click();
  await expect(partner.getByTestId('booth').getByRole('status')).toHaveText('Your partner is live');
  const beforeHandOver = (await channelStats(one))!;
  await interpreters[0]!.getByRole('button', { name: 'Hand over to my partner' }).click();
  await expect(partner.getByTestId('booth').getByRole('status')).toHaveText('You are live in Indonesian');
  await expect(interpreters[0]!.getByTestId('booth').getByRole('status')).toHaveText('Your partner is live');
  const afterHandOver = (await channelStats(one))!;
  await expect.poll(async () => (await channelStats(one))!.bytesReceived - afterHandOver.bytesReceived, { timeout: 30_000 }).toBeGreaterThan(2000);
  expect((await channelStats(one))!.consumerId).toBe(beforeHandOver.consumerId);
  await partner.close();

  // Switching to the floor only closes the channel consumer: nothing more arrives on a channel.
  await one.getByRole('radio', { name: /Original \(English\)/ }).check();
  await expect(one.locator('audio[data-channel-language]')).toHaveCount(0);
  await expect.poll(async () => (await channelStats(one))?.language ?? null).toBeNull();
  expect((await channelStats(one))?.bytesReceived).toBe(0);

  // The interpreter hands nothing over without a partner; the first listener switches to Vietnamese and hears it.
  await one.getByRole('radio', { name: 'Vietnamese (live)' }).check();
  await expect.poll(async () => (await channelStats(one))?.bytesReceived ?? 0, { timeout: 30_000 }).toBeGreaterThan(2000);
  expect((await channelStats(one))?.language).toBe('vi');
});

test('a hall phone at 360 px joins by event code, taps Listen and hears a channel with no video', async ({ browser }) => {
  const interpreter = newPerson('Iwan Interpreter');
  const org = await organizeMeeting(browser, { eventTitle: `Phone listen ${Date.now()}`, sessionTitle: 'Hall plenary', invitees: [{ person: interpreter }] });
  const code = (await org.getByText('Event code for the hall:').locator('strong').textContent())!.trim();
  const sessionUrl = await setUpLanguages(org, [{ person: interpreter, language: 'Indonesian' }]);
  const sessionId = sessionUrl.split('/').pop()!;
  await org.close();

  const booth = await personAt(browser, interpreter, `${sessionUrl}/interpret`);
  await booth.getByRole('button', { name: 'Connect to the session' }).click();
  await booth.getByRole('button', { name: 'Start my microphone' }).click();
  await expect(booth.getByTestId('booth').getByRole('status')).toHaveText('You are live in Indonesian');

  const phone = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  const scripts: string[] = [];
  phone.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await phone.goto(`/j/${code}?next=${encodeURIComponent(`/q/${sessionId}`)}`);
  await phone.getByLabel('Your name').fill('Guest in row 7');
  await phone.getByRole('button', { name: 'Join' }).click();
  await expect(phone).toHaveURL(new RegExp(`/q/${sessionId}$`));
  const listen = phone.getByTestId('phone-listen');
  await expect(listen.getByRole('heading', { name: 'Listen' })).toBeVisible();
  const before = scripts.length;
  await listen.getByRole('button', { name: 'Listen' }).click();
  // The media client came in only now, as its own chunk.
  await expect.poll(() => scripts.length).toBeGreaterThan(before);
  await expect(listen.getByRole('status')).toHaveText('Listening: Indonesian', { timeout: 30_000 });
  await expect(listen.getByRole('radio', { name: 'Indonesian' })).toBeChecked();
  await expect
    .poll(async () => (await phone.evaluate(() => window.balaiReceiverStats?.()))?.bytesReceived ?? 0, { timeout: 30_000 })
    .toBeGreaterThan(2000);
  const stats = (await phone.evaluate(() => window.balaiReceiverStats?.()))!;
  expect(stats).toMatchObject({ language: 'id', videoConsumers: 0 });
  await expect(phone.locator('video')).toHaveCount(0);
  expect(await phone.evaluate(() => navigator.mediaSession.metadata?.title)).toBe('Language: Indonesian');
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoSeriousAxe(phone, 'phone page with Listen');

  // The interpreter's connection drops and comes back: the phone keeps its language and hears it again by itself.
  await booth.reload();
  await booth.getByRole('button', { name: 'Connect to the session' }).click();
  await booth.getByRole('button', { name: 'Start my microphone' }).click();
  await expect(booth.getByTestId('booth').getByRole('status')).toHaveText('You are live in Indonesian');
  // A new consumer (the room was re-made) that receives the channel again.
  await expect
    .poll(
      async () => {
        const now = await phone.evaluate(() => window.balaiReceiverStats?.());
        return now && now.consumerId !== stats.consumerId ? now.bytesReceived : 0;
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThan(2000);
  await expect(listen.getByRole('status')).toHaveText('Listening: Indonesian');
});
