import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { createGzip, gzipSync, constants as zlib } from 'node:zlib';
import { sessionIdOfPath } from '../../app/_lib/boot/session-path';

/**
 * Issue 10.8 (join in the time of a bare mediasoup page), the server's part. A session page's HTML is
 * rewritten on its way out: Next.js's script tags lose their `src` (kept as `data-balai-src`) and an
 * inline gate (app/_lib/boot/call-gate.ts) goes first in <head>. The gate decides: the call's boot script
 * for a returning person or a device check, Next.js's scripts after the first remote frame; for any other
 * page, the scripts once it is parsed. Nothing else on the page changes, and without a built boot script
 * (`next dev`) nothing is rewritten.
 */

export interface CallBoot {
  /** Where the boot script (app/_lib/boot/call-boot.ts) is served, named after its content so it can be cached for good. */
  url: string;
  script: Buffer;
  /** The same, gzipped once at start (about a third of the size; a phone on a slow network waits for every byte). */
  gzipped: Buffer;
  /** The gate (app/_lib/boot/call-gate.ts), inline in the page. */
  gate: string;
}

const NEXT_SCRIPT = /<script\b([^>]*?)\ssrc="(\/_next\/[^"]+)"/g;
/** The gate goes before the first thing in <head> that loads or runs (or its end): after the charset and the metas. */
const GATE_PLACE = /<(?:link|script|style)\b|<\/head>/i;

/** The bundles scripts/build.mjs wrote beside Next.js's build; null when there are none. */
export function loadCallBoot(root: string): CallBoot | null {
  const dir = path.join(root, process.env.NEXT_DIST_DIR || '.next', 'balai');
  const gateFile = path.join(dir, 'call-gate.js');
  const bootFile = path.join(dir, 'call-boot.js');
  if (!existsSync(gateFile) || !existsSync(bootFile)) return null;
  const script = readFileSync(bootFile);
  const hash = createHash('sha256').update(script).digest('hex').slice(0, 16);
  // Inline in a <script>: a "</script" inside would end it early (esbuild escapes it; this makes sure).
  const gate = readFileSync(gateFile, 'utf8').replace(/<\/script/gi, '<\\/script');
  return { url: `/_balai/call-boot.${hash}.js`, script, gzipped: gzipSync(script, { level: 9 }), gate };
}

/** Every browser offers gzip; a client that does not (curl, a probe) is answered plainly. */
const acceptsGzip = (req: IncomingMessage) => /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));

/** Answers the boot script's own URL; false for any other request. */
export function serveCallBoot(req: IncomingMessage, res: ServerResponse, boot: CallBoot): boolean {
  if (req.url !== boot.url || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  const body = acceptsGzip(req) ? boot.gzipped : boot.script;
  res.setHeader('content-type', 'text/javascript; charset=utf-8');
  res.setHeader('cache-control', 'public, max-age=31536000, immutable');
  res.setHeader('vary', 'Accept-Encoding');
  if (body === boot.gzipped) res.setHeader('content-encoding', 'gzip');
  res.setHeader('content-length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

/**
 * Makes a session page's response go through the rewrite. Next.js's own compression is turned off for it
 * (the request no longer offers gzip) and done here after the rewrite, flushed chunk by chunk so the
 * streamed page still streams.
 */
export function rewriteSessionPage(req: IncomingMessage, res: ServerResponse, boot: CallBoot): void {
  if (req.method !== 'GET' || !req.url || !sessionIdOfPath(req.url.split('?')[0]!)) return;
  const gzip = acceptsGzip(req);
  delete req.headers['accept-encoding'];

  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  let mode: 'undecided' | 'pass' | 'rewrite' = 'undecided';
  let rewriter: HtmlRewriter | null = null;
  let zip: ReturnType<typeof createGzip> | null = null;

  const decide = () => {
    if (mode !== 'undecided') return;
    const html = String(res.getHeader('content-type') ?? '').startsWith('text/html');
    if (res.statusCode !== 200 || !html || res.getHeader('content-encoding')) {
      mode = 'pass';
      return;
    }
    mode = 'rewrite';
    const nonce = /'nonce-([^']+)'/.exec(String(res.getHeader('content-security-policy') ?? ''))?.[1] ?? '';
    rewriter = new HtmlRewriter(gateTag(boot, nonce));
    res.removeHeader('content-length');
    if (gzip) {
      res.setHeader('content-encoding', 'gzip');
      res.setHeader('vary', 'Accept-Encoding');
      zip = createGzip({ flush: zlib.Z_SYNC_FLUSH });
      zip.on('data', (data: Buffer) => write(data));
      zip.on('end', () => end());
    }
  };
  const out = (text: string) => {
    if (!text) return;
    if (zip) zip.write(text);
    else write(text);
  };

  // Next.js sends the headers before the first chunk (flushHeaders, which goes through writeHead): the
  // decision, and the headers it changes, come first.
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    res.statusCode = status;
    const headers = rest.find((r) => typeof r === 'object' && r !== null);
    if (headers && !Array.isArray(headers)) for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value as string);
    const message = rest.find((r) => typeof r === 'string');
    decide();
    return message ? writeHead(status, message) : writeHead(status);
  }) as ServerResponse['writeHead'];
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    decide();
    if (mode === 'pass' || chunk == null) return write(chunk, ...rest);
    out(rewriter!.push(chunk as string | Buffer));
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    decide();
    if (mode === 'pass') return end(...args);
    const chunk = typeof args[0] === 'function' ? undefined : args[0];
    if (chunk != null) out(rewriter!.push(chunk as string | Buffer));
    out(rewriter!.finish());
    if (zip) zip.end();
    else end();
    return res;
  }) as ServerResponse['end'];
}

/**
 * The gate, and before it a preload of the boot script: the preload scanner starts that fetch with the first
 * bytes of the page, not once the gate has been evaluated (even from the cache a read takes a while on a busy
 * machine). The nonce, because the page's policy trusts only scripts that carry it ('strict-dynamic').
 */
export function gateTag(boot: CallBoot, nonce: string): string {
  return `<link rel="preload" as="script" href="${boot.url}" nonce="${nonce}"><script nonce="${nonce}" data-boot="${boot.url}">${boot.gate}</script>`;
}

/**
 * The rewrite itself, over a stream of chunks: a tag cut between two chunks waits for the rest. Only
 * Next.js's own script tags (src under /_next/) change; the gate goes first in <head>.
 */
export class HtmlRewriter {
  private decoder = new StringDecoder('utf8');
  private carry = '';
  private gateDone = false;

  constructor(private readonly gate: string) {}

  push(chunk: string | Buffer): string {
    const text = this.carry + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    // Hold back an unfinished tag (a '<' with no '>' after it) for the next chunk.
    const open = text.lastIndexOf('<');
    const cut = open > text.lastIndexOf('>') ? open : text.length;
    this.carry = text.slice(cut);
    return this.rewrite(text.slice(0, cut));
  }

  finish(): string {
    const rest = this.carry + this.decoder.end();
    this.carry = '';
    return this.rewrite(rest);
  }

  private rewrite(text: string): string {
    let out = text.replace(NEXT_SCRIPT, '<script$1 data-balai-src="$2"');
    if (!this.gateDone) {
      const place = GATE_PLACE.exec(out);
      if (place) {
        out = out.slice(0, place.index) + this.gate + out.slice(place.index);
        this.gateDone = true;
      }
    }
    return out;
  }
}
