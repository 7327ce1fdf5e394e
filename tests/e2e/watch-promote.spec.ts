import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, newPerson, newPersonPage, organizeMeeting, signUp } from './helpers';

// Two browsers with fake cameras on a small shared machine.
test.describe.configure({ timeout: 240_000 });

type Stat = { source: string; kind: string; peerId: string; framesDecoded: number };

/** Tiny fake video so two encoders keep up on a small machine. */
async function smallVideo(page: Page) {
  await page.addInitScript(() => {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints?: MediaStreamConstraints) =>
      original(constraints?.video ? { ...constraints, video: { ...(typeof constraints.video === 'object' ? constraints.video : {}), width: 320, height: 180, frameRate: 15 } } : constraints);
  });
}

async function join(page: Page) {
  await page.getByRole('button', { name: 'Join the live session' }).click();
  await expect(page.locator('.media-room').getByRole('status').first()).toHaveText(/Live/, { timeout: 30_000 });
}

test('a moderator sees who watches the stream (with a raised hand), invites one watcher into the webinar’s call; the watcher joins with camera through the normal join and the moderator decodes their video', async ({ browser }) => {
  const ana = newPerson('Ana Watcher');
  const eventTitle = `Promote ${Date.now()}`;
  const sessionTitle = 'Town hall';
  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: ana }], liveMode: 'webinar' });
  await smallVideo(org);
  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(org.getByRole('heading', { name: sessionTitle })).toBeVisible();
  const sessionUrl = org.url();
  await join(org);

  // Ana watches the stream's page (its player, Q&A and now her hand) instead of the call, on her phone.
  const page = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await smallVideo(page);
  await signUp(page, ana);
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();
  await page.goto(`${new URL(sessionUrl).pathname}/watch`);
  await expect(page.getByRole('heading', { name: `Watching: ${sessionTitle}` })).toBeVisible();
  await page.getByRole('button', { name: 'Raise hand' }).click();
  await expect(page.getByRole('button', { name: 'Lower hand' })).toHaveAttribute('aria-pressed', 'true');

  // The moderator's People panel lists her, hand raised, and invites her.
  await org.getByRole('toolbar', { name: 'Call controls' }).getByRole('button', { name: 'People', exact: true }).click();
  await expect(org.getByRole('heading', { name: 'Watching the stream (1)' })).toBeVisible({ timeout: 30_000 });
  const watcher = org.getByTestId('watcher').filter({ hasText: ana.name });
  await expect(watcher).toContainText('Hand raised', { timeout: 30_000 });
  await watcher.getByRole('button', { name: `Invite ${ana.name} into the call` }).click();
  await expect(watcher.getByTestId('watcher-invitation')).toHaveAttribute('data-state', 'pending');
  await expect(watcher.getByRole('button', { name: `Invite ${ana.name} into the call` })).toBeDisabled();

  const invitation = page.getByRole('alertdialog', { name: 'You are invited into the live call' });
  await expect(invitation).toContainText('Olga Organizer invites you', { timeout: 30_000 });
  await expect(invitation.getByRole('button', { name: 'Join the call' })).toBeFocused();
  await page.screenshot({ path: 'reports/watch-invitation.png', fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await invitation.getByRole('button', { name: 'Join the call' }).click();

  // The session page and its normal join: in the webinar she now publishes camera and microphone.
  await expect(page.getByRole('heading', { name: sessionTitle })).toBeVisible();
  await join(page);
  await expect(page.getByRole('toolbar', { name: 'Call controls' }).getByRole('button', { name: /Turn camera (off|on)/ })).toBeVisible();
  const decoded = () =>
    org.evaluate(async () => {
      const stats = ((await window.balaiMediaStats?.()) ?? []) as Stat[];
      return stats.filter((s) => s.kind === 'video' && s.source === 'camera').reduce((n, s) => n + s.framesDecoded, 0);
    });
  await expect.poll(decoded, { timeout: 60_000, message: 'the moderator should decode the promoted watcher’s video' }).toBeGreaterThan(10);
  await expect(org.getByRole('heading', { name: 'Watching the stream (0)' })).toBeVisible({ timeout: 30_000 });
  await org.screenshot({ path: 'reports/watch-promoted.png' });
});
