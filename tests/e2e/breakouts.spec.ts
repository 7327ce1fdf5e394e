import { type Browser, type Page } from '@playwright/test';
import { expect, test, newPerson, newPersonPage, organizeMeeting, signUp, type Person } from './helpers';

type Stat = { source: string; kind: string; peerId: string; framesDecoded: number; packetsReceived: number };

// Five browsers with fake cameras on a small CI machine: ask for tiny video so the encoders keep up.
async function smallVideo(page: Page) {
  await page.addInitScript(() => {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints?: MediaStreamConstraints) =>
      original(constraints?.video ? { ...constraints, video: { width: 160, height: 120, frameRate: 10 } } : constraints);
  });
}

const stats = (page: Page) => page.evaluate(() => window.balaiMediaStats?.() ?? Promise.resolve([] as Stat[]));

/** The names on the remote video tiles, once every camera stream in the stage has decoded frames. */
async function expectVideoFrom(page: Page, names: string[]) {
  const tiles = page.getByTestId('remote-tile');
  await expect.poll(async () => (await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''))).sort(), { timeout: 30_000 }).toEqual([...names].sort());
  await expect
    .poll(
      async () => {
        const cams = (await stats(page)).filter((s) => s.source === 'camera');
        return cams.length === names.length && cams.every((s) => s.framesDecoded > 0);
      },
      { timeout: 30_000, message: 'every camera in the room should be decoded' },
    )
    .toBe(true);
}

/** What a participant reads, in English or (one of them, on a phone) in Bahasa Indonesia. */
const TEXT = {
  en: { join: 'Join the live session', live: /Live/, inRoom: /You are in Room [12]\./, members: /People in Room/, timeLeft: /Time left 1[45]:\d\d/, returning: /Back to the main session in 0:\d\d/ },
  id: { join: 'Gabung sesi langsung', live: /Langsung/, inRoom: /Anda berada di Room [12]\./, members: /Peserta di Room/, timeLeft: /Sisa waktu 1[45]:\d\d/, returning: /Kembali ke sesi utama dalam 0:\d\d/ },
};
type Lang = keyof typeof TEXT;

async function joinStage(page: Page, lang: Lang) {
  await page.getByRole('button', { name: TEXT[lang].join }).click();
  await expect(page.locator('.media-room').getByRole('status').first()).toHaveText(TEXT[lang].live, { timeout: 30_000 });
}

async function openAs(browser: Browser, person: Person, eventTitle: string, sessionTitle: string, lang: Lang): Promise<Page> {
  // The Indonesian participant is on a phone: the breakout panel must work at 360 px.
  const page = await newPersonPage(browser, { viewport: lang === 'id' ? { width: 360, height: 740 } : { width: 900, height: 800 } });
  await smallVideo(page);
  await signUp(page, person);
  if (lang === 'id') {
    await page.context().addCookies([{ name: 'BALAI_LOCALE', value: 'id', url: page.url() }]);
    // The layout (and its message provider) is rendered on a full load only.
    await page.reload();
  }
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(page.getByRole('heading', { name: sessionTitle })).toBeVisible();
  return page;
}

