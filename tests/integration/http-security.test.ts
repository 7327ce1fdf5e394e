import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingHttpHeaders } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { RunningServer } from '../../server/app-server';
import { env } from '../../lib/env';
import { addMember, createEventWithSession, createUser, startAppServer, type TestUser } from '../fixtures/server';
import { askToSend, fetchRaw, upload } from '../fixtures/raw-http';
import { findUserByEmail } from '../../lib/db/queries/users';

const decodeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

// The production app behind a proxy Balai trusts (TRUST_PROXY=1): the proxy's X-Forwarded-Proto decides https.
let server: RunningServer;
let organizer: TestUser;
let participant: TestUser;
let slug: string;
let sessionId: string;
beforeAll(async () => {
  server = await startAppServer({ trustProxy: true });
  organizer = await createUser('Olga Organizer');
  participant = await createUser('Pia Participant');
  const { event, session } = await createEventWithSession(organizer);
  await addMember(event.id, participant, 'participant');
  slug = event.slug;
  sessionId = session.id;
}, 900_000);
afterAll(async () => {
  await server?.close();
});

const url = (path: string) => `${server.url}${path}`;

function expectStaticHeaders(headers: IncomingHttpHeaders) {
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['permissions-policy']).toContain('camera=(self), microphone=(self), display-capture=(self)');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy-report-only']).toBeUndefined();
  expect(headers['strict-transport-security']).toBeUndefined();
}

function nonceOf(headers: IncomingHttpHeaders): string {
  const policy = String(headers['content-security-policy']);
  const script = policy.split('; ').find((d) => d.startsWith('script-src '));
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(script ?? '')?.[1];
  expect(nonce, policy).toBeDefined();
  return nonce!;
}

function scriptTags(html: string): string[] {
  return html.match(/<script\b[^>]*>/g) ?? [];
}

