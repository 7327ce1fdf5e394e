import type { Browser, Page } from '@playwright/test';
import { expect, test, newPerson, newPersonPage, organizeMeeting, signIn, signUp, type Person } from './helpers';

const DEMO_EVENT = '/events/women-smi-innovations';
const PASSWORD = 'balai-demo';
const SESSION_TITLE = 'Keynote: women-owned SMIs in Asia and the Pacific';

/** A participant (invited by `organizeMeeting`) signs up and opens the session page. */
async function participantOnSession(browser: Browser, person: Person, eventTitle: string, sessionTitle: string, width = 1280): Promise<Page> {
  const page = await newPersonPage(browser, { viewport: { width, height: 800 } });
  await signUp(page, person);
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(page.getByRole('heading', { name: sessionTitle })).toBeVisible();
  return page;
}

async function organizerOnSession(org: Page, sessionTitle: string): Promise<void> {
  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(org.getByRole('heading', { name: sessionTitle })).toBeVisible();
}

test('reactions from a hall phone (360 px, event code) float on the projector display link, without motion when reduced', async ({ browser }) => {
  const mod = await newPersonPage(browser, { viewport: { width: 1280, height: 900 } });
  await signIn(mod, 'moderator@balai.example', PASSWORD);
  await mod.goto(DEMO_EVENT);
  await mod.getByRole('link', { name: SESSION_TITLE }).first().click();
  await expect(mod).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  const sessionId = new URL(mod.url()).pathname.split('/').pop()!;
  await mod.getByRole('link', { name: 'Polls and display links' }).click();
  const linkName = `Reactions projector ${Date.now()}`;
  await mod.getByLabel('Name (optional)').fill(linkName);
  await mod.getByRole('button', { name: 'Create display link' }).click();
  const displayUrl = (await mod.getByTestId('display-link-url').textContent())!;

  const projector = await newPersonPage(browser, { viewport: { width: 1280, height: 720 } });
  await projector.emulateMedia({ reducedMotion: 'reduce' });
  await projector.goto(displayUrl);
  await expect(projector.getByTestId('display-board')).toBeVisible();
  await expect(projector.getByText('Live', { exact: true })).toBeVisible();

  // Floats live 2.6 s: every one that appears is noted as it appears, so a slow machine cannot miss them.
  await projector.evaluate(() => {
    const seen: { emoji: string; count: number }[] = [];
    (window as unknown as { balaiFloats: typeof seen }).balaiFloats = seen;
    new MutationObserver((changes) => {
      for (const c of changes)
        for (const n of c.addedNodes)
          if (n instanceof HTMLElement && n.dataset.testid === 'reaction-float') seen.push({ emoji: n.dataset.emoji ?? '', count: Number(n.dataset.count) });
    }).observe(document.body, { childList: true, subtree: true });
  });
  const phone = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await phone.goto(`/j/JAKARTA?next=${encodeURIComponent(`/q/${sessionId}`)}`);
  await phone.getByLabel('Your name').fill('Rina from row 2');
  await phone.getByRole('button', { name: 'Join' }).click();
  await expect(phone).toHaveURL(new RegExp(`/q/${sessionId}$`));
  const reactions = phone.getByRole('group', { name: 'Reactions' });
  await reactions.getByRole('button', { name: 'Applause' }).click();
  await reactions.getByRole('button', { name: 'Applause' }).click();
  await reactions.getByRole('button', { name: 'Celebrate' }).click();

  const floats = projector.getByTestId('reaction-float');
  const noted = (emoji: string) =>
    projector.evaluate((e) => (window as unknown as { balaiFloats: { emoji: string; count: number }[] }).balaiFloats.filter((f) => f.emoji === e).reduce((a, f) => a + f.count, 0), emoji);
  // Two claps sent together arrive as one float with its count, or as two; either way both are counted.
  await expect.poll(() => noted('👏')).toBe(2);
  await expect.poll(() => noted('🎉')).toBe(1);
  // Reduced motion: a float fades in place instead of rising.
  await reactions.getByRole('button', { name: 'Applause' }).click();
  await expect(floats.first()).toBeVisible();
  expect(await floats.first().evaluate((el) => getComputedStyle(el).animationName)).toMatch(/fade/);
  await projector.screenshot({ path: 'reports/engage-projector-reactions-1280.png' });

  // The phone's hand goes up too (a hall phone never joins the call).
  await phone.getByRole('button', { name: 'Raise hand' }).click();
  await expect(phone.getByRole('button', { name: 'Lower hand' })).toHaveAttribute('aria-pressed', 'true');
  await phone.screenshot({ path: 'reports/engage-phone-360.png', fullPage: true });
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await phone.getByRole('button', { name: 'Lower hand' }).click();
  await expect(phone.getByRole('button', { name: 'Raise hand' })).toHaveAttribute('aria-pressed', 'false');

  // The demo session is shared with other specs: leave no display link of ours behind.
  const ours = mod.getByRole('listitem').filter({ hasText: linkName });
  await ours.getByRole('button', { name: 'Revoke' }).click();
  await expect(projector.getByTestId('display-revoked')).toBeVisible();
  await expect(ours).toHaveCount(0);
});

