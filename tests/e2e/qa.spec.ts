import { type Page, type WebSocketRoute } from '@playwright/test';
import { expect, test, newPersonPage, signIn } from './helpers';

const DEMO_EVENT = '/events/women-smi-innovations';
const PASSWORD = 'balai-demo';
const SESSION_TITLE = 'Keynote: women-owned SMIs in Asia and the Pacific';

async function sessionPath(page: Page): Promise<string> {
  await page.goto(DEMO_EVENT);
  await page.getByRole('link', { name: SESSION_TITLE }).first().click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

test('hall phone asks by code, moderator approves and highlights, online participant upvotes, room display shows it', async ({ browser }) => {
  // The moderator opens the console and switches this session to pre-moderation.
  const mod = await newPersonPage(browser);
  await signIn(mod, 'moderator@balai.example', PASSWORD);
  const base = await sessionPath(mod);
  const sessionId = base.split('/').pop()!;
  await mod.goto(`${base}/qa`);
  await expect(mod.getByRole('heading', { name: 'Q&A moderator console' })).toBeVisible();
  await expect(mod.getByText('Live', { exact: true }).first()).toBeVisible();
  await mod.getByLabel('Moderation').selectOption('pre');
  await expect(mod.getByLabel('Moderation')).toHaveValue('pre');

  // A phone in the hall: the QR code's URL, a name, and straight to the light Q&A page.
  const phone = await newPersonPage(browser, { viewport: { width: 360, height: 740 } });
  await phone.goto(`/j/JAKARTA?next=${encodeURIComponent(`/q/${sessionId}`)}`);
  await phone.getByLabel('Your name').fill('Dewi from row 3');
  await phone.getByRole('button', { name: 'Join' }).click();
  await expect(phone).toHaveURL(new RegExp(`/q/${sessionId}$`));
  await expect(phone.getByRole('heading', { name: /Questions/ })).toBeVisible();
  await expect(phone.getByText('Live', { exact: true })).toBeVisible();
  const question = 'How can <b>cooperatives</b> reach export buyers?';
  await phone.getByLabel('Your question').fill(question);
  await phone.getByRole('button', { name: 'Send question' }).click();
  await expect(phone.getByText('Sent. It will appear once a moderator approves it.')).toBeVisible();
  await expect(phone.getByText('Waiting for a moderator to approve it.')).toBeVisible();
  // Rendered as text, not markup.
  await expect(phone.getByText(question, { exact: true })).toBeVisible();
  const scrollWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(360);
  await phone.screenshot({ path: 'reports/qa-phone.png', fullPage: true });

  // The moderator sees it arrive in the incoming queue, from the hall, and approves it.
  const incoming = mod.getByTestId('qa-mod-question').filter({ hasText: question });
  await expect(incoming).toBeVisible();
  // Screen-reader users hear it arrive: a polite live region names the new question.
  await expect(mod.getByTestId('qa-announcer')).toHaveText(`New question: ${question}`);
  await expect(mod.getByTestId('qa-announcer')).toHaveAttribute('aria-live', 'polite');
  await expect(incoming.getByText('In the hall')).toBeVisible();
  await incoming.getByRole('button', { name: 'Approve' }).click();
  await mod.getByRole('button', { name: /^Live/ }).click();
  const live = mod.getByTestId('qa-mod-question').filter({ hasText: question });
  await live.getByRole('button', { name: 'Highlight' }).click();
  await expect(mod.getByTestId('qa-now-answering')).toContainText(question);

  // An online participant, on the session page beside the stage, upvotes it.
  const online = await newPersonPage(browser);
  await signIn(online, 'online@balai.example', PASSWORD);
  await online.goto(base);
  const item = online.getByTestId('qa-question').filter({ hasText: question });
  await expect(item).toBeVisible();
  await expect(online.getByTestId('qa-now-answering')).toContainText(question);
  await item.getByRole('button', { name: '0 votes, upvote' }).click();
  await expect(item.getByRole('button', { name: '1 vote, upvote' })).toHaveAttribute('aria-pressed', 'true');

  // Everyone sees it live: the phone and the console get the vote and the highlight.
  await expect(phone.getByTestId('qa-now-answering')).toContainText(question);
  await expect(phone.getByTestId('qa-question').filter({ hasText: question }).getByRole('button', { name: '1 vote, upvote' })).toBeVisible();
  await expect(live.getByLabel('1 vote')).toBeVisible();
  await mod.screenshot({ path: 'reports/qa-console.png', fullPage: true });

  // The room display (projector) shows the highlighted question and how to join.
  const display = await newPersonPage(browser, { viewport: { width: 1280, height: 720 } });
  // The projector's connection passes through a switch the test can pull (a network drop, both transports).
  let offline = false;
  const links: WebSocketRoute[] = [];
  await display.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (offline) return void ws.close();
    ws.connectToServer();
    links.push(ws);
  });
  await display.route(/\/socket\.io\//, (route) => (offline ? route.abort() : route.continue()));
  await signIn(display, 'moderator@balai.example', PASSWORD);
  await display.goto(`${base}/qa/display`);
  await expect(display.getByTestId('qa-display-now')).toHaveText(question);
  await expect(display.getByText('JAKARTA', { exact: true })).toBeVisible();
  await expect(display.getByText(/\/j\/JAKARTA$/)).toBeVisible();
  await expect(display.getByRole('img', { name: 'QR code to open the Q&A on your phone' })).toBeVisible();
  await display.screenshot({ path: 'reports/qa-display.png' });

  // The presenter's read-only view shows it too, without moderation controls.
  const presenter = await display.context().newPage();
  await presenter.goto(`${base}/qa/presenter`);
  await expect(presenter.getByTestId('qa-now-answering')).toContainText(question);
  await expect(presenter.getByRole('heading', { name: 'Top questions' })).toBeVisible();
  await expect(presenter.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await presenter.close();

  // Marking it answered reaches the display with no interaction; it stays highlighted.
  await live.getByRole('button', { name: 'Mark answered' }).click();
  await expect(display.getByTestId('qa-display-now')).toHaveText(question);

  // A network drop at the projector: it says so, reconnects by itself and catches up on what it missed.
  offline = true;
  await Promise.all(links.splice(0).map((ws) => ws.close()));
  await expect(display.getByText('Connection lost, reconnecting…')).toBeVisible();
  await mod.getByRole('button', { name: 'Stop highlighting' }).click();
  await expect(mod.getByText('No question is highlighted.')).toBeVisible();
  offline = false;
  await expect(display.getByText('Scan the code to ask a question.')).toBeVisible();
  await expect(display.getByText('Live', { exact: true })).toBeVisible();
});
