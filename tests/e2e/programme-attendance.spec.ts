import { chromium, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { expect, fillSignIn, test, newPerson, newPersonPage, signIn, signUp, watchContentSecurityPolicy } from './helpers';
import { pdfText } from '../fixtures/pdf-text';

const ZONE = 'Asia/Jakarta';
/** A Vietnamese name: the certificate and the badge sheet must print it as written, diacritics and all. */
const HALL = 'Đặng Thị Lan';

/** "YYYY-MM-DDTHH:mm" on the Jakarta wall clock, `minutes` from now. */
function jakarta(minutes: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(Date.now() + minutes * 60_000))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

async function acceptInvitation(page: Page, url: string, password: string) {
  await page.goto(url);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Accept and open the event' }).click();
}

test('import, check-in by typed code (through an offline moment), online minutes, dashboard and certificate', async ({ browser }) => {
  const organizer = newPerson('Siti Organizer');
  const orgPage = await newPersonPage(browser);
  await signUp(orgPage, organizer);

  // An event with a session that started a minute ago and runs for two hours.
  await orgPage.getByRole('link', { name: 'New event' }).click();
  await orgPage.getByLabel('Title').fill('Attendance Forum');
  await orgPage.getByLabel('First day').fill(jakarta(-1).slice(0, 10));
  await orgPage.getByLabel('Last day').fill(jakarta(120).slice(0, 10));
  await orgPage.getByLabel('Time zone of the venue').fill(ZONE);
  await orgPage.getByRole('button', { name: 'Create event' }).click();
  const sessionForm = orgPage.getByRole('form', { name: 'Add session' });
  await sessionForm.getByLabel('Session title').fill('Live plenary');
  await sessionForm.getByLabel(/Starts/).fill(jakarta(-1));
  await sessionForm.getByLabel(/Ends/).fill(jakarta(120));
  await sessionForm.getByRole('button', { name: 'Add session' }).click();
  await expect(orgPage.getByText('Session “Live plenary” added.')).toBeVisible();
  const slug = new URL(orgPage.url()).pathname.split('/')[2]!;

  // Registration: a CSV with two good rows and one bad one.
  await orgPage.goto(`/events/${slug}/registration`);
  const stamp = Date.now().toString(36);
  const hallEmail = `dewi.${stamp}@e2e.balai`;
  const onlineEmail = `tenzin.${stamp}@e2e.balai`;
  const csv = `name,email,country,attendance mode\n${HALL},${hallEmail},Indonesia,in person\nTenzin Gurung,${onlineEmail},NP,online\nNo Where,nowhere.${stamp}@e2e.balai,Atlantis,online\n`;
  const importForm = orgPage.getByRole('form', { name: 'Import participants from CSV' });
  await importForm.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await importForm.getByRole('button', { name: 'Import' }).click();
  await expect(importForm.getByText('Invited 2 new, updated 0, rejected 1.')).toBeVisible();
  await expect(importForm.getByRole('table', { name: 'Rejected rows' })).toContainText('Unknown country "Atlantis"');
  const hallLink = await importForm.getByLabel(`Invitation link for ${HALL}`).inputValue();
  const onlineLink = await importForm.getByLabel('Invitation link for Tenzin Gurung').inputValue();
  await orgPage.screenshot({ path: 'reports/screenshots/registration.png', fullPage: true });

  // The hall participant opens the invitation and finds their check-in code.
  const hallPage = await newPersonPage(browser);
  await acceptInvitation(hallPage, hallLink, 'dewi password 1');
  await expect(hallPage.getByRole('heading', { name: 'Attendance Forum' })).toBeVisible();
  await hallPage.getByRole('link', { name: 'My participation' }).click();
  const code = (await hallPage.getByTestId('my-checkin-code').textContent())!;
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(hallPage.getByRole('img', { name: `Check-in QR code of ${HALL}` })).toBeVisible();

  // The online participant joins the session and stays.
  const onlinePage = await newPersonPage(browser);
  await acceptInvitation(onlinePage, onlineLink, 'tenzin password 1');
  await onlinePage.getByRole('link', { name: 'Live plenary' }).click();
  await expect(onlinePage.getByRole('list', { name: 'People in this session' }).getByText('Tenzin Gurung')).toBeVisible();

  // A helper's phone at the door: the code is typed while the connection is down, and syncs when it is back.
  const phone = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await phone.context().addCookies(await orgPage.context().cookies());
  await phone.goto(`/events/${slug}/checkin`);
  await expect(phone.getByText('Connected')).toBeVisible();
  await expect(phone.getByText(/^0 of \d+ in the hall checked in today$/)).toBeVisible();
  await phone.context().setOffline(true);
  await expect(phone.getByText('Offline – scans are saved on this phone')).toBeVisible();
  await phone.getByRole('textbox', { name: /^Code/ }).fill(code.toLowerCase());
  await phone.getByRole('button', { name: 'Check in' }).click();
  const answer = phone.getByTestId('checkin-answer');
  await expect(answer).toContainText('Checked in');
  await expect(answer).toContainText(HALL);
  await expect(answer).toContainText('Indonesia');
  await expect(answer).toContainText('ĐL');
  await expect(answer).toContainText('not yet confirmed by the server');
  await expect(phone.getByTestId('checkin-pending')).toHaveText('1 scan waiting to sync');
  await phone.context().setOffline(false);
  await expect(phone.getByTestId('checkin-pending')).toHaveText('All synced');
  await expect(answer).not.toContainText('not yet confirmed');
  // Scanning the same person again is refused as a duplicate.
  await phone.getByRole('textbox', { name: /^Code/ }).fill(code);
  await phone.getByRole('button', { name: 'Check in' }).click();
  await expect(answer).toContainText('Already checked in today');
  await phone.screenshot({ path: 'reports/screenshots/checkin-phone.png', fullPage: true });
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The dashboard shows both, live.
  await orgPage.goto(`/events/${slug}/attendance`);
  await expect(orgPage.getByTestId('live-in-hall')).toContainText('1');
  await expect(orgPage.getByTestId('live-online')).toContainText('1');
  await expect(orgPage.getByRole('list', { name: 'Latest check-ins' })).toContainText(HALL);
  const table = orgPage.getByRole('table', { name: 'Attendance per participant' });
  await expect(table.locator('tr', { hasText: HALL })).toContainText('100%');
  await expect(table.locator('tr', { hasText: 'Tenzin Gurung' })).toContainText('Online');

  // The session's own page, on a phone: Tenzin's join (still connected) and the hall participant's check-in.
  const sessionView = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await sessionView.context().addCookies(await orgPage.context().cookies());
  await sessionView.goto(`/events/${slug}/attendance`);
  await sessionView.getByRole('link', { name: /Live plenary/ }).click();
  await expect(sessionView.getByRole('heading', { name: 'Who attended “Live plenary”' })).toBeVisible();
  const detail = sessionView.getByRole('table', { name: 'Attendance in Live plenary' });
  const tenzinRow = detail.getByRole('row', { name: /Tenzin Gurung/ });
  await expect(tenzinRow.getByTestId('online-stay')).toContainText(/Main room \d\d[.:]\d\d.* – (still connected|\d\d[.:]\d\d)/);
  await expect(detail.getByRole('row', { name: new RegExp(HALL) }).getByTestId('hall-proof')).toContainText(/Checked in \d\d[.:]\d\d/);
  await sessionView.screenshot({ path: 'reports/screenshots/session-attendance-phone.png', fullPage: true });
  expect(await sessionView.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await sessionView.setViewportSize({ width: 1100, height: 800 });
  await detail.screenshot({ path: 'reports/screenshots/session-attendance-table.png' });
  await sessionView.context().close();

  await onlinePage.context().close();
  await expect(orgPage.getByTestId('live-online')).toContainText('0');
  await orgPage.screenshot({ path: 'reports/screenshots/attendance-dashboard.png', fullPage: true });

  // Certificates for everyone at or above 90%: the hall participant downloads theirs.
  const certForm = orgPage.getByRole('form', { name: 'Certificates' });
  await certForm.getByLabel('Threshold (%)').fill('90');
  await certForm.getByRole('button', { name: 'Save threshold and issue certificates' }).click();
  await expect(certForm.getByText(/Issued [1-9]\d* new, refreshed 0\./)).toBeVisible();

  await hallPage.reload();
  // Their own evidence on their page; the connection log is the organizers' only.
  await expect(hallPage.getByRole('table', { name: 'My attendance per session' }).getByTestId('hall-proof')).toContainText('Checked in');
  expect((await hallPage.request.get(`/events/${slug}/attendance/connection-log`)).status()).toBe(404);
  const log = await (await orgPage.request.get(`/events/${slug}/attendance/connection-log`)).text();
  expect(log.split('\n').find((l) => l.startsWith('Tenzin Gurung,'))).toContain(',Nepal,remote,');
  expect(log.split('\n').find((l) => l.startsWith(`${HALL},`))).toContain(',hall check-in,');
  const [download] = await Promise.all([
    hallPage.waitForEvent('download'),
    hallPage.getByRole('link', { name: 'Download my certificate (PDF)' }).click(),
  ]);
  const text = await pdfText(await readFile((await download.path())!));
  expect(text).toContain('Certificate of attendance');
  expect(text).toContain(HALL);
  expect(text).toContain('Attendance Forum');
  expect(text).toContain('Live plenary');
  const verification = /Verification code: (\w{5}-\w{5})/.exec(text)?.[1];
  expect(verification).toBeTruthy();

  // The badge sheet, served by the production build, prints the same name.
  const badges = await orgPage.request.get(`/events/${slug}/badges.pdf`);
  expect(badges.headers()['content-type']).toBe('application/pdf');
  expect(await pdfText(await badges.body())).toContain(HALL);

  // Anyone can verify the code, signed in or not.
  const stranger = await newPersonPage(browser);
  await stranger.goto(`/verify/${verification}`);
  await expect(stranger.getByText(`Valid certificate ${verification}`)).toBeVisible();
  await expect(stranger.getByText(HALL)).toBeVisible();
});

test('an open registration link with one place: the first person registers with their profile, the next finds it full', async ({ browser }) => {
  const orgPage = await newPersonPage(browser);
  await signIn(orgPage, 'organizer@balai.example', 'balai-demo');
  await orgPage.goto('/events/women-smi-innovations/registration');
  const linkForm = orgPage.getByRole('form', { name: 'Registration link settings' });
  await linkForm.getByRole('button', { name: 'Save link' }).click();
  await expect(orgPage.getByText('Registration link saved.')).toBeVisible();
  // One place left, whatever earlier runs on this database registered.
  const taken = Number(/(\d+) of \d+ places taken/.exec((await orgPage.getByText(/\d+ of \d+ places taken/).textContent())!)![1]);
  await linkForm.getByLabel('Places').fill(String(taken + 1));
  await linkForm.getByRole('button', { name: 'Save link' }).click();
  await expect(orgPage.getByText(`${taken} of ${taken + 1} places taken`)).toBeVisible();
  const url = await orgPage.getByLabel('Registration link', { exact: true }).inputValue();

  // A phone-sized newcomer: creates an account from the link and comes back to it.
  const first = newPerson('Oyun Bat');
  const page = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await page.goto(url);
  await expect(page.getByText('1 place left')).toBeVisible();
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Your name').fill(first.name);
  await page.getByLabel('E-mail').fill(first.email);
  await page.getByLabel('Password').fill(first.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  // Sign-up does not sign in (it answers the same for known e-mails): the sign-in page follows, back to the link after.
  await expect(page.getByText(/If this e-mail had no account yet/)).toBeVisible();
  await fillSignIn(page, first.email, first.password);
  const form = page.getByRole('form', { name: 'Register for the event' });
  await form.getByLabel('In the hall').check();
  await form.getByLabel('Country').selectOption({ label: 'Mongolia' });
  await form.getByLabel('Organisation').fill('Women Business Network');
  await expect(form.getByLabel(/Time zone/)).not.toHaveValue('');
  await form.getByLabel(/Accessibility needs/).fill('Step-free access');
  await page.screenshot({ path: 'reports/screenshots/register-phone.png', fullPage: true });
  await form.getByRole('button', { name: 'Register' }).click();

  // Their page: badge for the hall, the profile with the mode fixed by the organizers.
  await expect(page.getByRole('heading', { name: /My participation/ })).toBeVisible();
  await expect(page.getByTestId('my-checkin-code')).toHaveText(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const profile = page.getByRole('form', { name: 'My profile' });
  await expect(profile).toContainText('Attendance: In the hall');
  await expect(profile.getByRole('combobox', { name: /Attendance/ })).toHaveCount(0);
  await expect(profile.getByLabel(/Accessibility needs/)).toHaveValue('Step-free access');
  await profile.getByLabel('Organisation').fill('WBN Mongolia');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Profile saved.')).toBeVisible();
  await page.screenshot({ path: 'reports/screenshots/me-phone.png', fullPage: true });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  // The next person finds the event full.
  const second = await newPersonPage(browser);
  await signUp(second, newPerson('Late Person'));
  await second.goto(url);
  await expect(second.getByText('The event is full.')).toBeVisible();
  await orgPage.reload();
  await expect(orgPage.getByText(`${taken + 1} of ${taken + 1} places taken`)).toBeVisible();
});

/** A one-frame Y4M video of a QR code, for Chromium's fake camera (it loops the file). */
async function qrVideo(text: string): Promise<string> {
  const [W, H, scale] = [640, 480, 10];
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const left = Math.floor((W - size * scale) / 2);
  const top = Math.floor((H - size * scale) / 2);
  const y = Buffer.alloc(W * H, 235);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++)
      if (qr.modules.get(r, c))
        for (let dy = 0; dy < scale; dy++) y.fill(16, (top + r * scale + dy) * W + left + c * scale, (top + r * scale + dy) * W + left + (c + 1) * scale);
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const file = path.join(os.tmpdir(), `balai-qr-${Date.now()}.y4m`);
  await writeFile(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), y, chroma, chroma]));
  return file;
}

