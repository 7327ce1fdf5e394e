import type { Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { expect, test, newPersonPage, signIn } from './helpers';

const DEMO_EVENT = '/events/women-smi-innovations';
const PASSWORD = 'balai-demo';
const SESSION_TITLE = 'Keynote: women-owned SMIs in Asia and the Pacific';

async function sessionPath(page: Page): Promise<string> {
  await page.goto(DEMO_EVENT);
  await page.getByRole('link', { name: SESSION_TITLE }).first().click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

test('moderator launches a word cloud; a hall phone and an online participant answer; the projector (display link, no login) shows both words', async ({ browser }) => {
  const question = `One word for Jakarta ${randomUUID().slice(0, 6)}?`;
  const mod = await newPersonPage(browser, { viewport: { width: 1280, height: 900 } });
  await signIn(mod, 'moderator@balai.example', PASSWORD);
  const base = await sessionPath(mod);
  const sessionId = base.split('/').pop()!;
  await mod.getByRole('link', { name: 'Polls and display links' }).click();
  await expect(mod.getByRole('heading', { name: 'Engagement: polls and display' })).toBeVisible();
  await expect(mod.getByTestId('poll-manager').getByText('Live', { exact: true })).toBeVisible();

  // A display link for the projector, shown once.
  const linkName = `Main hall projector ${randomUUID().slice(0, 6)}`;
  await mod.getByLabel('Name (optional)').fill(linkName);
  await mod.getByRole('button', { name: 'Create display link' }).click();
  const displayUrl = (await mod.getByTestId('display-link-url').textContent())!;
  expect(displayUrl).toMatch(/\/display\/[A-Za-z0-9_-]{43}$/);

  // A word cloud, launched now and put on the projector.
  await mod.getByLabel('Kind of poll').selectOption('word_cloud');
  await mod.getByLabel('Question').fill(question);
  await mod.getByRole('button', { name: 'Launch now' }).click();
  const managed = mod.getByTestId('poll-managed').filter({ hasText: question });
  await expect(managed.getByText('Live', { exact: true })).toBeVisible();
  await managed.getByRole('button', { name: 'Show on display' }).click();
  await expect(managed.getByRole('button', { name: 'Take off display' })).toHaveAttribute('aria-pressed', 'true');

  // The projector: a fresh browser, nobody signed in, only the link.
  const projector = await newPersonPage(browser, { viewport: { width: 1280, height: 720 } });
  await projector.goto(displayUrl);
  await expect(projector.getByTestId('display-poll')).toContainText(question);
  await expect(projector.getByText('JAKARTA', { exact: true })).toBeVisible();

  // A phone in the hall, joined by the event code, 360 px wide.
  const phone = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await phone.goto(`/j/JAKARTA?next=${encodeURIComponent(`/q/${sessionId}`)}`);
  await phone.getByLabel('Your name').fill('Sari from row 5');
  await phone.getByRole('button', { name: 'Join' }).click();
  await expect(phone).toHaveURL(new RegExp(`/q/${sessionId}$`));
  const phonePoll = phone.getByTestId('poll-live').filter({ hasText: question });
  await expect(phonePoll).toBeVisible();
  await phonePoll.getByLabel('Your word').fill('  Kepercayaan ');
  await phonePoll.getByRole('button', { name: 'Send answer' }).click();
  await expect(phonePoll.getByText('Thank you, your answer is in.').first()).toBeVisible();

  // An online participant on the session page.
  const online = await newPersonPage(browser);
  await signIn(online, 'online@balai.example', PASSWORD);
  await online.goto(base);
  const onlinePoll = online.getByTestId('poll-live').filter({ hasText: question });
  await onlinePoll.getByLabel('Your word').fill('Trust!');
  await onlinePoll.getByRole('button', { name: 'Send answer' }).click();
  await expect(onlinePoll.getByText('Thank you, your answer is in.').first()).toBeVisible();

  // Everyone sees both words: the projector, the phone (results are live), the moderator with the hall/online split.
  const cloud = projector.getByTestId('poll-word-cloud');
  await expect(cloud.getByText('kepercayaan', { exact: true })).toBeVisible();
  await expect(cloud.getByText('trust', { exact: true })).toBeVisible();
  await expect(phonePoll.getByTestId('poll-word-cloud').getByText('trust', { exact: true })).toBeVisible();
  await expect(managed.getByText('2 answers').first()).toBeVisible();
  await managed.getByText('Hall and online, by country').click();
  await expect(managed.getByRole('heading', { name: 'In the hall (1)' })).toBeVisible();
  await expect(managed.getByRole('heading', { name: 'Online (1)' })).toBeVisible();
  // No horizontal scrolling at 360 px.
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await projector.screenshot({ path: 'reports/polls-projector-1280.png' });
  await phone.screenshot({ path: 'reports/polls-phone-360.png', fullPage: true });
  await mod.screenshot({ path: 'reports/polls-moderator-1280.png', fullPage: true });
  await mod.setViewportSize({ width: 360, height: 800 });
  await mod.screenshot({ path: 'reports/polls-moderator-360.png', fullPage: true });
  expect(await mod.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await projector.setViewportSize({ width: 360, height: 740 });
  await projector.screenshot({ path: 'reports/polls-projector-360.png' });
  expect(await projector.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await projector.setViewportSize({ width: 1280, height: 720 });
  await phone.setViewportSize({ width: 1280, height: 800 });
  await phone.screenshot({ path: 'reports/polls-phone-1280.png' });

  // Closing shows the final results; revoking the link blanks the projector.
  await managed.getByRole('button', { name: 'Close poll' }).click();
  await expect(projector.getByText('Final results', { exact: true })).toBeVisible();
  await expect(phone.getByTestId('poll-closed').filter({ hasText: question }).getByText('2 answers · final results')).toBeVisible();
  // Revoke this projector's own link: another spec's link may still be listed (a failed try leaves its link behind).
  const ours = mod.getByRole('listitem').filter({ hasText: linkName });
  await ours.getByRole('button', { name: 'Revoke' }).click();
  await expect(projector.getByTestId('display-revoked')).toBeVisible();
  await expect(ours).toHaveCount(0);
  // The link itself is gone too (the root loading UI streams first, so the status stays 200; the page is the not-found one).
  await projector.goto(displayUrl);
  await expect(projector.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(projector.getByTestId('display-board')).toHaveCount(0);
});

test('a prepared poll is edited before it is launched, and participants get the edited one', async ({ browser }) => {
  const tag = randomUUID().slice(0, 6);
  const mod = await newPersonPage(browser, { viewport: { width: 1280, height: 900 } });
  await signIn(mod, 'moderator@balai.example', PASSWORD);
  const base = await sessionPath(mod);
  await mod.getByRole('link', { name: 'Polls and display links' }).click();
  await expect(mod.getByTestId('poll-manager').getByText('Live', { exact: true })).toBeVisible();

  // Prepared for later: a single choice with a typo in an option.
  await mod.getByLabel('Kind of poll').selectOption('single');
  await mod.getByLabel('Question').fill(`Which day suits the field visit ${tag}?`);
  await mod.getByPlaceholder('Option 1').fill('Tuesday');
  await mod.getByPlaceholder('Option 2').fill('Wensday');
  await mod.getByRole('button', { name: 'Save for later' }).click();
  const prepared = mod.getByTestId('poll-managed').filter({ hasText: `Which day suits the field visit ${tag}?` });
  await expect(prepared.getByText('Prepared', { exact: false }).first()).toBeVisible();

  // Edit: the editor opens with the poll's own settings; the question and the option are corrected.
  await prepared.getByRole('button', { name: 'Edit' }).click();
  const editor = prepared.getByRole('form', { name: 'Edit poll' });
  await expect(editor.getByLabel('Kind of poll')).toHaveValue('single');
  await expect(editor.getByPlaceholder('Option 2')).toHaveValue('Wensday');
  await editor.getByLabel('Question').fill(`Which day suits the site visit ${tag}?`);
  await editor.getByPlaceholder('Option 2').fill('Wednesday');
  await editor.getByRole('button', { name: 'Save changes' }).click();
  const edited = mod.getByTestId('poll-managed').filter({ hasText: `Which day suits the site visit ${tag}?` });
  await expect(edited).toHaveCount(1);
  await expect(edited.getByRole('form', { name: 'Edit poll' })).toHaveCount(0);
  await expect(mod.getByTestId('poll-managed').filter({ hasText: `field visit ${tag}` })).toHaveCount(0);

  // Launched, the participant sees the corrected poll.
  await edited.getByRole('button', { name: 'Launch', exact: true }).click();
  await expect(edited.getByText('Live', { exact: true })).toBeVisible();
  const online = await newPersonPage(browser);
  await signIn(online, 'online@balai.example', PASSWORD);
  await online.goto(base);
  const live = online.getByTestId('poll-live').filter({ hasText: `Which day suits the site visit ${tag}?` });
  await expect(live.getByLabel('Wednesday')).toBeVisible();
  await expect(live.getByText('Wensday')).toHaveCount(0);
  await edited.getByRole('button', { name: 'Close poll' }).click();
});
