import type { Page } from '@playwright/test';
import { expect, signIn, test } from './helpers';

// Someone reading Balai in Bahasa Indonesia must not meet English: every
// main page, in the language chosen by the switcher cookie (the demo
// organizer's profile language stays unset, so the cookie decides — the other
// specs use this account in English).

const EVENT = '/events/women-smi-innovations';
const EVENT_TITLE = 'Innovations of Women-owned Small and Medium Industries';
const SESSION_TITLE = 'Country presentations I';

/*
 * Common English UI words that must never show on an Indonesian page.
 * Capitalized and whole-word, so the demo's English data (event and session
 * titles, organisations, rooms: "Main hall", "Country presentations I",
 * "Programme Secretariat") does not trip it; words the two languages share
 * ("Moderator", "Status", "November") are left out.
 */
const ENGLISH_UI =
  /\b(Save|Cancel|Loading|Sign (in|out|up)|Log (in|out)|Skip to content|My events|Attendance|Sessions?|Questions?|Join|Leave|Download|Settings|Submit|Delete|Edit|Remove|Send|Sending|Profile|Language|Manage|Invite|Import|Export|Search|Close|Dismiss|Back to|Share|Anonymous|Mute|Unmute|Camera|Microphone|Chat|Registration|Check-in|Checked in|Participants?|Organi[sz]er|Presenter|Speaker|Minutes|Today|Tomorrow|Yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|June|July|August|October|December|Hand raised|Raise hand|Live|Online|In the hall|Waiting|Nobody|No one|Sweden|E-?mail|Password|Your name|Event code)\b/;

/** The page's visible text, its accessible names (aria-label, title, placeholder, alt) and its document title. */
async function everythingShown(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]')].flatMap((el) =>
      ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? ''),
    );
    return [document.title, document.body.innerText, ...attrs].join('\n');
  });
}

async function expectNoEnglish(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'id');
  const text = await everythingShown(page);
  const line = text.split('\n').find((l) => ENGLISH_UI.test(l));
  expect(line ?? null, `English on ${page.url()}: “${line}”`).toBeNull();
}

async function useIndonesian(page: Page) {
  // path "/" so every page of the site sees the cookie, as the switcher sets it.
  await page.context().addCookies([{ name: 'BALAI_LOCALE', value: 'id', url: new URL('/', page.url()).href }]);
}

