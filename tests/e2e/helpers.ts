import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';

export interface Person {
  name: string;
  email: string;
  password: string;
}

export function newPerson(name: string): Person {
  return { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}.${randomUUID().slice(0, 8)}@e2e.balai`, password: 'correct horse battery' };
}

export async function signUp(page: Page, person: Person) {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { name: 'My events' })).toBeVisible();
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'My events' })).toBeVisible();
}

/** A separate browser context per person, as if on their own device. */
const opened = new Set<BrowserContext>();

export async function newPersonPage(browser: Browser, options: { viewport?: { width: number; height: number } } = {}) {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
  opened.add(context);
  context.on('close', () => opened.delete(context));
  return context.newPage();
}

/**
 * `test` for every spec: people's browser contexts are closed after each test,
 * so one test's cameras, sockets and media never keep running (and eating the
 * two cores) into the next.
 */
export const test = base.extend<{ closePeople: void }>({
  closePeople: [
    async ({}, use) => {
      await use();
      await Promise.allSettled([...opened].map((c) => c.close()));
    },
    { auto: true },
  ],
});
export { expect };

/**
 * A new organizer's event (1–3 December, Jakarta) with one meeting-mode
 * session, the given people invited to it; returns the organizer's page on
 * the manage page.
 */
export async function organizeMeeting(
  browser: Browser,
  { eventTitle, sessionTitle, invitees }: { eventTitle: string; sessionTitle: string; invitees: { person: Person; country?: string }[] },
): Promise<Page> {
  const org = await newPersonPage(browser, { viewport: { width: 1100, height: 900 } });
  await signUp(org, newPerson('Olga Organizer'));
  await org.getByRole('link', { name: 'New event' }).click();
  await org.getByLabel('Title').fill(eventTitle);
  await org.getByLabel('First day').fill('2026-12-01');
  await org.getByLabel('Last day').fill('2026-12-03');
  await org.getByLabel('Time zone of the venue').fill('Asia/Jakarta');
  await org.getByLabel('Venue name').fill('Jakarta Convention Center');
  await org.getByRole('button', { name: 'Create event' }).click();
  const sessionForm = org.getByRole('form', { name: 'Add session' });
  await sessionForm.getByLabel('Session title').fill(sessionTitle);
  await sessionForm.getByLabel(/Starts/).fill('2026-12-01T09:00');
  await sessionForm.getByLabel(/Ends/).fill('2026-12-01T10:00');
  await sessionForm.getByLabel('Live mode').selectOption('meeting');
  await sessionForm.getByRole('button', { name: 'Add session' }).click();
  await expect(org.getByText(`Session “${sessionTitle}” added.`)).toBeVisible();
  const invite = org.getByRole('form', { name: 'Invite a person' });
  for (const { person, country } of invitees) {
    await invite.getByLabel('Name', { exact: true }).fill(person.name);
    await invite.getByLabel('E-mail').fill(person.email);
    if (country) await invite.getByLabel(/Country/).fill(country);
    await invite.getByRole('button', { name: 'Invite' }).click();
    await expect(org.getByText(`${person.name} was invited.`)).toBeVisible();
  }
  return org;
}