test('lobby: the organizer admits one participant and denies another with a message', async ({ browser }) => {
  const eventTitle = `Lobby forum ${Date.now()}`;
  const sessionTitle = 'Closed-door briefing';
  const putri = newPerson('Putri Peserta');
  const dodi = newPerson('Dodi Datang');
  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: putri }, { person: dodi }] });
  await organizerOnSession(org, sessionTitle);
  const admissions = org.getByTestId('lobby-admissions');
  // The box follows the server's answer, not the click.
  const lobbySwitch = admissions.getByRole('checkbox', { name: /Lobby on/ });
  await lobbySwitch.click();
  await expect(lobbySwitch).toBeChecked();
  await expect(admissions.getByText('Nobody is waiting.')).toBeVisible();

  const p = await participantOnSession(browser, putri, eventTitle, sessionTitle);
  await expect(p.getByRole('heading', { name: 'Waiting to be let in' })).toBeVisible();
  // The device check of the call, while waiting.
  await expect(p.getByTestId('camera-preview')).toBeVisible();
  await expect(p.getByRole('button', { name: 'Join the live session' })).toBeVisible();
  await expect(p.getByTestId('presence-peer')).toHaveCount(0);

  const d = await participantOnSession(browser, dodi, eventTitle, sessionTitle, 360);
  await expect(d.getByRole('heading', { name: 'Waiting to be let in' })).toBeVisible();
  await expect(admissions.getByText('2 people are waiting.')).toBeVisible();
  await org.screenshot({ path: 'reports/engage-lobby-moderator-1280.png', fullPage: true });
  await d.screenshot({ path: 'reports/engage-lobby-waiting-360.png', fullPage: true });

  await admissions.getByRole('button', { name: `Admit ${putri.name}` }).click();
  await expect(p.getByRole('heading', { name: 'Waiting to be let in' })).toHaveCount(0);
  await expect(p.getByRole('button', { name: 'Join the live session' })).toBeVisible();
  // Presence now lets her in: she is listed among those here.
  await expect(p.getByTestId('presence-peer').filter({ hasText: putri.name })).toBeVisible();

  await admissions.getByRole('button', { name: `Deny ${dodi.name}` }).click();
  await admissions.getByRole('textbox', { name: 'Message to the person (optional)' }).fill('Sorry, this briefing is for the board only.');
  await admissions.getByRole('button', { name: 'Send and deny' }).click();
  await expect(d.getByRole('heading', { name: 'You were not let in' })).toBeVisible();
  await expect(d.getByTestId('lobby-message')).toHaveText('Sorry, this briefing is for the board only.');
  await expect(admissions.getByText('Nobody is waiting.')).toBeVisible();
  // A reload keeps the decision (it is in the database).
  await d.reload();
  await expect(d.getByTestId('lobby-message')).toHaveText('Sorry, this briefing is for the board only.');
  await d.screenshot({ path: 'reports/engage-lobby-denied-360.png', fullPage: true });
  expect(await d.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The session's settings page has the same switch: off, and everyone may come in, the denied one too.
  await org.goto(org.url().replace('/sessions/', '/manage/sessions/'));
  const setting = org.getByTestId('lobby-setting').getByRole('checkbox', { name: /Lobby on/ });
  await expect(setting).toBeChecked();
  await setting.click();
  await expect(setting).not.toBeChecked();
  await expect(d.getByRole('heading', { name: 'You were not let in' })).toHaveCount(0);
  await expect(d.getByRole('button', { name: 'Join the live session' })).toBeVisible();
});

test('a raised hand (keyboard H) appears in the moderator queue, and "invite to stage" reaches the participant', async ({ browser }) => {
  const eventTitle = `Hands forum ${Date.now()}`;
  const sessionTitle = 'Open floor';
  const hani = newPerson('Hani Hand');
  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: hani }] });
  await organizerOnSession(org, sessionTitle);
  const queue = org.getByTestId('hands-queue');
  await expect(queue.getByText('No hands raised.')).toBeVisible();

  const p = await participantOnSession(browser, hani, eventTitle, sessionTitle);
  await expect(p.getByRole('button', { name: 'Raise hand' })).toBeVisible();
  // Participants never see the queue.
  await expect(p.getByTestId('hands-queue')).toHaveCount(0);
  await p.locator('body').press('h');
  await expect(p.getByRole('button', { name: 'Lower hand' })).toHaveAttribute('aria-pressed', 'true');

  const item = queue.getByTestId('raised-hand').filter({ hasText: hani.name });
  await expect(item).toBeVisible();
  await expect(item.getByText('Not in the call')).toBeVisible();
  await expect(queue.getByRole('heading', { name: 'Raised hands (1)' })).toBeVisible();
  await org.screenshot({ path: 'reports/engage-hands-moderator-1280.png', fullPage: true });

  await item.getByRole('button', { name: `Invite ${hani.name} to the stage` }).click();
  await expect(p.getByText('A moderator invited you to the stage.')).toBeVisible();
  await expect(p.getByRole('button', { name: 'Raise hand' })).toHaveAttribute('aria-pressed', 'false');
  await expect(queue.getByText('No hands raised.')).toBeVisible();
});
