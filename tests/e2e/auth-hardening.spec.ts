import type { Browser, Page } from '@playwright/test';
import { arriveAtDemoProgramme, expect, fillSignIn, test, newPerson, newPersonPage, signUp, type Person } from './helpers';

// These run against Balai's default limits (playwright.config.ts raises only the sign-up limit).

/** A browser context with JavaScript off: the forms must work as plain HTML posts. */
async function pageWithoutScripts(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport });
  return context.newPage();
}

/** Every URL the page requests or navigates to, to check that no secret ever travels in one. */
function recordUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  page.on('framenavigated', (f) => urls.push(f.url()));
  return urls;
}

async function signUpWithoutScripts(page: Page, person: Person) {
  await page.goto('/signup');
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(/If this e-mail had no account yet/)).toBeVisible();
}

test('sign-up and sign-in work with JavaScript off, and the password never reaches a URL', async ({ browser }) => {
  const page = await pageWithoutScripts(browser);
  const urls = recordUrls(page);
  const person = newPerson('Nadia Noscript');
  await signUpWithoutScripts(page, person);
  await page.goto('/signin');
  const form = page.getByRole('form', { name: 'Sign in' });
  expect((await form.getAttribute('method'))?.toLowerCase()).toBe('post');
  await fillSignIn(page, person.email, person.password);
  await expect(page.getByRole('heading', { name: 'My events' })).toBeVisible();
  await expect(page.getByRole('navigation').getByText(person.name)).toBeVisible();
  expect(urls.length).toBeGreaterThan(3);
  for (const url of urls) {
    expect(url).not.toContain(encodeURIComponent(person.password));
    expect(url).not.toContain('password=');
    expect(url).not.toContain(encodeURIComponent(person.email));
  }
});

test('joining with the event code works with JavaScript off', async ({ browser }) => {
  const phone = await pageWithoutScripts(browser, { width: 360, height: 740 });
  const urls = recordUrls(phone);
  await phone.goto('/join');
  await phone.getByLabel('Event code').fill('jakarta');
  await phone.getByLabel('Your name').fill('Budi without scripts');
  await phone.getByRole('button', { name: 'Join' }).click();
  await arriveAtDemoProgramme(phone);
  // On a phone the header's links sit behind the menu button, which works without JavaScript too.
  await phone.getByRole('button', { name: 'Menu' }).click();
  await expect(phone.getByRole('navigation').getByText('Budi without scripts')).toBeVisible();
  expect(urls.some((u) => /[?&]code=/i.test(u))).toBe(false);
});

test('sign-up answers the same for an e-mail that already has an account, and the account is untouched', async ({ browser }) => {
  const owner = newPerson('Olga Owner');
  const first = await newPersonPage(browser);
  await signUp(first, owner);

  const answers: { url: string; text: string }[] = [];
  for (const person of [{ ...owner, name: 'Impostor', password: 'another password' }, newPerson('Newcomer')]) {
    const page = await newPersonPage(browser);
    await page.goto('/signup');
    await page.getByLabel('Your name').fill(person.name);
    await page.getByLabel('E-mail').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'If this e-mail had no account yet' });
    await expect(notice).toBeVisible();
    answers.push({ url: page.url(), text: (await page.locator('main').innerText()).replace(/\s+/g, ' ') });
  }
  expect(answers[0]).toEqual(answers[1]);

  // The impostor's password does not open the owner's account; the owner's still does.
  const check = await newPersonPage(browser);
  await check.goto('/signin');
  await fillSignIn(check, owner.email, 'another password');
  await expect(check.getByText('Wrong e-mail or password.')).toBeVisible();
  await fillSignIn(check, owner.email, owner.password);
  await expect(check.getByRole('heading', { name: 'My events' })).toBeVisible();
});

test('after signing out, the old session cookie opens nothing', async ({ browser }) => {
  const person = newPerson('Sigit Signout');
  const page = await newPersonPage(browser);
  await signUp(page, person);
  const cookies = await page.context().cookies();
  expect(cookies.some((c) => c.name === 'next-auth.session-token')).toBe(true);
  expect(await (await page.request.get('/api/auth/session')).json()).toMatchObject({ user: { name: person.name } });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Sign in' })).toBeVisible();

  // Someone who copied the cookie before the sign-out replays it.
  const replay = await newPersonPage(browser);
  await replay.context().addCookies(cookies);
  expect(await (await replay.request.get('/api/auth/session')).json()).toEqual({});
  await replay.goto('/');
  await expect(replay.getByRole('navigation').getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(replay.getByRole('navigation').getByText(person.name)).toHaveCount(0);
});

test('too many wrong passwords: sign-in is refused with the wait, even with the right password (phone and desktop)', async ({ browser }) => {
  const person = newPerson('Lina Locked');
  const setup = await newPersonPage(browser);
  await signUp(setup, person);
  await setup.getByRole('button', { name: 'Sign out' }).click();

  const desktop = await newPersonPage(browser);
  await desktop.goto('/signin');
  for (let i = 0; i < 5; i++) {
    // Each answer is awaited: the same message stays on the page between attempts.
    const answered = desktop.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/signin');
    await fillSignIn(desktop, person.email, `wrong guess ${i}`);
    await answered;
    await expect(desktop.getByText('Wrong e-mail or password.')).toBeVisible();
  }
  await fillSignIn(desktop, person.email, person.password);
  await expect(desktop.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText(/^Too many attempts\. Wait \d+ seconds and try again\.$/);
  await desktop.screenshot({ path: 'reports/screenshots/signin-throttled-desktop.png', fullPage: true });

  // The lock is on the account, on every device; the refused attempt above counted too, so the wait has doubled to a minute.
  const phone = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await phone.goto('/signin');
  await fillSignIn(phone, person.email, person.password);
  await expect(phone.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText(/^Too many attempts\. Wait (\d+ seconds|1 minute) and try again\.$/);
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await phone.screenshot({ path: 'reports/screenshots/signin-throttled-phone.png', fullPage: true });
});

test('sign out everywhere, from the profile, signs the person out on their other devices too', async ({ browser }) => {
  const person = newPerson('Eka Everywhere');
  const laptop = await newPersonPage(browser);
  await signUp(laptop, person);
  const phone = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await phone.goto('/signin');
  await fillSignIn(phone, person.email, person.password);
  await expect(phone.getByRole('heading', { name: 'My events' })).toBeVisible();

  // A member of the demo event (joined with its code), so they have a profile page there.
  await laptop.goto('/j/JAKARTA');
  await laptop.getByRole('button', { name: `Join this event as ${person.name}` }).click();
  await arriveAtDemoProgramme(laptop);
  await laptop.goto('/events/women-smi-innovations/me');
  await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(laptop.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  await phone.reload();
  await phone.getByRole('button', { name: 'Menu' }).click();
  await expect(phone.getByRole('navigation').getByRole('link', { name: 'Sign in' })).toBeVisible();
  expect(await (await phone.request.get('/api/auth/session')).json()).toEqual({});
});
