import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gateTag, HtmlRewriter, serveCallBoot, type CallBoot } from '../../server/http/call-boot-html';
import { listenAddress } from '../../server/sfu/config';
import { prejoinConfigJson, type PrejoinConfig } from '../../app/_lib/boot/prejoin-config';
import { sessionIdOfPath } from '../../app/_lib/boot/session-path';

const GATE = '<script nonce="n" data-boot="/_balai/call-boot.x.js">gate()</script>';
const PAGE =
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/><link rel="stylesheet" href="/_next/static/chunks/a.css"/>' +
  '<script src="/_next/static/chunks/one.js" async="" nonce="n"></script><script src="/_next/static/chunks/poly.js" noModule="" nonce="n"></script>' +
  '<script src="https://example.org/other.js"></script></head><body><p>Bahasa &lt;Indonesia&gt; ✓ — ok</p>' +
  '<script nonce="n">self.__next_f.push([1,"src=\\"/_next/x\\""])</script><script nonce="n" src="/_next/static/chunks/late.js" async=""></script></body></html>';

function rewriteIn(chunks: Array<string | Buffer>): string {
  const rewriter = new HtmlRewriter(GATE);
  return chunks.map((c) => rewriter.push(c)).join('') + rewriter.finish();
}

describe('a session page on its way out (issue 10.8)', () => {
  const whole = rewriteIn([PAGE]);

  it('holds back every Next.js script, in <head> and after it, and nothing else', () => {
    expect(whole).not.toMatch(/<script[^>]*\ssrc="\/_next\//);
    expect(whole).toContain('<script data-balai-src="/_next/static/chunks/one.js" async="" nonce="n">');
    expect(whole).toContain('<script data-balai-src="/_next/static/chunks/poly.js" noModule="" nonce="n">');
    expect(whole).toContain('<script nonce="n" data-balai-src="/_next/static/chunks/late.js" async="">');
    expect(whole).toContain('<script src="https://example.org/other.js">');
    // Stylesheets, and text that only looks like a src inside an inline script, are untouched.
    expect(whole).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css"/>');
    expect(whole).toContain('self.__next_f.push([1,"src=\\"/_next/x\\""])');
  });

  it('puts the gate once, first in <head> after the metas (ahead of the stylesheets a script would wait for)', () => {
    expect(whole.split(GATE)).toHaveLength(2);
    expect(whole).toContain(`<head><meta charset="utf-8"/>${GATE}<link rel="stylesheet"`);
    expect(rewriteIn(['<html><head><title>t</title></head>'])).toBe(`<html><head><title>t</title>${GATE}</head>`);
  });

  it('gives the same page whatever the chunks, even a tag or a character cut in two', () => {
    const bytes = Buffer.from(PAGE);
    for (let size = 1; size <= 64; size += 7) {
      const chunks: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
      expect(rewriteIn(chunks)).toBe(whole);
    }
  });
});

describe('where media transports listen', () => {
  it('on loopback when nothing is announced: only this machine can reach them anyway, and they connect sooner', () => {
    expect(listenAddress('0.0.0.0', undefined)).toEqual({ ip: '127.0.0.1' });
    expect(listenAddress('::', undefined)).toEqual({ ip: '127.0.0.1' });
  });

  it('as configured otherwise', () => {
    expect(listenAddress('0.0.0.0', '203.0.113.7')).toEqual({ ip: '0.0.0.0', announcedAddress: '203.0.113.7' });
    expect(listenAddress('10.0.0.5', undefined)).toEqual({ ip: '10.0.0.5' });
  });
});

describe('the device check’s data block', () => {
  it('cannot end its <script> early, whatever a translation says, and reads back the same', () => {
    const config = { sessionId: 's', mayPublish: true, text: { title: 'Sebelum </script><script>alert(1)</script> bergabung' } } as unknown as PrejoinConfig;
    const json = prejoinConfigJson(config);
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(config);
  });
});

describe('which pages boot the call', () => {
  const id = '7bac2da1-c6a9-4783-8904-a66dd7cbf54d';
  it('a session page, and only it', () => {
    expect(sessionIdOfPath(`/events/jakarta-2026/sessions/${id}`)).toBe(id);
    expect(sessionIdOfPath(`/events/jakarta-2026/sessions/${id}/`)).toBe(id);
    for (const other of [`/events/jakarta-2026/sessions/${id}/hall`, `/events/jakarta-2026/sessions/${id}/watch`, `/q/${id}`, '/events/jakarta-2026', `/events/a/b/sessions/${id}`]) {
      expect(sessionIdOfPath(other)).toBeUndefined();
    }
  });
});

describe('the boot script’s own address', () => {
  const script = Buffer.from(`boot(${'"media code";'.repeat(200)})`);
  const boot: CallBoot = { url: '/_balai/call-boot.0123456789abcdef.js', script, gzipped: gzipSync(script), gate: 'gate()' };

  async function get(path: string, acceptEncoding: string): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
    const server = createServer((req, res) => {
      if (!serveCallBoot(req, res, boot)) res.writeHead(404).end();
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const req = request({ port: (server.address() as AddressInfo).port, host: '127.0.0.1', path, headers: { 'accept-encoding': acceptEncoding } }).end();
      const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
      const parts: Buffer[] = [];
      for await (const part of res) parts.push(part as Buffer);
      return { status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts) };
    } finally {
      server.close();
    }
  }

  it('is sent gzipped to a browser that takes gzip, cached for good', async () => {
    const got = await get(boot.url, 'gzip, deflate, br');
    expect(got.status).toBe(200);
    expect(got.headers['content-encoding']).toBe('gzip');
    expect(got.headers['cache-control']).toContain('immutable');
    expect(got.headers.vary).toBe('Accept-Encoding');
    expect(got.body.length).toBeLessThan(script.length / 4);
    expect(gunzipSync(got.body).equals(script)).toBe(true);
  });

  it('is sent as it is to one that does not', async () => {
    const got = await get(boot.url, 'identity');
    expect(got.headers['content-encoding']).toBeUndefined();
    expect(got.body.equals(script)).toBe(true);
  });

  it('is preloaded by the page before the gate runs, with the nonce the page’s policy asks for', () => {
    const tag = gateTag(boot, 'abc');
    expect(tag.indexOf(`<link rel="preload" as="script" href="${boot.url}" nonce="abc">`)).toBe(0);
    expect(tag).toContain(`<script nonce="abc" data-boot="${boot.url}">gate()</script>`);
  });

  it('answers only its own address', async () => {
    expect((await get('/_balai/call-boot.ffffffffffffffff.js', 'gzip')).status).toBe(404);
  });
});