test('a moderator opens two rooms for four participants: media stays in each room, a broadcast reaches all, closing brings everyone back', async ({ browser }) => {
  test.setTimeout(240_000);
  const eventTitle = `Breakout forum ${Date.now()}`;
  const sessionTitle = 'Group work';
  const people = [
    { person: newPerson('Ayu Indonesia'), country: 'Indonesia' },
    { person: newPerson('Budi Indonesia'), country: 'Indonesia' },
    { person: newPerson('Kiran Nepal'), country: 'Nepal' },
    { person: newPerson('Maya Nepal'), country: 'Nepal' },
  ];

  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: people });

  const pages: Page[] = [];
  const langs: Lang[] = ['en', 'en', 'en', 'id'];
  for (const [i, { person }] of people.entries()) {
    const page = await openAs(browser, person, eventTitle, sessionTitle, langs[i]!);
    await joinStage(page, langs[i]!);
    pages.push(page);
  }
  const names = people.map((p) => p.person.name);
  // The main session: everyone sees everyone.
  for (const [i, page] of pages.entries()) await expectVideoFrom(page, names.filter((_, k) => k !== i));

  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await org.getByText('Open breakout rooms', { exact: true }).click();
  const open = org.getByRole('form', { name: 'Open breakout rooms' });
  await open.getByLabel('Number of rooms').fill('2');
  await open.getByLabel('How people are placed').selectOption('balanced');
  await expect(open.getByText('2 rooms for 4 participants.')).toBeVisible();
  await open.getByRole('button', { name: 'Open rooms' }).click();
  const control = org.getByRole('region', { name: 'Control room' });
  await expect(control.getByTestId('control-room')).toHaveCount(2);

  // Each participant lands in a room with one person from the other country, and receives video only from them.
  const roommates: string[][] = [];
  for (const [i, page] of pages.entries()) {
    const mine = page.getByTestId('my-breakout-room');
    const text = TEXT[langs[i]!];
    await expect(mine.getByText(text.inRoom)).toBeVisible();
    await expect(page.getByTestId('breakout-timer')).toHaveText(text.timeLeft);
    const members = await mine.getByRole('list', { name: text.members }).getByRole('listitem').allInnerTexts();
    const others = names.filter((n, k) => k !== i && members.some((m) => m.includes(n)));
    expect(others).toHaveLength(1);
    expect(people.find((p) => p.person.name === others[0])!.country).not.toBe(people[i]!.country);
    roommates.push(others);
    const roomId = await mine.getAttribute('data-room-id');
    await expect(page.locator('.media-room')).toHaveAttribute('data-room-key', `breakout:${roomId}`, { timeout: 30_000 });
  }
  for (const [i, page] of pages.entries()) await expectVideoFrom(page, roommates[i]!);
  // The control room shows who is in each room.
  for (const name of names) await expect(control.getByText(name, { exact: true })).toBeVisible();

  // Ask for help: the moderator sees it, naming the room.
  await pages[0]!.getByRole('button', { name: 'Ask a moderator for help' }).click();
  await expect(pages[0]!.getByText('A moderator has been asked to come to your room.')).toBeVisible();
  await expect(control.getByTestId('help-request')).toContainText(new RegExp(`${names[0]} in Room [12] asks for help`));

  // A broadcast reaches every room.
  await control.getByLabel('Message to all rooms').fill('Five minutes left: agree on one action.');
  await control.getByRole('button', { name: 'Send to all rooms' }).click();
  for (const page of pages) await expect(page.getByTestId('breakout-broadcast')).toContainText('Five minutes left: agree on one action.');
  await org.screenshot({ path: 'reports/breakouts-control.png', fullPage: true });
  await pages[1]!.screenshot({ path: 'reports/breakouts-participant.png', fullPage: true });
  await pages[3]!.screenshot({ path: 'reports/breakouts-participant-id-360.png', fullPage: true });
  expect(await pages[3]!.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // Closing: a warning countdown, then everyone is back in the main session with media flowing again, without a reload.
  const marker = await pages[2]!.evaluate(() => ((window as unknown as { marker: number }).marker = Math.random()));
  await control.getByLabel('Warning before closing').selectOption('10');
  await control.getByRole('button', { name: 'Close rooms' }).click();
  for (const [i, page] of pages.entries()) await expect(page.getByTestId('breakout-timer')).toHaveText(TEXT[langs[i]!].returning);
  for (const page of pages) {
    await expect(page.getByTestId('my-breakout-room')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.locator('.media-room')).toHaveAttribute('data-room-key', /^main:/, { timeout: 30_000 });
  }
  for (const [i, page] of pages.entries()) await expectVideoFrom(page, names.filter((_, k) => k !== i));
  expect(await pages[2]!.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(marker);
  await expect(org.getByText('Open breakout rooms', { exact: true })).toBeVisible();
});
