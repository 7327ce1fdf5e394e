import { expect, signIn, test } from './helpers';

// The shared fixture fails every test on a CSP violation; these tests show it sees them, then
// acknowledge the ones they caused on purpose by emptying `cspViolations`.

test('the sign-in page hydrates under the CSP, and a resource the policy forbids is blocked and seen', async ({ page, cspViolations }) => {
  await page.goto('/signin');
  // Next.js's scripts ran (they carry the nonce): its client runtime announces itself on window.
  await expect.poll(() => page.evaluate(() => typeof (window as unknown as { next?: { version?: string } }).next?.version)).toBe('string');
  expect(cspViolations).toEqual([]);

  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'https://images.example.invalid/tracker.png';
    document.body.append(img);
  });
  await expect.poll(() => cspViolations.some((v) => v.includes('img-src') && v.includes('images.example.invalid'))).toBe(true);
  cspViolations.length = 0;
});

test('another site cannot put a Balai page in a frame', async ({ page, baseURL }) => {
  await page.goto('about:blank');
  await page.setContent(`<iframe title="framed" src="${baseURL}/signin"></iframe>`);
  // Chromium puts its error page in the frame instead of Balai's (it logs no console message the test could read).
  await expect.poll(() => page.frames()[1]?.url()).toBe('chrome-error://chromewebdata/');
  await expect(page.frameLocator('iframe[title="framed"]').getByRole('button', { name: 'Sign in' })).toHaveCount(0);
});

test('a CSV file over the upload limit is refused in words before it is sent', async ({ page }) => {
  await signIn(page, 'organizer@balai.example', 'balai-demo');
  await page.getByRole('link', { name: 'Innovations of Women-owned Small and Medium Industries' }).click();
  await page.getByRole('link', { name: 'Manage event' }).click();
  await page.getByRole('link', { name: /Import participants from a CSV file/ }).click();
  const importForm = page.getByRole('form', { name: 'Import participants from CSV' });
  const file = importForm.getByLabel('CSV file');
  const actions: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') actions.push(r.url());
  });
  const row = 'Big Row,big@e2e.balai,MY,Coop,in_person,participant\n';
  await file.setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(row.repeat(Math.ceil((5 * 1024 * 1024) / row.length))) });
  await expect(file).toHaveJSProperty('validationMessage', 'This is too large to send: the limit is 5 MB.');
  await importForm.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(file).toHaveJSProperty('validationMessage', 'This is too large to send: the limit is 5 MB.');
  expect(actions).toEqual([]);

  // A file that fits is sent and imported, even over Next.js's own 1 MB default for server actions:
  // next.config.js gives Next.js the same limit. (One row, padded by a column the import ignores.)
  const padded = `name,email,country,organisation,attendance mode,role,notes\nBad Country,bad.country@e2e.balai,Atlantis,Org,remote,participant,${'n'.repeat(2 * 1024 * 1024)}\n`;
  await file.setInputFiles({ name: 'two-megabytes.csv', mimeType: 'text/csv', buffer: Buffer.from(padded) });
  await expect(file).toHaveJSProperty('validationMessage', '');
  await importForm.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Invited 0 new, updated 0, rejected 1.')).toBeVisible();
});
