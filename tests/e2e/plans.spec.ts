import { readFile } from 'node:fs/promises';
import { type Page } from '@playwright/test';
import { expect, test, arriveAtDemoProgramme, newPerson, newPersonPage, signIn, signUp } from './helpers';

const EVENT = 'Innovations of Women-owned Small and Medium Industries';

async function joinDemoEvent(page: Page, name: string) {
  await page.goto('/j/JAKARTA');
  await page.getByRole('button', { name: `Join this event as ${name}` }).click();
  await arriveAtDemoProgramme(page);
}

test('a participant writes an action plan, shares it with the facilitators, and a moderator comments on it', async ({ browser }) => {
  const rina = newPerson('Rina Planner');
  const page = await newPersonPage(browser);
  await signUp(page, rina);
  await joinDemoEvent(page, rina.name);
  await page.getByRole('link', { name: 'Action plans', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'My action plan' })).toBeVisible();
  const status = page.getByTestId('plan-save-status');

  await page.getByLabel('Problem').fill('Women-owned food businesses in Sulawesi cannot get bank credit.');
  await expect(status).toContainText('Saved at');
  await page.getByLabel('Objectives').fill('200 businesses get a first loan by 2028.');
  await page.getByRole('button', { name: 'Add activity' }).click();
  await page.getByRole('textbox', { name: 'Activity 1' }).fill('Train loan officers');
  await page.getByLabel('Start (month)').fill('2027-02');
  await page.getByLabel('End (month)').fill('2027-06');
  await page.getByLabel('Responsible').fill('Ministry of Cooperatives');
  await expect(status).toContainText('Saved at');

  // A second tab still holds the old version. Edits to other sections are combined; the same section edited in
  // both places is refused with a message, and nothing typed in either tab is lost.
  const otherTab = await page.context().newPage();
  await otherTab.goto(page.url());
  const otherStatus = otherTab.getByTestId('plan-save-status');
  await expect(otherTab.getByLabel('Problem')).toHaveValue(/Sulawesi/);
  await page.getByLabel('Partners').fill('Bank Rakyat, women’s associations');
  await expect(status).toContainText('Saved at');
  await otherTab.getByLabel('Resources').fill('Text typed in the stale tab');
  await expect(otherTab.getByText('Combined with changes saved in another tab or window')).toBeVisible();
  await expect(otherStatus).toContainText('Saved at');
  await expect(otherTab.getByLabel('Partners')).toHaveValue('Bank Rakyat, women’s associations');

  await page.getByLabel('Objectives').fill('Objectives from the first tab');
  await expect(status).toContainText('Saved at');
  await otherTab.getByLabel('Objectives').fill('Objectives from the second tab');
  await expect(otherTab.getByRole('alert').filter({ hasText: 'This plan was changed in another tab or window' })).toContainText('Objectives');
  await expect(otherStatus).toHaveText('Not saved: changed elsewhere');
  await expect(otherTab.getByLabel('Objectives')).toHaveValue('Objectives from the second tab');
  await otherTab.getByRole('button', { name: 'Keep my text for these sections' }).click();
  await expect(otherStatus).toContainText('Saved at');
  await otherTab.close();
  await page.reload();
  await expect(page.getByLabel('Objectives')).toHaveValue('Objectives from the second tab');
  await expect(page.getByLabel('Resources')).toHaveValue('Text typed in the stale tab');
  await expect(page.getByLabel('Partners')).toHaveValue('Bank Rakyat, women’s associations');

  // Offline: the status says so and the same revision is sent again once the network is back.
  await page.context().setOffline(true);
  await page.getByLabel('Indicators').fill('Loans disbursed to first-time borrowers');
  await expect(status).toHaveText('Offline — will retry');
  await page.context().setOffline(false);
  await expect(status).toContainText('Saved at');
  await page.reload();
  await expect(page.getByLabel('Indicators')).toHaveValue('Loans disbursed to first-time borrowers');

  await page.getByLabel('Share with the facilitators (organizers and moderators)').check();
  await page.getByRole('button', { name: 'Save sharing' }).click();
  await expect(page.getByText('Sharing saved.')).toBeVisible();
  const historyHref = await page.getByRole('link', { name: 'Version history' }).getAttribute('href');
  const planUrl = new URL(historyHref ?? '', page.url());
  planUrl.search = '';
  const plansPath = new URL(page.url()).pathname;

  // The PDF export carries the plan.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()]);
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

  // The author's page stays open (never reloaded from here on) and watches the plan's comments live.
  await expect(page.locator('[data-comments-live="live"]')).toBeAttached();
  await expect(page.getByRole('region', { name: 'Comments', exact: true }).getByText('No comments yet.')).toBeVisible();

  // A moderator (facilitator) finds it among the plans shared with them and comments on a section.
  const mod = await newPersonPage(browser);
  await signIn(mod, 'moderator@balai.example', 'balai-demo');
  await mod.goto(plansPath);
  await mod.getByRole('list', { name: 'Plans shared with me' }).getByRole('link', { name: `${rina.name}’s action plan` }).click();
  await expect(mod.getByText('Women-owned food businesses in Sulawesi cannot get bank credit.')).toBeVisible();
  await expect(mod.getByRole('cell', { name: 'Train loan officers' })).toBeVisible();
  const objectivesComment = mod.getByRole('form', { name: 'Comment on Objectives' });
  await objectivesComment.getByLabel('Your comment on Objectives').fill('Say how many of the 200 are led by women under 30.');
  await objectivesComment.getByRole('button', { name: 'Post comment' }).click();
  await expect(mod.getByRole('list', { name: 'Comments on Objectives' })).toContainText('Say how many of the 200 are led by women under 30.');

  // Another participant it was not shared with cannot open it.
  const other = await newPersonPage(browser);
  await signIn(other, 'online@balai.example', 'balai-demo');
  await other.goto(planUrl.toString());
  await expect(other.getByRole('heading', { name: 'Not found' })).toBeVisible();

  // The author sees the comment appear next to the section at once, with its author, and hears it announced.
  const ownerObjectives = page.getByRole('list', { name: 'Comments on Objectives' });
  await expect(ownerObjectives).toContainText('Say how many of the 200 are led by women under 30.');
  await expect(ownerObjectives).toContainText('Ana Dela Cruz');
  await expect(page.getByRole('status').filter({ hasText: 'New comment from' })).toHaveText('New comment from Ana Dela Cruz on Objectives.');
  // The author replies from their own page; the moderator's open page shows it live, exactly once on both.
  const reply = page.getByRole('form', { name: 'Comment on Objectives' });
  await reply.getByLabel('Your comment on Objectives').fill('About 60 of them; I will add it.');
  await reply.getByRole('button', { name: 'Post comment' }).click();
  await expect(ownerObjectives.getByRole('listitem')).toHaveCount(2);
  await expect(mod.getByRole('list', { name: 'Comments on Objectives' }).getByRole('listitem')).toHaveCount(2);
  await expect(mod.getByRole('list', { name: 'Comments on Objectives' })).toContainText('About 60 of them; I will add it.');
  await expect(mod.getByRole('status').filter({ hasText: 'New comment from' })).toHaveText(`New comment from ${rina.name} on Objectives.`);
  await expect(ownerObjectives.getByRole('listitem')).toHaveCount(2);
  // And they are stored: a reload shows the same.
  await page.reload();
  await expect(page.getByRole('list', { name: 'Comments on Objectives' }).getByRole('listitem')).toHaveCount(2);
  await page.screenshot({ path: 'reports/screenshots/plans-editor.png', fullPage: true });

  // Version history: view the first version and restore it as the newest.
  await page.getByRole('link', { name: 'Version history' }).click();
  await page.getByRole('link', { name: 'Show every autosave' }).click();
  await page.getByRole('list', { name: 'Version history' }).getByRole('link', { name: 'Version 1', exact: true }).click();
  await expect(page.getByText(/You are looking at version 1 of \d+/)).toBeVisible();
  await expect(page.getByText('Women-owned food businesses in Sulawesi cannot get bank credit.')).toBeVisible();
  await page.screenshot({ path: 'reports/screenshots/plans-history.png', fullPage: true });
  await page.getByRole('button', { name: 'Restore this version' }).click();
  await expect(page.getByText('Version 1 restored as the newest version.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Problem', exact: true })).toHaveValue('Women-owned food businesses in Sulawesi cannot get bank credit.');
  await expect(page.getByRole('textbox', { name: 'Objectives', exact: true })).toHaveValue('');
});

