import { expect, test, newPerson, newPersonPage, signUp } from './helpers';

// The server's own words (validation, refusals, import reports) follow the
// reader's language like the rest of the page.

test('an organizer working in Bahasa Indonesia reads the server’s errors in Bahasa Indonesia', async ({ browser }) => {
  const organizer = newPerson('Rina Penyelenggara');
  const page = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await signUp(page, organizer);
  await page.getByLabel('Language').selectOption('id');
  await expect(page.getByRole('heading', { name: 'Acara saya' })).toBeVisible();

  // A form the server refuses: the last day before the first, and a zone that does not exist.
  await page.goto('/events/new');
  await page.getByLabel('Judul').fill('Forum Bahasa');
  await page.getByLabel('Hari pertama', { exact: true }).fill('2026-12-03');
  await page.getByLabel('Hari terakhir', { exact: true }).fill('2026-12-01');
  await page.getByLabel('Zona waktu lokasi acara').fill('Asia/Atlantis');
  await page.getByRole('button', { name: 'Buat acara' }).click();
  await expect(page.getByText('Mohon perbaiki isian yang ditandai.')).toBeVisible();
  await expect(page.getByText('Acara harus berakhir pada atau setelah hari pertamanya.')).toBeVisible();
  await expect(page.getByText('Zona waktu tidak dikenal.')).toBeVisible();
  // A refused form keeps what was typed.
  await expect(page.getByLabel('Judul')).toHaveValue('Forum Bahasa');
  await expect(page.getByLabel('Hari pertama', { exact: true })).toHaveValue('2026-12-03');
  await page.screenshot({ path: 'reports/screenshots/errors-id-360.png', fullPage: true });

  await page.getByLabel(/^Hari terakhir/).fill('2026-12-05');
  await page.getByLabel(/^Zona waktu lokasi acara/).fill('Asia/Jakarta');
  await page.getByRole('button', { name: 'Buat acara' }).click();
  await expect(page.getByRole('heading', { name: 'Forum Bahasa' })).toBeVisible();
  const slug = new URL(page.url()).pathname.split('/')[2]!;

  // The import report names each bad row's problem in Indonesian.
  await page.goto(`/events/${slug}/registration`);
  const stamp = Date.now().toString(36);
  const csv = [
    'name,email,country,attendance mode',
    `Ayu,ayu.${stamp}@e2e.balai,Indonesia,in person`,
    `Bima,bima.${stamp}@e2e.balai,Atlantis,online`,
    `Citra,citra.${stamp}@e2e.balai,ID,kadang-kadang`,
    `Ayu Lagi,AYU.${stamp}@e2e.balai,ID,online`,
  ].join('\n');
  const importForm = page.getByRole('form', { name: 'Impor peserta dari CSV' });
  await importForm.getByLabel('Berkas CSV').setInputFiles({ name: 'peserta.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await importForm.getByRole('button', { name: 'Impor' }).click();
  const rejected = importForm.getByRole('table', { name: 'Baris yang ditolak' });
  await expect(rejected).toContainText('Negara "Atlantis" tidak dikenal');
  await expect(rejected).toContainText('Mode kehadiran "kadang-kadang" tidak dikenal');
  await expect(rejected).toContainText('Surel ganda: alamat yang sama ada di baris 2.');
  await expect(importForm.getByText('Diundang 1 baru, diperbarui 0, ditolak 3.')).toBeVisible();
});
