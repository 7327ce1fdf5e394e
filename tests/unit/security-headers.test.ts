import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { env, parseByteSize } from '../../lib/env';
import {
  cspHeaderName,
  defaultContentSecurityPolicy,
  pageContentSecurityPolicy,
  requestIsHttps,
  staticSecurityHeaders,
} from '../../lib/security/headers';
import { bodyLimitFor } from '../../server/http/body-limit';
import { requestSecurity } from '../../server/http/security';
import type { IncomingMessage } from 'node:http';

const http = { https: false, reportOnly: false };
const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));

describe('requestIsHttps', () => {
  it.each([
    ['no proxy, http public URL', undefined, { NEXTAUTH_URL: undefined, TRUST_PROXY: false }, false],
    ['no proxy, https public URL', undefined, { NEXTAUTH_URL: 'https://events.example.org', TRUST_PROXY: false }, true],
    ['a browser claiming https to an untrusted server', 'https', { NEXTAUTH_URL: undefined, TRUST_PROXY: false }, false],
    ['a trusted proxy saying https', 'https', { NEXTAUTH_URL: 'http://localhost:3000', TRUST_PROXY: true }, true],
    ['a trusted proxy saying http', 'http', { NEXTAUTH_URL: 'https://events.example.org', TRUST_PROXY: true }, false],
    ['a chain of trusted proxies, the browser on https', 'https, http', { NEXTAUTH_URL: undefined, TRUST_PROXY: true }, true],
    ['a trusted proxy that sent nothing', undefined, { NEXTAUTH_URL: 'https://events.example.org', TRUST_PROXY: true }, true],
  ])('%s', (_label, proto, config, expected) => {
    expect(requestIsHttps(proto, config)).toBe(expected);
  });
});

describe('requestSecurity', () => {
  const config = { NEXTAUTH_URL: undefined, TRUST_PROXY: false, CSP_REPORT_ONLY: false, CSP_REPORT_URI: undefined };
  it.each([
    ['a browser’s own X-Forwarded-Proto, no proxy trusted', { 'x-forwarded-proto': 'https' }, false, 'http'],
    ['a trusted proxy’s', { 'x-forwarded-proto': 'https' }, true, 'https'],
    ['none, no proxy trusted', {}, false, 'http'],
  ])('decides once and writes the answer for Next.js into X-Forwarded-Proto: %s', (_label, headers, trust, proto) => {
    const req = { headers: { ...headers } } as unknown as IncomingMessage;
    expect(requestSecurity(req, { ...config, TRUST_PROXY: trust }).https).toBe(proto === 'https');
    expect(req.headers['x-forwarded-proto']).toBe(proto);
  });
});

describe('page CSP', () => {
  it('lets scripts and <style> elements run only with the nonce, and frames nothing', () => {
    const d = directives(pageContentSecurityPolicy('abc123', '/signin', { ...http, dev: false }));
    expect(d.get('script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(d.get('style-src')).toEqual(["'self'", "'nonce-abc123'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:']);
    expect(d.has('upgrade-insecure-requests')).toBe(false);
    expect(d.has('report-uri')).toBe(false);
  });

  it('adds what the dev server needs only in development', () => {
    const d = directives(pageContentSecurityPolicy('abc123', '/', { ...http, dev: true }));
    expect(d.get('script-src')).toContain("'unsafe-eval'");
    expect(d.get('style-src')).toContain("'unsafe-inline'");
  });

  it('upgrades insecure requests on https and names the report URI when one is set', () => {
    const d = directives(pageContentSecurityPolicy('n', '/', { https: true, reportOnly: false, reportUri: 'https://reports.example.org/csp', dev: false }));
    expect(d.has('upgrade-insecure-requests')).toBe(true);
    expect(d.get('report-uri')).toEqual(['https://reports.example.org/csp']);
  });
});

describe('static headers', () => {
  it('deny framing and sniffing, keep the referrer to the origin, allow media capture only for Balai', () => {
    const h = staticSecurityHeaders('/api/signup', http);
    expect(h['X-Frame-Options']).toBe('DENY');
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(h['Permissions-Policy']).toContain('camera=(self), microphone=(self), display-capture=(self)');
    expect(h['Permissions-Policy']).toContain('geolocation=()');
    expect(h['Content-Security-Policy']).toBe(defaultContentSecurityPolicy('/api/signup', http));
    expect(h['Content-Security-Policy']).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
    expect(h['Strict-Transport-Security']).toBeUndefined();
  });

  it('add HSTS on https only', () => {
    expect(staticSecurityHeaders('/', { https: true, reportOnly: false })['Strict-Transport-Security']).toBe('max-age=31536000');
  });

  it('send the policy as report-only when CSP_REPORT_ONLY=1, and never both headers', () => {
    const h = staticSecurityHeaders('/', { https: false, reportOnly: true });
    expect(cspHeaderName({ reportOnly: true })).toBe('Content-Security-Policy-Report-Only');
    expect(h['Content-Security-Policy-Report-Only']).toContain("default-src 'none'");
    expect(h['Content-Security-Policy']).toBeUndefined();
  });
});

describe('body limits', () => {
  const limits = { AUTH_BODY_LIMIT: 1, BODY_LIMIT: 2, UPLOAD_BODY_LIMIT: 3 };
  it.each([
    ['/signup', 1],
    ['/join', 1],
    ['/api/auth/callback/credentials', 1],
    ['/signin', 1],
    ['/j/JAKARTA', 1],
    ['/events/demo/registration', 3],
    ['/events/demo/registration/extra', 2],
    ['/events/demo/plans', 2],
    ['/signup-extra', 2],
  ])('%s → limit %i', (path, limit) => {
    expect(bodyLimitFor(path, limits)).toBe(limit);
  });

  it.each([
    ['65536', 65536],
    ['64kb', 65536],
    ['5MB', 5 * 1024 * 1024],
    ['1.5mb', 1572864],
    ['5 mb', 5 * 1024 * 1024],
    ['five', null],
    ['-1', null],
  ])('parses %s as %s bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it('gives Next.js the upload limit as its server-action limit, parsed the same way', () => {
    const config = createRequire(import.meta.url)('../../next.config.js') as { experimental: { serverActions: { bodySizeLimit: string } } };
    const bytes = createRequire(import.meta.url)('next/dist/compiled/bytes') as { parse: (v: string) => number };
    expect(bytes.parse(config.experimental.serverActions.bodySizeLimit)).toBe(env().UPLOAD_BODY_LIMIT);
  });
});