test('a participant switches the interface to Bahasa Indonesia', async ({ browser }) => {
  const dewi = newPerson('Dewi Bahasa');
  const page = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await signUp(page, dewi);
  await joinDemoEvent(page, dewi.name);
  await page.getByLabel('Language').selectOption('id');
  await expect(page.getByRole('heading', { name: 'Jadwal acara' })).toBeVisible();
  // A phone: the header's links are behind the menu button.
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(page.getByRole('link', { name: 'Acara saya' })).toBeVisible();
  await expect(page.getByText('Peserta', { exact: true }).first()).toBeVisible();
  // Days in Indonesian ("Jumat, 27 November").
  await expect(page.locator('.programme-day h3').first()).toHaveText(/^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \p{L}+$/u);
  await page.screenshot({ path: 'reports/screenshots/event-id-360.png', fullPage: true });
  await page.getByRole('link', { name: 'Rencana aksi', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Rencana aksi saya' })).toBeVisible();
  await page.getByLabel('Masalah').fill('Akses permodalan bagi usaha mikro.');
  await expect(page.getByTestId('plan-save-status')).toContainText('Tersimpan pukul');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await page.screenshot({ path: 'reports/screenshots/plans-id-360.png', fullPage: true });

  // The choice is kept in the profile: a new device signed in as Dewi opens in Indonesian.
  const again = await newPersonPage(browser);
  await again.goto('/signin');
  await again.getByLabel('E-mail').fill(dewi.email);
  await again.getByLabel('Password').fill(dewi.password);
  await again.getByRole('button', { name: 'Sign in' }).click();
  await expect(again.getByRole('heading', { name: 'Acara saya' })).toBeVisible();
});

test('the organizer sees completion by country and downloads all plans', async ({ page }) => {
  await signIn(page, 'organizer@balai.example', 'balai-demo');
  await page.getByRole('link', { name: EVENT }).click();
  await page.getByRole('link', { name: 'Action plans', exact: true }).click();
  await page.getByRole('link', { name: 'Completion by country' }).click();
  const table = page.getByRole('table', { name: 'Completion by country' });
  await expect(table.getByRole('rowheader', { name: 'Nepal' })).toBeVisible();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download all plans (CSV)' }).click()]);
  const text = await readFile((await csv.path())!, 'utf8');
  expect(text).toContain('country,name,organisation,complete');
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download all plans (PDF)' }).click()]);
  expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
  await page.screenshot({ path: 'reports/screenshots/plans-overview.png', fullPage: true });
});
