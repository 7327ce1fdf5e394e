import { type Page } from '@playwright/test';
import { expect, newPerson, organizeMeeting, test } from './helpers';
import { boothOf, channelStats, chooseLanguage, goLive, joinCall, personAt, setUpLanguages } from './language-helpers';

// Five browsers with fake devices on a small machine.
test.describe.configure({ timeout: 420_000 });

/** The live room a call or an interpreter console is in now (main:… or breakout:…). */
const roomKeyOf = (page: Page) => page.locator('.media-room, [data-testid="interpreter-console"]').first().getAttribute('data-room-key');

test('a breakout room with its own interpreters: two members choose different languages and each receives only that channel; interpreters have no tile', async ({ browser }) => {
  const ina = newPerson('Ina Interpreter');
  const vu = newPerson('Vu Interpreter');
  const mira = newPerson('Mira Member');
  const minh = newPerson('Minh Member');
  const sessionTitle = 'Interpreted workshop';
  const org = await organizeMeeting(browser, {
    eventTitle: `Breakout interpretation ${Date.now()}`,
    sessionTitle,
    invitees: [ina, vu, mira, minh].map((person) => ({ person })),
  });
  const sessionUrl = await setUpLanguages(org, [
    { person: ina, language: 'Indonesian' },
    { person: vu, language: 'Vietnamese' },
  ]);
  const manageUrl = org.url();

  // The interpreters are live in the main room; the members are in the call.
  const inaPage = await personAt(browser, ina, `${sessionUrl}/interpret`);
  await goLive(inaPage, 'Indonesian');
  const vuPage = await personAt(browser, vu, `${sessionUrl}/interpret`);
  await goLive(vuPage, 'Vietnamese');
  const members: Page[] = [];
  for (const person of [mira, minh]) {
    const page = await personAt(browser, person, sessionUrl);
    await joinCall(page);
    members.push(page);
  }
  const [miraPage, minhPage] = members as [Page, Page];
  await chooseLanguage(miraPage, 'Indonesian', 'id');
  await expect.poll(async () => (await channelStats(miraPage))?.bytesReceived ?? 0, { timeout: 30_000 }).toBeGreaterThan(2000);
  const mainChannel = (await channelStats(miraPage))!.producerId;

  // One breakout room: the members (present) go there by themselves; Vu is placed there by hand and follows the room.
  await org.goto(sessionUrl);
  await org.getByText('Open breakout rooms', { exact: true }).click();
  const open = org.getByRole('form', { name: 'Open breakout rooms' });
  await open.getByLabel('Number of rooms').fill('1');
  await open.getByLabel('How people are placed').selectOption('manual');
  await open.getByLabel(vu.name).selectOption({ label: 'Room 1' });
  await open.getByRole('button', { name: 'Open rooms' }).click();
  await expect(org.getByRole('region', { name: 'Control room' }).getByTestId('control-room')).toHaveCount(1);
  for (const page of [...members, vuPage]) await expect.poll(() => roomKeyOf(page), { timeout: 30_000 }).toMatch(/^breakout:/);
  const roomKey = await roomKeyOf(miraPage);
  expect(await roomKeyOf(vuPage)).toBe(roomKey);
  await expect(vuPage.getByTestId('booth').getByRole('status')).toHaveText('You are live in Vietnamese', { timeout: 30_000 });

  // The organizer puts Ina in that room as its Indonesian interpreter; her console moves there.
  await org.goto(manageUrl);
  await boothOf(org, 'Indonesian').getByLabel(`Room of ${ina.name}`).selectOption({ label: 'Room 1' });
  await expect(org.getByTestId('language-setup').getByRole('status')).toHaveText('Saved.');
  await expect.poll(() => roomKeyOf(inaPage), { timeout: 30_000 }).toBe(roomKey);
  await expect(inaPage.getByTestId('booth').getByRole('status')).toHaveText('You are live in Indonesian', { timeout: 30_000 });

  // In the breakout room each member chooses a language and receives that room's channel, and only it.
  await chooseLanguage(miraPage, 'Indonesian', 'id');
  await chooseLanguage(minhPage, 'Vietnamese', 'vi');
  await expect.poll(async () => (await channelStats(miraPage))?.bytesReceived ?? 0, { timeout: 30_000 }).toBeGreaterThan(2000);
  await expect.poll(async () => (await channelStats(minhPage))?.bytesReceived ?? 0, { timeout: 30_000 }).toBeGreaterThan(2000);
  const s1 = (await channelStats(miraPage))!;
  const s2 = (await channelStats(minhPage))!;
  expect(s1.language).toBe('id');
  expect(s2.language).toBe('vi');
  expect(s1.producerId).not.toBe(s2.producerId);
  // The breakout room's Indonesian channel is its own, not the main room's.
  expect(s1.producerId).not.toBe(mainChannel);
  for (const page of members) await expect(page.locator('audio[data-channel-language]')).toHaveCount(1);

  // Interpreters have no tile on the stage; the people panel lists them as interpreters.
  for (const page of members) {
    const tiles = page.getByTestId('remote-tile');
    await expect(tiles.filter({ hasText: ina.name })).toHaveCount(0);
    await expect(tiles.filter({ hasText: vu.name })).toHaveCount(0);
  }
  await miraPage.getByRole('toolbar', { name: 'Call controls' }).getByRole('button', { name: 'People', exact: true }).click();
  const inaRow = miraPage.getByTestId('media-person').filter({ hasText: ina.name });
  await expect(inaRow.getByTestId('interpreter-badge')).toHaveText('Interpreter into Indonesian');
  await miraPage.screenshot({ path: 'reports/playwright-artifacts/breakout-interpretation-people.png' });
  await vuPage.screenshot({ path: 'reports/playwright-artifacts/breakout-interpreter-console.png', fullPage: true });
});
