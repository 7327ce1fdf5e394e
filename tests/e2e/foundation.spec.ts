import { arriveAtDemoProgramme, expect, test, newPerson, newPersonPage, signIn, signUp } from './helpers';

test('an organizer creates an event with a session and invites a participant; both see each other live', async ({ browser }) => {
  const organizer = newPerson('Olivia Organizer');
  const participant = newPerson('Pak Participant');
  const orgPage = await newPersonPage(browser);
  await signUp(orgPage, organizer);

  await orgPage.getByRole('link', { name: 'New event' }).click();
  await orgPage.getByLabel('Title').fill('Regional SME Forum');
  await orgPage.getByLabel('First day').fill('2026-12-01');
  await orgPage.getByLabel('Last day').fill('2026-12-03');
  await orgPage.getByLabel('Time zone of the venue').fill('Asia/Jakarta');
  await orgPage.getByLabel('Venue name').fill('Jakarta Convention Center');
  await orgPage.getByRole('button', { name: 'Create event' }).click();
  await expect(orgPage.getByRole('heading', { name: 'Manage: Regional SME Forum' })).toBeVisible();

  const sessionForm = orgPage.getByRole('form', { name: 'Add session' });
  await sessionForm.getByLabel('Session title').fill('Opening plenary');
  await sessionForm.getByLabel(/Starts/).fill('2026-12-01T09:00');
  await sessionForm.getByLabel(/Ends/).fill('2026-12-01T10:00');
  await sessionForm.getByRole('button', { name: 'Add session' }).click();
  await expect(orgPage.getByText('Session “Opening plenary” added.')).toBeVisible();

  const invite = orgPage.getByRole('form', { name: 'Invite a person' });
  await invite.getByLabel('Name', { exact: true }).fill(participant.name);
  await invite.getByLabel('E-mail').fill(participant.email);
  await invite.getByLabel(/Country/).fill('Nepal');
  await invite.getByRole('button', { name: 'Invite' }).click();
  await expect(orgPage.getByText(`${participant.name} was invited.`)).toBeVisible();
  await expect(orgPage.getByRole('table', { name: 'Members' }).getByText(participant.email)).toBeVisible();

  // The participant signs up with the invited address and finds the event waiting.
  const partPage = await newPersonPage(browser);
  await signUp(partPage, participant);
  await partPage.getByRole('link', { name: 'Regional SME Forum' }).click();
  await partPage.getByRole('link', { name: 'Opening plenary' }).click();
  await expect(partPage.getByRole('heading', { name: 'Opening plenary' })).toBeVisible();
  const partPresence = partPage.getByRole('list', { name: 'People in this session' });
  await expect(partPresence.getByText(participant.name)).toBeVisible();

  await orgPage.getByRole('link', { name: '← Back to the programme' }).click();
  await orgPage.getByRole('link', { name: 'Opening plenary' }).click();
  const orgPresence = orgPage.getByRole('list', { name: 'People in this session' });
  await expect(orgPresence.getByText(participant.name)).toBeVisible();
  await expect(orgPresence.locator('li', { hasText: participant.name })).toContainText('Nepal');
  await expect(partPresence.getByText(organizer.name)).toBeVisible();
  await expect(partPresence.locator('li', { hasText: organizer.name })).toContainText('Organizer');

  // Leaving is seen by the other person without a reload.
  await partPage.context().close();
  await expect(orgPresence.getByText(participant.name)).toHaveCount(0);
});

test('a participant in the hall joins by event code on a phone', async ({ browser }) => {
  const phone = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await phone.goto('/join');
  await phone.getByLabel('Event code').fill('jakarta');
  await phone.getByLabel('Your name').fill('Dewi from the hall');
  await phone.getByRole('button', { name: 'Join' }).click();
  await arriveAtDemoProgramme(phone);
  await expect(phone.getByText('In the hall', { exact: true })).toBeVisible();
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
});

test('a wrong event code is refused with a clear message', async ({ page }) => {
  await page.goto('/join');
  await page.getByLabel('Event code').fill('NOPE99');
  await page.getByLabel('Your name').fill('Someone');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByText('That code did not work')).toBeVisible();
});

test('the demo organizer sees the demo programme with now/next markers and the import report', async ({ page }) => {
  await signIn(page, 'organizer@balai.example', 'balai-demo');
  await page.getByRole('link', { name: 'Innovations of Women-owned Small and Medium Industries' }).click();
  await expect(page.getByTestId('programme-session')).toHaveCount(14);
  await expect(page.locator('.badge.now').first()).toBeVisible();
  await expect(page.locator('.badge.next').first()).toBeVisible();

  await page.getByRole('link', { name: 'Manage event' }).click();
  await page.getByRole('link', { name: /Import participants from a CSV file/ }).click();
  const csv = [
    'name,email,country,organisation,attendance mode,role',
    `Good Row,good.${Date.now()}@e2e.balai,MY,Coop,in_person,participant`,
    'Bad Country,bad.country@e2e.balai,Atlantis,Org,remote,participant',
    'Bad Mode,bad.mode@e2e.balai,ID,Org,sometimes,participant',
  ].join('\n');
  const importForm = page.getByRole('form', { name: 'Import participants from CSV' });
  await importForm.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await importForm.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Invited 1 new, updated 0, rejected 2.')).toBeVisible();
  const report = page.getByRole('table', { name: 'Rejected rows' });
  await expect(report.getByRole('row', { name: /Atlantis/ })).toContainText('3');
  await expect(report.getByRole('row', { name: /sometimes/ })).toContainText('4');
});
