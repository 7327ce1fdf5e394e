import { expect, test, newPerson, newPersonPage, signUp } from './helpers';

// An organizer working in English invites Indonesian participants in Bahasa Indonesia:
// the invitation's page speaks it to a visitor whose browser asks for English, the
// switcher still works there, and the new account keeps the language it accepted in.

test('an invitation written in Bahasa Indonesia opens in Bahasa Indonesia and the account keeps it', async ({ browser }) => {
  const organizer = newPerson('Lina Organizer');
  const orgPage = await newPersonPage(browser);
  await signUp(orgPage, organizer);
  await orgPage.getByRole('link', { name: 'New event' }).click();
  await orgPage.getByLabel('Title').fill('Forum Undangan');
  await orgPage.getByLabel('First day').fill('2026-12-01');
  await orgPage.getByLabel('Last day').fill('2026-12-02');
  await orgPage.getByLabel('Time zone of the venue').fill('Asia/Jakarta');
  await orgPage.getByRole('button', { name: 'Create event' }).click();
  await expect(orgPage.getByRole('heading', { name: 'Forum Undangan' })).toBeVisible();
  const slug = new URL(orgPage.url()).pathname.split('/')[2]!;

  await orgPage.goto(`/events/${slug}/registration`);
  const listForm = orgPage.getByRole('form', { name: 'Invite an e-mail list' });
  const language = listForm.getByLabel(/^Language of the invitation/);
  // The organizer's own language is the default.
  await expect(language).toHaveValue('en');
  await language.selectOption({ label: 'Bahasa Indonesia' });
  const email = `putri.${Date.now().toString(36)}@e2e.balai`;
  await listForm.getByLabel(/^E-mail addresses/).fill(`Putri Ayu <${email}>`);
  await listForm.getByRole('button', { name: 'Invite everyone' }).click();
  await expect(listForm.getByText('Invited 1 new, updated 0, rejected 0.')).toBeVisible();
  const url = await listForm.getByLabel('Invitation link for Putri Ayu').inputValue();

  // A fresh browser (Playwright's asks for en-US) with no language cookie.
  const page = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await page.goto(url);
  await expect(page.getByRole('heading', { name: 'Anda diundang ke Forum Undangan' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  // Accepting: the action's messages are in the page's language too.
  await page.getByLabel(/^Kata sandi/).fill('pendek');
  await page.getByLabel(/^Kata sandi/).evaluate((el) => el.removeAttribute('minlength'));
  await page.getByRole('button', { name: 'Terima dan buka acara' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Gunakan minimal 8 karakter.' })).toBeVisible();
  await page.getByLabel(/^Kata sandi/).fill('kata sandi putri');
  await page.getByRole('button', { name: 'Terima dan buka acara' }).click();
  // No cookie and an English browser: only the new profile language makes this Indonesian.
  await expect(page.getByRole('heading', { name: 'Forum Undangan' })).toBeVisible();
  // A phone: the header's links are behind the menu button.
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(page.getByRole('link', { name: 'Acara saya' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  await page.screenshot({ path: 'reports/screenshots/invitation-id-360.png', fullPage: true });

  // Someone else opening the same link chooses English with the switcher, and gets it.
  const other = await newPersonPage(browser);
  await other.goto(url);
  await expect(other.getByRole('heading', { name: 'Anda diundang ke Forum Undangan' })).toBeVisible();
  await other.getByLabel('Bahasa', { exact: true }).selectOption('en');
  await expect(other.getByRole('heading', { name: 'You are invited to Forum Undangan' })).toBeVisible();
});
