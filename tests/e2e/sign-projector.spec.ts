import { type Page } from '@playwright/test';
import { expect, newPerson, newPersonPage, organizeMeeting, test } from './helpers';
import { expectNoSeriousAxe, joinCall, personAt } from './language-helpers';

// Five browsers (signer, viewer, captioner, hall device, projector) on a small machine.
test.describe.configure({ timeout: 420_000 });

type Stat = { source: string; kind: string; peerId: string; framesDecoded: number };
const VIDEO = { width: 320, height: 180, frameRate: 15 };

/** Nothing covers the element: the topmost element at its centre is inside it (toBeVisible does not see occlusion). */
async function expectOnTop(page: Page, testId: string) {
  await expect
    .poll(() =>
      page.getByTestId(testId).evaluate((el) => {
        const r = el.getBoundingClientRect();
        return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
      }),
    )
    .toBe(true);
}

/** The stage's sign-language tile is on screen and its consumer (the signer's camera) decodes frames, by getStats. */
async function expectSignerDecoding(page: Page) {
  const pin = page.getByTestId('sign-language-pin');
  await expect(pin).toBeVisible({ timeout: 30_000 });
  const peerId = (await pin.getAttribute('data-peer-id'))!;
  const frames = async () =>
    (await page.evaluate(() => window.balaiMediaStats?.() ?? Promise.resolve([] as Stat[]))).filter((s) => s.source === 'camera' && s.peerId === peerId).reduce((n, s) => n + s.framesDecoded, 0);
  await expect.poll(frames, { timeout: 30_000 }).toBeGreaterThan(10);
  await expect.poll(() => pin.locator('video').evaluate((v: HTMLVideoElement) => v.videoWidth), { timeout: 30_000 }).toBeGreaterThan(0);
  await expectOnTop(page, 'sign-language-pin');
}

test('the sign-language interpreter is pinned and decoding on every viewer’s stage, the hall device and the projector display link; captions show on the projector when the organizer enables it', async ({ browser }) => {
  const signer = newPerson('Sinta Signer');
  const captioner = newPerson('Cahya Captioner');
  const viewer = newPerson('Vina Viewer');
  const sessionTitle = 'Signed plenary';
  const org = await organizeMeeting(browser, {
    eventTitle: `Signed ${Date.now()}`,
    sessionTitle,
    invitees: [signer, captioner, viewer].map((person) => ({ person })),
  });
  await org.getByRole('link', { name: 'Edit', exact: true }).first().click();
  const setup = org.getByTestId('language-setup');
  await setup.getByLabel('Sign-language interpreter').selectOption({ label: signer.name });
  await expect(setup.getByRole('status')).toHaveText('Saved.');
  await setup.getByLabel('Add a captioner').selectOption({ label: captioner.name });
  await setup.getByRole('button', { name: 'Add' }).last().click();
  await expect(setup.getByRole('listitem').filter({ hasText: captioner.name })).toBeVisible();
  // Controlled by the server's answer: it turns checked once the setting is saved.
  await setup.getByLabel('Show captions on the projector').click();
  await expect(setup.getByLabel('Show captions on the projector')).toBeChecked();
  const sessionUrl = org.url().replace('/manage/sessions/', '/sessions/');

  // The projector's display link, opened before the session is live: no tile yet, no account.
  await org.goto(sessionUrl);
  await org.getByRole('link', { name: 'Polls and display links' }).click();
  const linkName = `Signed hall ${Date.now()}`;
  await org.getByLabel('Name (optional)').fill(linkName);
  await org.getByRole('button', { name: 'Create display link' }).click();
  const displayUrl = (await org.getByTestId('display-link-url').textContent())!;
  const projector = await newPersonPage(browser, { viewport: { width: 1280, height: 720 } });
  await projector.goto(displayUrl);
  await expect(projector.getByTestId('display-board')).toBeVisible();
  await expect(projector.getByTestId('sign-language-pin')).toHaveCount(0);

  // The signer and a viewer join the call.
  const signing = await personAt(browser, signer, sessionUrl, VIDEO);
  await joinCall(signing);
  const watching = await personAt(browser, viewer, sessionUrl, VIDEO);
  await joinCall(watching);
  await expectSignerDecoding(watching);

  // The projector picks the signer up by itself (told when the camera started) and decodes only that video.
  const pin = projector.getByTestId('sign-language-pin');
  await expect(pin).toBeVisible({ timeout: 30_000 });
  await expect(pin).toContainText(signer.name);
  await expect.poll(async () => (await projector.evaluate(() => window.balaiSignStats?.()))?.framesDecoded ?? 0, { timeout: 30_000 }).toBeGreaterThan(10);
  expect(await projector.evaluate(() => window.balaiSignStats?.())).toMatchObject({ consumers: 1, audioConsumers: 0 });
  await expect(projector.locator('video')).toHaveCount(1);
  await expect(projector.locator('audio')).toHaveCount(0);
  await expectOnTop(projector, 'sign-language-pin');
  // It hides neither the QR code people join with nor the question.
  const qr = (await projector.getByRole('img', { name: /QR/i }).boundingBox())!;
  const signBox = (await pin.boundingBox())!;
  expect(qr.x + qr.width <= signBox.x || qr.y >= signBox.y + signBox.height).toBe(true);

  // The hall device's stage shows it too.
  await org.goto(`${sessionUrl}/hall`);
  await org.getByRole('button', { name: 'Start the hall device' }).click();
  await expectSignerDecoding(org);

  // Captions typed by the captioner reach the projector (the organizer enabled them there) and the viewer.
  await watching.getByRole('button', { name: 'Captions off' }).click();
  const cart = await personAt(browser, captioner, `${sessionUrl}/captions`, VIDEO);
  const input = cart.getByLabel('Caption (Enter sends the line)');
  await cart.getByLabel('Speaker').fill('Dr Sari');
  await input.pressSequentially('Terima kasih semuanya');
  await input.press('Enter');
  await expect(projector.getByTestId('display-captions')).toContainText('Dr Sari: Terima kasih semuanya');
  await expectOnTop(projector, 'display-captions');
  await expect(watching.getByTestId('captions')).toContainText('Dr Sari: Terima kasih semuanya');
  await expectNoSeriousAxe(projector, 'projector with the sign-language tile and captions');
  await projector.screenshot({ path: 'reports/playwright-artifacts/projector-sign-captions.png' });

  // The signer leaves: the projector's tile goes; they come back and it returns on its own.
  await signing.close();
  await expect(pin).toHaveCount(0, { timeout: 30_000 });
  const back = await personAt(browser, signer, sessionUrl, VIDEO);
  await joinCall(back);
  await expect(pin).toBeVisible({ timeout: 30_000 });
  // A new consumer: the old one closed with the signer's camera, so these frames are the new one's.
  await expect.poll(async () => (await projector.evaluate(() => window.balaiSignStats?.()))?.framesDecoded ?? 0, { timeout: 30_000 }).toBeGreaterThan(10);

  // The link is revoked: the projector shows nothing of the session any more, the signer included.
  await org.goto(sessionUrl);
  await org.getByRole('link', { name: 'Polls and display links' }).click();
  await org.getByRole('listitem').filter({ hasText: linkName }).getByRole('button', { name: 'Revoke' }).click();
  await expect(projector.getByTestId('display-revoked')).toBeVisible();
  await expect(pin).toHaveCount(0);
});
