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
