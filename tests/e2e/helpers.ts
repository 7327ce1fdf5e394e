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
  // Sign-up answers the same for a new and a known e-mail, so nobody is signed in by it: sign in next.
  await expect(page.getByText(/If this e-mail had no account yet/)).toBeVisible();
  await fillSignIn(page, person.email, person.password);
  await expect(page.getByRole('heading', { name: 'My events' })).toBeVisible();
}

/** Fills and sends the sign-in form of the page that is open. */
export async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'My events' })).toBeVisible();
}

export const DEMO_EVENT = 'Innovations of Women-owned Small and Medium Industries';

/**
 * After joining the demo event by its code, ends on its programme. The demo programme follows
 * today's clock, so whether a session is running depends on when the suite runs: while one
 * runs, joining lands on its phone Q&A (as the hall's QR code does), which links to the programme.
 */
export async function arriveAtDemoProgramme(page: Page) {
  await page.waitForURL(/\/(events\/women-smi-innovations|q\/[0-9a-f-]{36})$/);
  if (/\/q\//.test(page.url())) {
    await page.getByRole('link', { name: 'Programme', exact: true }).click();
  }
  await expect(page.getByRole('heading', { name: DEMO_EVENT })).toBeVisible();
}

/** A separate browser context per person, as if on their own device. */
const opened = new Set<BrowserContext>();

export async function newPersonPage(browser: Browser, options: { viewport?: { width: number; height: number }; baseURL?: string } = {}) {
  // baseURL: another Balai node than the suite's server (tests of several nodes).
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, ...(options.baseURL ? { baseURL: options.baseURL } : {}) });
  opened.add(context);
  context.on('close', () => opened.delete(context));
  return context.newPage();
}

/*
 * Every test runs against Balai's Content-Security-Policy (enforced: the e2e server does not set
 * CSP_REPORT_ONLY) and fails if a browser reports a violation: each context a test opens is
 * watched from its first page on. Violations are seen three ways, because none alone sees all:
 * the page's `securitypolicyviolation` events, Chromium's console ("Refused to load …", also from
 * workers), and a document served without an enforced policy at all.
 */
let cspProblems: string[] = [];
const watched = new WeakSet<BrowserContext>();

/** Watches a context a test made itself (e.g. with its own browser); contexts from `browser` and `page` are watched already. */
export async function watchContentSecurityPolicy(context: BrowserContext) {
  if (watched.has(context)) return;
  watched.add(context);
  await context.exposeBinding('__balaiCspViolation', ({ page }, text: string) => {
    cspProblems.push(`${page.url()}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const report = (window as unknown as { __balaiCspViolation: (t: string) => Promise<void> }).__balaiCspViolation;
        void report(`${e.disposition} ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
      },
      true,
    );
  });
  const watchPage = (page: Page) => {
    page.on('console', (message) => {
      // Chromium also says so when the Permissions-Policy names a feature it does not know.
      if (/Content Security Policy|Permissions-Policy/i.test(message.text())) cspProblems.push(`${page.url()}: console: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'document' || response.status() >= 300) return;
      if (!response.headers()['content-security-policy']) cspProblems.push(`${response.url()} was served without an enforced Content-Security-Policy`);
    });
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
}

/**
 * `test` for every spec: people's browser contexts are closed after each test,
 * so one test's cameras, sockets and media never keep running (and eating the
 * two cores) into the next; and no test passes with a CSP violation. A test
 * that causes one on purpose reads and empties `cspViolations`.
 */
export const test = base.extend<{ closePeople: void; cspViolations: string[] }>({
  cspViolations: async ({}, use) => {
    cspProblems = [];
    await use(cspProblems);
  },
  context: async ({ context }, use) => {
    await watchContentSecurityPolicy(context);
    await use(context);
  },
  closePeople: [
    async ({ browser, cspViolations }, use) => {
      const newContext = browser.newContext;
      browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
        const context = await newContext.apply(browser, args);
        await watchContentSecurityPolicy(context);
        return context;
      };
      try {
        await use();
        expect(cspViolations, 'Content-Security-Policy violations').toEqual([]);
      } finally {
        browser.newContext = newContext;
        await Promise.allSettled([...opened].map((c) => c.close()));
      }
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
  {
    eventTitle,
    sessionTitle,
    invitees,
    liveMode = 'meeting',
    baseURL,
  }: { eventTitle: string; sessionTitle: string; invitees: { person: Person; country?: string }[]; liveMode?: 'meeting' | 'webinar'; baseURL?: string },
): Promise<Page> {
  const org = await newPersonPage(browser, { viewport: { width: 1100, height: 900 }, baseURL });
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
  await sessionForm.getByLabel('Live mode').selectOption(liveMode);
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