test('a helper checks a person in by pointing the phone camera at their code', async ({ browser }) => {
  // The demo's in-hall participant reads their code on their own page.
  const person = await newPersonPage(browser);
  await signIn(person, 'hall@balai.example', 'balai-demo');
  await person.goto('/events/women-smi-innovations/me');
  const code = (await person.getByTestId('my-checkin-code').textContent())!;

  const video = await qrVideo(code);
  const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const cameraBrowser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const phoneContext = await cameraBrowser.newContext({ viewport: { width: 360, height: 740 }, baseURL: test.info().project.use.baseURL });
    await watchContentSecurityPolicy(phoneContext);
    const phone = await phoneContext.newPage();
    await signIn(phone, 'moderator@balai.example', 'balai-demo');
    await phone.goto('/events/women-smi-innovations/checkin');
    await expect(phone.getByText('Connected')).toBeVisible();
    await phone.getByRole('button', { name: 'Start camera' }).click();
    const answer = phone.getByTestId('checkin-answer');
    await expect(answer).toContainText('Nguyen Thi Lan');
    await expect(answer).toContainText(/Checked in|Already checked in today/);
    await expect(phone.getByTestId('checkin-pending')).toHaveText('All synced');
  } finally {
    await cameraBrowser.close();
  }
});

test('a helper at a room door scans a person into that room, and the dashboard counts the room', async ({ browser }) => {
  const person = await newPersonPage(browser);
  await signIn(person, 'hall@balai.example', 'balai-demo');
  await person.goto('/events/women-smi-innovations/me');
  const code = (await person.getByTestId('my-checkin-code').textContent())!;

  const phone = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await signIn(phone, 'moderator@balai.example', 'balai-demo');
  await phone.goto('/events/women-smi-innovations/checkin');
  await expect(phone.getByText('Connected')).toBeVisible();
  const point = phone.getByLabel('Where you are scanning');
  await expect(point).toHaveValue('');
  await point.selectOption('Main hall');
  await phone.getByRole('textbox', { name: /^Code/ }).fill(code);
  await phone.getByRole('button', { name: 'Check in' }).click();
  const answer = phone.getByTestId('checkin-answer');
  await expect(answer).toContainText(/Entered Main hall/);
  await expect(answer).toContainText('Nguyen Thi Lan');
  await expect(phone.getByTestId('checkin-pending')).toHaveText('All synced');
  await expect(answer).not.toContainText('not yet confirmed');
  // The helper stays at the door: a reload keeps it, and a second scan of the same badge is a duplicate.
  await phone.reload();
  await expect(phone.getByLabel('Where you are scanning')).toHaveValue('Main hall');
  await phone.getByRole('textbox', { name: /^Code/ }).fill(code);
  await phone.getByRole('button', { name: 'Check in' }).click();
  await expect(answer).toContainText('Already scanned into Main hall at');
  await expect(phone.getByTestId('checkin-pending')).toHaveText('All synced');
  await phone.screenshot({ path: 'reports/screenshots/checkin-room-phone.png', fullPage: true });
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

  await phone.goto('/events/women-smi-innovations/attendance');
  await expect(phone.getByRole('table', { name: /In the rooms now/ }).locator('tr', { hasText: 'Main hall' })).toContainText('1');
  await expect(phone.getByRole('list', { name: 'Latest room scans' })).toContainText('Nguyen Thi Lan');
});