test('the organizer’s pages are all in Bahasa Indonesia, dates included', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, 'organizer@balai.example', 'balai-demo');
  await useIndonesian(page);

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Acara saya' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
  // Dates in Indonesian: "28 November – 2 Desember 2026".
  await expect(page.getByText(/Desember 2026/).first()).toBeVisible();
  await expectNoEnglish(page);

  await page.goto(EVENT);
  await expect(page.getByRole('heading', { name: EVENT_TITLE })).toBeVisible();
  await expect(page.getByText('Jadwal acara', { exact: true })).toBeVisible();
  await expect(page.getByText('Kerja kelompok').first()).toBeVisible();
  // Day headings and times the Indonesian way ("Sabtu, 28 November", "09.00–09.45").
  await expect(page.getByText(/^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d+ \w+$/).first()).toBeVisible();
  await expect(page.getByText(/^\d{2}\.\d{2}–\d{2}\.\d{2}/).first()).toBeVisible();
  await expect(page).toHaveTitle(`${EVENT_TITLE} · Balai`);
  await expectNoEnglish(page);

  await page.getByRole('link', { name: SESSION_TITLE, exact: true }).click();
  await expect(page.getByRole('heading', { name: SESSION_TITLE })).toBeVisible();
  await expect(page.getByText('Sebelum bergabung')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Gabung sesi langsung' })).toBeVisible();
  await expect(page.getByText('Obrolan', { exact: true })).toBeVisible();
  await expectNoEnglish(page);
  const sessionPath = new URL(page.url()).pathname;
  const sessionId = sessionPath.split('/').pop()!;

  await page.goto(`${sessionPath}/qa`);
  await expect(page.getByRole('heading', { name: 'Konsol moderator tanya jawab' })).toBeVisible();
  await expect(page.getByText('Antrean', { exact: true }).first()).toBeVisible();
  await expectNoEnglish(page);

  // The light phone page (Pages Router, its own message loading).
  await page.goto(`/q/${sessionId}`);
  await expect(page.getByRole('button', { name: 'Kirim pertanyaan' })).toBeVisible();
  await expect(page.getByLabel('Pertanyaan Anda')).toBeVisible();
  await expectNoEnglish(page);

  await page.goto(`${EVENT}/registration`);
  await expect(page.getByRole('heading', { name: `Pendaftaran: ${EVENT_TITLE}` })).toBeVisible();
  await expect(page.getByText('Undang dengan daftar surel')).toBeVisible();
  await expectNoEnglish(page);

  await page.goto(`${EVENT}/checkin`);
  await expect(page.getByRole('heading', { name: `Registrasi ulang: ${EVENT_TITLE}` })).toBeVisible();
  await expect(page.getByText('Pindai dengan kamera')).toBeVisible();
  await expectNoEnglish(page);

  await page.goto(`${EVENT}/attendance`);
  await expect(page.getByRole('heading', { name: `Kehadiran: ${EVENT_TITLE}` })).toBeVisible();
  await expect(page.getByText('Sertifikat kehadiran')).toBeVisible();
  await expectNoEnglish(page);

  // One session's joins and leaves (or, before it starts, why nothing is counted yet).
  await page.goto(`${EVENT}/attendance/sessions/${sessionId}`);
  await expect(page.getByRole('heading', { name: `Siapa yang hadir di “${SESSION_TITLE}”` })).toBeVisible();
  await expectNoEnglish(page);

  await page.goto(`${EVENT}/plans`);
  await expect(page.getByRole('heading', { name: 'Rencana aksi saya untuk Indonesia' })).toBeVisible();
  await expect(page.getByText('Kegiatan dan jadwal')).toBeVisible();
  await expectNoEnglish(page);

  await page.goto(`${EVENT}/me`);
  await expect(page.getByRole('heading', { name: `Keikutsertaan saya: ${EVENT_TITLE}` })).toBeVisible();
  await expect(page.getByText('Profil saya', { exact: true }).first()).toBeVisible();
  // Country names in Indonesian, all of them (the list once had "Sweden", "Isle of Man").
  const country = page.getByLabel('Negara');
  await expect(country.locator('option', { hasText: 'Swedia' })).toHaveCount(1);
  await expect(country.locator('option', { hasText: 'Pulau Man' })).toHaveCount(1);
  await expectNoEnglish(page);

  await page.goto(`${EVENT}/manage`);
  await expect(page.getByRole('heading', { name: `Kelola: ${EVENT_TITLE}` })).toBeVisible();
  await expect(page.getByText('Undang lewat surel')).toBeVisible();
  await expectNoEnglish(page);

  // A phone in the hall, 360 px wide: two pages to look at.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(EVENT);
  await expect(page.getByText('Jadwal acara', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'reports/screenshots/programme-id-360.png' });
  await page.goto(`${EVENT}/checkin`);
  await expect(page.getByText('Pindai dengan kamera')).toBeVisible();
  await page.screenshot({ path: 'reports/screenshots/checkin-id-360.png', fullPage: true });
});

test('a visitor whose browser asks for Indonesian signs in and joins in Bahasa Indonesia', async ({ browser }) => {
  // The browser's own language (its Accept-Language), no cookie, no profile.
  const context = await browser.newContext({ locale: 'id-ID', viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto('/signin');
  await expect(page.getByRole('heading', { name: 'Masuk' })).toBeVisible();
  await expect(page.getByLabel('Surel')).toBeVisible();
  await expectNoEnglish(page);

  await page.goto('/join');
  await expect(page.getByLabel('Kode acara')).toBeVisible();
  await expectNoEnglish(page);

  await page.goto('/j/NOPE99');
  await expect(page.getByRole('heading', { name: 'Kode tidak ditemukan' })).toBeVisible();
  await expectNoEnglish(page);
  await context.close();
});
