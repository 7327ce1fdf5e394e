import { expect, test, newPerson, newPersonPage, organizeMeeting, signUp } from './helpers';

// A publishing and a receiving browser beside the server on a small shared machine.
test.describe.configure({ timeout: 240_000 });

type Stat = { source: string; kind: string; peerId: string; framesDecoded: number };

test('a WHIP client (a browser publishing its fake camera’s test pattern and tone) becomes the stage: the token is shown to the organizer only, a participant decodes its video, DELETE takes it off', async ({ browser }) => {
  const ana = newPerson('Ana Participant');
  const eventTitle = `WHIP ${Date.now()}`;
  const sessionTitle = 'Mixed keynote';
  const org = await organizeMeeting(browser, { eventTitle, sessionTitle, invitees: [{ person: ana }] });
  await org.goto(org.url().replace(/\/manage.*$/, ''));
  await org.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(org.getByRole('heading', { name: sessionTitle })).toBeVisible();
  await org.getByRole('button', { name: 'Open the WHIP input' }).click();
  const url = (await org.getByTestId('whip-url').textContent())!;
  const token = (await org.getByTestId('whip-token').textContent())!;
  expect(url).toMatch(/\/whip\/[0-9a-f-]{36}$/);
  expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  await expect(org.getByTestId('whip-status')).toHaveAttribute('data-state', 'waiting');

  const page = await newPersonPage(browser);
  await signUp(page, ana);
  await page.getByRole('link', { name: eventTitle }).click();
  await page.getByRole('link', { name: sessionTitle, exact: true }).click();
  await expect(page.getByRole('heading', { name: sessionTitle })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open the WHIP input' })).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  await page.getByRole('button', { name: 'Join the live session' }).click();
  await expect(page.locator('.media-room').getByRole('status').first()).toHaveText(/Live/, { timeout: 30_000 });

  // The hall mixer stand-in: a browser with no Balai account speaks WHIP with fetch (RFC 9725).
  const mixer = await newPersonPage(browser);
  await mixer.goto('/signin');
  const wrong = await mixer.evaluate(async (endpoint) => (await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/sdp', authorization: 'Bearer nope' }, body: 'v=0\r\n' })).status, url);
  expect(wrong).toBe(401);
  await expect(org.getByTestId('whip-status')).toContainText('wrong token');
  const published = await mixer.evaluate(
    async ({ endpoint, bearer }) => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360, frameRate: 15 } });
      const pc = new RTCPeerConnection();
      for (const track of stream.getTracks()) pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
      await pc.setLocalDescription(await pc.createOffer());
      const res = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/sdp', authorization: `Bearer ${bearer}` }, body: pc.localDescription!.sdp });
      const body = await res.text();
      if (res.status !== 201) return { status: res.status, body, location: null };
      await pc.setRemoteDescription({ type: 'answer', sdp: body });
      (window as unknown as { whip: RTCPeerConnection }).whip = pc;
      return { status: res.status, body: '', location: res.headers.get('location') };
    },
    { endpoint: url, bearer: token },
  );
  expect(published, published.body).toMatchObject({ status: 201, location: expect.stringMatching(/^\/whip\//) });
  await expect(org.getByTestId('whip-status')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  await org.getByRole('heading', { name: 'Hall mixer input over WHIP' }).scrollIntoViewIfNeeded();
  await org.screenshot({ path: 'reports/whip-panel.png' });

  await expect(page.getByTestId('remote-tile').filter({ hasText: 'Hall mixer (WHIP)' })).toBeVisible({ timeout: 30_000 });
  const decoded = () =>
    page.evaluate(async () => {
      const stats = ((await window.balaiMediaStats?.()) ?? []) as Stat[];
      return stats.filter((s) => s.kind === 'video').reduce((n, s) => n + s.framesDecoded, 0);
    });
  await expect.poll(decoded, { timeout: 60_000, message: 'the WHIP feed’s video should be decoded' }).toBeGreaterThan(25);
  await page.screenshot({ path: 'reports/whip-stage.png' });

  // The mixer stops: DELETE on its resource takes it off the stage, and the input waits again.
  const deleted = await mixer.evaluate(async ({ location, bearer }) => (await fetch(location, { method: 'DELETE', headers: { authorization: `Bearer ${bearer}` } })).status, { location: published.location!, bearer: token });
  expect(deleted).toBe(200);
  await expect(page.getByTestId('remote-tile').filter({ hasText: 'Hall mixer (WHIP)' })).toHaveCount(0, { timeout: 30_000 });
  await expect(org.getByTestId('whip-status')).toHaveAttribute('data-state', 'waiting');
  await org.getByRole('button', { name: 'Close the WHIP input' }).click();
  await expect(org.getByTestId('whip-url')).toHaveCount(0);
});
