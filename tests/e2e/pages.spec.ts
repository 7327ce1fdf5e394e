import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { expect, newPersonPage, signIn, test } from './helpers';

/*
 * Every page people open on a phone fits a 360 px screen, and the main pages have no serious or critical
 * accessibility problem by axe-core (WCAG 2.x A/AA rules). Demo accounts from the seed (lib/db/seed-demo.ts).
 */
test.describe.configure({ timeout: 180_000 });

const EVENT = 'Innovations of Women-owned Small and Medium Industries';
const SESSION = 'Country presentations I';
const PASSWORD = 'balai-demo';
const PHONE = { width: 360, height: 740 };

interface Paths {
  slug: string;
  sessionId: string;
}

/** The demo event's slug and a session id, read from the programme as a participant sees it. */
async function demoPaths(page: Page): Promise<Paths> {
  await page.getByRole('link', { name: EVENT }).click();
  await expect(page).toHaveURL(/\/events\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1, name: EVENT })).toBeVisible();
  const slug = new URL(page.url()).pathname.split('/')[2]!;
  const href = await page.getByRole('link', { name: SESSION, exact: true }).first().getAttribute('href');
  return { slug, sessionId: href!.split('/sessions/')[1]!.split(/[/?#]/)[0]! };
}

async function signedIn(browser: Browser, email: string, viewport = PHONE) {
  const page = await newPersonPage(browser, { viewport });
  await signIn(page, email, PASSWORD);
  return { page, paths: await demoPaths(page) };
}

/** Loads a page and waits for it to settle (client components render, fonts load). */
async function open(page: Page, path: string) {
  const response = await page.goto(path);
  // The page itself, not a sign-in redirect or "Not found": a check of the wrong page proves nothing.
  expect(response?.status(), path).toBe(200);
  expect(new URL(page.url()).pathname, path).toBe(path);
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

const widthOf = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** What overflows, to make a failure readable: the widest elements that stick out of the viewport. */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => {
        // Inside a scrolling wrapper (a wide table) is fine, unless positioned out of it: only what widens the page counts.
        if (getComputedStyle(el).position === 'absolute') return true;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return false;
        return true;
      })
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .filter((x) => x.right > window.innerWidth + 0.5)
      .slice(-5)
      .map(({ el, right }) => `${el.tagName.toLowerCase()}.${(el as HTMLElement).className} → ${Math.round(right)}px`),
  );

async function expectFits(page: Page, path: string) {
  await open(page, path);
  const width = await widthOf(page);
  expect(width, `${path} is ${width}px wide at 360: ${(await overflowing(page)).join(', ')}`).toBeLessThanOrEqual(360);
}

async function expectAccessible(page: Page, path: string, screenshot?: string) {
  await open(page, path);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(bad, `${path}`).toEqual([]);
  if (screenshot) await page.screenshot({ path: `reports/pages-${screenshot}.png`, fullPage: true });
}

test('signed-out pages fit 360 px and pass axe: landing, sign-in, sign-up, join', async ({ browser }) => {
  const page = await newPersonPage(browser, { viewport: PHONE });
  for (const path of ['/', '/signin', '/signup', '/join']) await expectFits(page, path);
  // The header is one line on a phone; its links open from the menu button.
  const header = page.locator('header.site');
  expect((await header.boundingBox())!.height).toBeLessThan(64);
  await expect(header.getByRole('link', { name: 'Sign in' })).toBeHidden();
  await header.getByRole('button', { name: 'Menu' }).click();
  await expect(header.getByRole('button', { name: 'Menu' })).toHaveAttribute('aria-expanded', 'true');
  await expect(header.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expectAccessible(page, '/', 'landing-360');
  await expectAccessible(page, '/signin');
  const wide = await newPersonPage(browser);
  await open(wide, '/');
  await wide.screenshot({ path: 'reports/pages-landing-1280.png', fullPage: true });
});

test('every event page an organizer opens fits 360 px; the programme, Q&A console and attendance pass axe', async ({ browser }) => {
  const { page, paths } = await signedIn(browser, 'organizer@balai.example');
  const e = `/events/${paths.slug}`;
  const s = `${e}/sessions/${paths.sessionId}`;
  const pages = [
    '/',
    e,
    `${e}/me`,
    `${e}/manage`,
    `${e}/manage/sessions/${paths.sessionId}`,
    `${e}/registration`,
    `${e}/attendance`,
    `${e}/attendance/sessions/${paths.sessionId}`,
    `${e}/checkin`,
    `${e}/plans`,
    `${e}/plans/overview`,
    s,
    `${s}/qa`,
    `${s}/polls`,
    '/events/new',
  ];
  for (const path of pages) await expectFits(page, path);
  // The event's tabs stay on every event page, the session page too until the call fills the window.
  for (const path of pages.filter((p) => p.startsWith(e))) {
    await open(page, path);
    await expect(page.getByRole('navigation', { name: 'Event pages' }), path).toBeVisible();
  }
  await expectAccessible(page, e, 'programme-360');
  await expectAccessible(page, `${s}/qa`, 'qa-console-360');
  await expectAccessible(page, `${e}/attendance`, 'attendance-360');
  await expectAccessible(page, `${e}/manage`, 'manage-360');
});

test('a participant’s pages fit 360 px and pass axe: the stage before joining, the phone Q&A, an action plan', async ({ browser }) => {
  const { page, paths } = await signedIn(browser, 'hall@balai.example');
  const e = `/events/${paths.slug}`;
  const s = `${e}/sessions/${paths.sessionId}`;
  for (const path of [e, `${e}/me`, `${e}/plans`, s, `/q/${paths.sessionId}`]) await expectFits(page, path);
  await expectAccessible(page, s, 'session-360');
  await expectAccessible(page, `/q/${paths.sessionId}`, 'phone-qa-360');
  await expectAccessible(page, `${e}/plans`, 'plan-360');
  // The stage before joining, as an online participant sees it (camera preview and devices).
  const online = await signedIn(browser, 'online@balai.example', { width: 1280, height: 800 });
  await expectAccessible(online.page, s, 'session-1280');
});