describe('security headers', () => {
  it('an App Router page: every script carries this request’s nonce, and the next request gets another', async () => {
    const first = await fetchRaw(url('/signin'));
    const second = await fetchRaw(url('/signin'));
    expect(first.status).toBe(200);
    expectStaticHeaders(first.headers);
    const nonce = nonceOf(first.headers);
    expect(nonceOf(second.headers)).not.toBe(nonce);
    expect(first.headers['content-security-policy']).toContain("style-src 'self' 'nonce-");
    const scripts = scriptTags(first.body);
    expect(scripts.length).toBeGreaterThan(2);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(first.body).not.toContain(`nonce="${nonceOf(second.headers)}"`);
  });

  it('the Pages Router phone page too', async () => {
    const page = await fetchRaw(url(`/q/${sessionId}`), { headers: { cookie: participant.cookie } });
    expect(page.status).toBe(200);
    expectStaticHeaders(page.headers);
    const nonce = nonceOf(page.headers);
    const scripts = scriptTags(page.body);
    expect(scripts.length).toBeGreaterThan(2);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it('a page that does not exist', async () => {
    const page = await fetchRaw(url(`/nothing-here-${randomUUID()}`));
    expect(page.status).toBe(404);
    expectStaticHeaders(page.headers);
    for (const tag of scriptTags(page.body)) expect(tag).toContain(`nonce="${nonceOf(page.headers)}"`);
  });

  it('API routes, static files and Socket.IO get the strict default policy', async () => {
    const signin = await fetchRaw(url('/signin'));
    const asset = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(signin.body)?.[1];
    expect(asset).toBeDefined();
    const responses = await Promise.all([
      fetchRaw(url('/api/auth/providers')),
      fetchRaw(url(asset!)),
      fetchRaw(url('/socket.io/?EIO=4&transport=polling'), { headers: { cookie: participant.cookie, origin: server.url } }),
    ]);
    for (const res of responses) {
      expect(res.status).toBe(200);
      expectStaticHeaders(res.headers);
      expect(res.headers['content-security-policy']).toMatch(/^default-src 'none';/);
    }
  });

  it('downloads: a CSV export and a PDF', async () => {
    const csv = await fetchRaw(url(`/events/${slug}/sessions/${sessionId}/qa/export`), { headers: { cookie: organizer.cookie } });
    const pdf = await fetchRaw(url(`/events/${slug}/badges.pdf`), { headers: { cookie: organizer.cookie } });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    for (const res of [csv, pdf]) {
      expect(res.status).toBe(200);
      expectStaticHeaders(res.headers);
    }
  });

  it('HSTS, upgrade-insecure-requests and Secure cookies only when the trusted proxy says https', async () => {
    const signin = (headers: Record<string, string>) => fetchRaw(url('/signin'), { headers });
    const [plain, proxiedHttp, proxiedHttps] = await Promise.all([signin({}), signin({ 'x-forwarded-proto': 'http' }), signin({ 'x-forwarded-proto': 'https' })]);
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(proxiedHttp.headers['strict-transport-security']).toBeUndefined();
    expect(proxiedHttps.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(plain.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(proxiedHttps.headers['content-security-policy']).toContain('upgrade-insecure-requests');

    const csrf = (headers: Record<string, string>) => fetchRaw(url('/api/auth/csrf'), { headers });
    const [httpCookies, httpsCookies] = await Promise.all([csrf({}), csrf({ 'x-forwarded-proto': 'https' })]);
    expect(httpCookies.headers['set-cookie']?.length).toBeGreaterThan(0);
    for (const cookie of httpCookies.headers['set-cookie']!) expect(cookie).not.toMatch(/;\s*Secure/i);
    expect(httpsCookies.headers['set-cookie']?.length).toBeGreaterThan(0);
    for (const cookie of httpsCookies.headers['set-cookie']!) expect(cookie).toMatch(/;\s*Secure/i);
    expect(httpsCookies.headers['strict-transport-security']).toBe('max-age=31536000');
  });
});

describe('body limits', () => {
  const json = { 'content-type': 'application/json' };

  it('refuses 50 MB announced to the sign-up form (POST /signup) with 413 before reading it: the answer comes while the body is still being sent', async () => {
    const total = 50 * 1024 * 1024;
    const { answer, sentWhenAnswered, finishedWhenAnswered } = await upload(url('/signup'), { headers: json, contentLength: total, total });
    expect(answer.status).toBe(413);
    expect(answer.headers.connection).toBe('close');
    expect(JSON.parse(answer.body)).toEqual({ error: { code: 'payload_too_large', message: 'This is too large to send: the limit is 32 KB.' } });
    expect(finishedWhenAnswered).toBe(false);
    expect(sentWhenAnswered).toBeLessThan(total);
  });

  it('refuses a client that asks first (Expect: 100-continue) before it sends a byte, and lets one under the limit go on', async () => {
    const refused = await askToSend(url('/signup'), { ...json, 'content-length': String(50 * 1024 * 1024) });
    expect(refused).toMatchObject({ status: 413, headers: { 'x-frame-options': 'DENY' } });
    expect(await askToSend(url('/signup'), { ...json, 'content-length': '100' })).toBe('continue');
  });

  it('says it in Bahasa Indonesia to a reader who chose it', async () => {
    const answer = await fetchRaw(url('/signup'), { method: 'POST', headers: { ...json, cookie: 'BALAI_LOCALE=id' }, body: 'x'.repeat(env().AUTH_BODY_LIMIT + 1) });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.message).toBe('Ini terlalu besar untuk dikirim: batasnya 32 KB.');
  });

  it('refuses a chunked body without Content-Length the moment it passes the limit, while it is still streaming', async () => {
    const total = 64 * 1024 * 1024;
    const { answer, sentWhenAnswered, finishedWhenAnswered } = await upload(url('/signup'), { headers: json, total });
    expect(answer.status).toBe(413);
    expect(finishedWhenAnswered).toBe(false);
    expect(sentWhenAnswered).toBeGreaterThan(env().AUTH_BODY_LIMIT);
    expect(sentWhenAnswered).toBeLessThan(total);
  });

  it('passes a chunked body under the limit on to the app whole: a sign-up posted without JavaScript, 7 bytes at a time', async () => {
    // What a browser without JavaScript sends: the form's hidden fields (which name the server action) and the inputs.
    const page = await fetchRaw(url('/signup'));
    const hidden = [...page.body.matchAll(/<input[^>]*type="hidden"[^>]*>/g)].map((m) => ({
      name: decodeHtml(/name="([^"]*)"/.exec(m[0])?.[1] ?? ''),
      value: decodeHtml(/value="([^"]*)"/.exec(m[0])?.[1] ?? ''),
    }));
    expect(hidden.some((f) => f.name.startsWith('$ACTION'))).toBe(true);
    const email = `${randomUUID()}@test.balai`;
    const fields = [...hidden, { name: 'name', value: 'Chunked Signup' }, { name: 'email', value: email }, { name: 'password', value: 'correct horse battery' }];
    const boundary = `----balai${randomUUID()}`;
    const body = Buffer.from(
      fields.map((f) => `--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"\r\n\r\n${f.value}\r\n`).join('') + `--${boundary}--\r\n`,
    );
    const { answer, finishedWhenAnswered } = await upload(url('/signup'), { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body, chunkSize: 7 });
    expect(finishedWhenAnswered).toBe(true);
    expect(answer.status, answer.body.slice(0, 500)).toBeLessThan(400);
    expect((await findUserByEmail(email))?.name).toBe('Chunked Signup');
  });

  it('refuses a server action over its page’s limit, and lets the CSV import page take more', async () => {
    const action = { 'next-action': '7f'.repeat(21), 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component' };
    const plans = await upload(url(`/events/${slug}/plans`), { headers: action, contentLength: env().BODY_LIMIT + 1, total: env().BODY_LIMIT + 1 });
    expect(plans.answer.status).toBe(413);
    expect(plans.answer.body).toBe('This is too large to send: the limit is 1 MB.');
    expect(plans.finishedWhenAnswered).toBe(false);

    const big = 2 * 1024 * 1024;
    const csv = await upload(url(`/events/${slug}/registration`), { headers: action, contentLength: big, total: big });
    expect(csv.finishedWhenAnswered).toBe(true);
    expect(csv.answer.status).not.toBe(413);

    const tooBig = env().UPLOAD_BODY_LIMIT + 1;
    const refused = await upload(url(`/events/${slug}/registration`), { headers: action, contentLength: tooBig, total: tooBig });
    expect(refused.answer.status).toBe(413);
    expect(refused.answer.body).toBe('This is too large to send: the limit is 5 MB.');
  });
});
