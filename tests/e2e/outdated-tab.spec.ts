import { expect, test, newPersonPage, signIn } from './helpers';

const DEMO_EVENT = '/events/women-smi-innovations';

/*
 * A tab left open across a deploy runs the old page's code. Playwright rewrites the Socket.IO
 * CONNECT packet the page sends ("40{…"protocol":N…}") to an older number, which is exactly what
 * such a tab sends; the server refuses it and the page asks for a reload instead of failing oddly.
 */
test('a tab older than the server is told Balai was updated; its reload button brings a working page', async ({ browser }) => {
  const page = await newPersonPage(browser);
  await signIn(page, 'online@balai.example', 'balai-demo');
  let rewrite = true;
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const text = typeof message === 'string' ? message : message.toString();
      server.send(rewrite && text.startsWith('40') ? text.replace(/"protocol":\d+/, '"protocol":0') : message);
    });
  });
  await page.goto(DEMO_EVENT);
  await page.getByRole('link', { name: /Keynote/ }).first().click();
  const notice = page.getByRole('button', { name: 'Balai was updated while this page was open. Reload the page to continue.' });
  await expect(notice).toBeVisible();
  await page.screenshot({ path: 'reports/outdated-tab-1280.png' });

  // The "new code" after the reload: the page's own version goes through and the notice is gone.
  rewrite = false;
  await notice.click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(notice).toHaveCount(0);
  // Connected again: the person is listed among those here now.
  await expect(page.getByTestId('presence-peer').filter({ hasText: 'Tenzin Gurung' })).toBeVisible();
  await expect(page.getByText('Connection lost, reconnecting…')).toHaveCount(0);
});
