import AxeBuilder from '@axe-core/playwright';
import { type Browser, type Page } from '@playwright/test';
import { expect, newPersonPage, signUp, type Person } from './helpers';

/** Shared by the language-access specs (interpretation, breakouts, sign language on the projector). */

export type ChannelStats = { language: string | null; producerId: string | null; consumerId: string | null; bytesReceived: number; packetsReceived: number };
export const channelStats = (page: Page) => page.evaluate(() => window.balaiInterpretationStats?.() ?? Promise.resolve(null as ChannelStats | null));

/** Tiny fake video: interpretation needs little of it, and a small machine keeps up. */
export async function smallVideo(page: Page, size: { width: number; height: number; frameRate: number } = { width: 160, height: 90, frameRate: 10 }) {
  await page.addInitScript((s) => {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints?: MediaStreamConstraints) => original(constraints?.video ? { ...constraints, video: s } : constraints);
  }, size);
}

export async function personAt(browser: Browser, person: Person, url: string, size?: Parameters<typeof smallVideo>[1]): Promise<Page> {
  const page = await newPersonPage(browser);
  await smallVideo(page, size);
  await signUp(page, person);
  await page.goto(url);
  return page;
}

export async function expectNoSeriousAxe(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(bad, what).toEqual([]);
}

/** The organizer's session settings: English floor, Indonesian and Vietnamese, the given interpreters. Returns the session's URL. */
export async function setUpLanguages(org: Page, interpreters: Array<{ person: Person; language: string }>) {
  await org.getByRole('link', { name: 'Edit', exact: true }).first().click();
  const setup = org.getByTestId('language-setup');
  await setup.getByLabel('Floor language').fill('en');
  await setup.getByLabel('Interpretation languages').fill('id, vi');
  await setup.getByRole('button', { name: 'Save languages' }).click();
  await expect(setup.getByRole('status')).toHaveText('Saved.');
  for (const { person, language } of interpreters) {
    const booth = boothOf(org, language);
    await booth.getByLabel('Add an interpreter').selectOption({ label: person.name });
    await booth.getByRole('button', { name: 'Add' }).click();
    await expect(booth.getByRole('listitem').filter({ hasText: person.name })).toBeVisible();
  }
  return org.url().replace('/manage/sessions/', '/sessions/');
}

/** One language's interpreters in the organizer's language setup. */
export const boothOf = (org: Page, language: string) =>
  org.getByTestId('language-setup').locator('div').filter({ has: org.getByRole('heading', { name: `Interpreters into ${language}` }) }).last();

/** An interpreter opens the console and goes live in their language. */
export async function goLive(page: Page, language: string) {
  await page.getByRole('button', { name: 'Connect to the session' }).click();
  await expect(page.getByRole('heading', { name: `Your channel: ${language}` })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Start my microphone' }).click();
  await expect(page.getByTestId('booth').getByRole('status')).toHaveText(`You are live in ${language}`);
}

/** Joins the call; someone who joined this session before in this browser goes straight in, with no button to press. */
export async function joinCall(page: Page) {
  const join = page.getByRole('button', { name: 'Join the live session' });
  const live = page.locator('.media-room').getByRole('status').first();
  await expect(join.or(live)).toBeVisible({ timeout: 30_000 });
  if (await join.isVisible()) await join.click();
  await expect(live).toHaveText(/Live/, { timeout: 30_000 });
}

/** A listener picks a language in the call bar. */
export async function chooseLanguage(page: Page, language: string, code: string) {
  // The menu stays open after a choice (a breakout move keeps it too): open it only if it is closed.
  const button = page.getByRole('button', { name: /^Language: / });
  if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
  await page.getByRole('radio', { name: `${language} (live)` }).check();
  await expect(page.locator(`audio[data-channel-language="${code}"]`)).toHaveCount(1);
}
