import { type Browser, type Page } from '@playwright/test';
import { expect, newPerson, newPersonPage, organizeMeeting, signUp, test, type Person } from './helpers';

test.describe.configure({ timeout: 240_000 });

async function smallVideo(page: Page) {
  await page.addInitScript(() => {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints?: MediaStreamConstraints) =>
      original(constraints?.video ? { ...constraints, video: { width: 320, height: 180, frameRate: 15 } } : constraints);
  });
}

async function personAt(browser: Browser, person: Person, url: string): Promise<Page> {
  const page = await newPersonPage(browser);
  await smallVideo(page);
  await signUp(page, person);
  await page.goto(url);
  return page;
}

/** Joins the call; someone who joined this session before in this browser goes straight in, with no button to press. */
async function joinCall(page: Page) {
  const join = page.getByRole('button', { name: 'Join the live session' });
  const live = page.locator('.media-room').getByRole('status').first();
  await expect(join.or(live)).toBeVisible({ timeout: 30_000 });
  if (await join.isVisible()) await join.click();
  await expect(live).toHaveText(/Live/, { timeout: 30_000 });
}

/** The pinned sign-language video is on screen and playing frames. */
async function expectSignerPlaying(page: Page) {
  const pin = page.getByTestId('sign-language-pin');
  await expect(pin).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => pin.locator('video').evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 30_000 }).toBeGreaterThan(0);
}

test('the sign-language interpreter is pinned for every viewer and on the hall output; typed captions reach viewers as they are typed and go into the transcript', async ({ browser }) => {
  const signer = newPerson('Sinta Signer');
  const captioner = newPerson('Cahya Captioner');
  const viewer = newPerson('Vina Viewer');
  const org = await organizeMeeting(browser, {
    eventTitle: `Accessible ${Date.now()}`,
    sessionTitle: 'Accessible plenary',
    invitees: [signer, captioner, viewer].map((person) => ({ person })),
  });
  await org.getByRole('link', { name: 'Edit', exact: true }).first().click();
  const setup = org.getByTestId('language-setup');
  await setup.getByLabel('Sign-language interpreter').selectOption({ label: signer.name });
  await expect(setup.getByRole('status')).toHaveText('Saved.');
  await setup.getByLabel('Add a captioner').selectOption({ label: captioner.name });
  await setup.getByRole('button', { name: 'Add' }).last().click();
  await expect(setup.getByRole('listitem').filter({ hasText: captioner.name })).toBeVisible();
  const sessionUrl = org.url().replace('/manage/sessions/', '/sessions/');

  const signing = await personAt(browser, signer, sessionUrl);
  await joinCall(signing);
  const watching = await personAt(browser, viewer, sessionUrl);
  await joinCall(watching);
  await expectSignerPlaying(watching);
  // Another layout: still pinned, in the same place on screen.
  await watching.getByRole('button', { name: 'More options' }).click();
  await watching.getByRole('button', { name: 'Speaker view' }).click();
  await expectSignerPlaying(watching);
  // Each viewer may hide it for themselves only, and bring it back.
  await watching.getByTestId('sign-language-pin').getByRole('button', { name: 'Hide for me' }).click();
  await expect(watching.getByTestId('sign-language-pin')).toHaveCount(0);
  await watching.getByRole('button', { name: 'Show the sign-language interpreter' }).click();
  await expectSignerPlaying(watching);

  // The hall device (projector output) shows the signer too.
  await org.goto(`${sessionUrl}/hall`);
  await org.getByRole('button', { name: 'Start the hall device' }).click();
  await expectSignerPlaying(org);

  // Captions: the viewer turns them on; the captioner's words arrive as typed, then as a stored line.
  await watching.getByRole('button', { name: 'Captions off' }).click();
  const captions = watching.getByTestId('captions');
  await expect(captions).toHaveCount(1);
  const cart = await personAt(browser, captioner, sessionUrl);
  await cart.getByRole('link', { name: 'Open the caption console' }).click();
  const input = cart.getByLabel('Caption (Enter sends the line)');
  await cart.getByLabel('Speaker').fill('Dr Sari');
  await input.pressSequentially('Selamat pagi');
  await expect(captions).toContainText('Dr Sari: Selamat pagi');
  await input.pressSequentially(', everyone');
  await input.press('Enter');
  await expect(captions).toContainText('Dr Sari: Selamat pagi, everyone');
  await expect(input).toHaveValue('');
  await watching.getByLabel('Caption size').selectOption('large');
  expect(await captions.locator('p').last().evaluate((p) => parseFloat(getComputedStyle(p).fontSize))).toBeGreaterThan(24);

  // The transcript, as WebVTT and as text.
  const vtt = await cart.request.get(`${sessionUrl}/captions/transcript?format=vtt`);
  expect(vtt.status()).toBe(200);
  const body = await vtt.text();
  expect(body).toMatch(/^WEBVTT/);
  expect(body).toContain('<v Dr Sari>Selamat pagi, everyone');
  const txt = await (await cart.request.get(`${sessionUrl}/captions/transcript?format=txt`)).text();
  expect(txt).toMatch(/\] Dr Sari \(en\): Selamat pagi, everyone/);

  // A late joiner sees the last line at once.
  await watching.reload();
  await joinCall(watching);
  await watching.getByRole('button', { name: 'Captions off' }).click();
  await expect(watching.getByTestId('captions')).toContainText('Selamat pagi, everyone');
});
