/*
 * Balai's security headers, decided in one place. Two callers:
 * - the custom server (server/http/security.ts) puts the static ones, and a strict default CSP,
 *   on every response: pages, route handlers, downloads, static files, Socket.IO's HTTP answers;
 * - proxy.ts replaces that CSP on pages with one carrying a fresh nonce per request, which
 *   Next.js reads back from the request's CSP header and puts on every script it renders.
 * No Node or DOM imports: proxy.ts is compiled by Next.js.
 */
import type { Env } from '../env';

export interface SecurityOptions {
  /** The request reached Balai over https (see server/http/security.ts for how that is decided). */
  https: boolean;
  /** Send the CSP as Content-Security-Policy-Report-Only (CSP_REPORT_ONLY=1). */
  reportOnly: boolean;
  /** CSP_REPORT_URI: where browsers send violation reports. */
  reportUri?: string;
}

/**
 * Whether a request reached Balai over https. Balai itself serves plain http, so https means a
 * reverse proxy terminates TLS: the proxy's X-Forwarded-Proto when TRUST_PROXY=1 says it is
 * believed (anyone can send that header to a server reached directly), else the public URL.
 */
export function requestIsHttps(forwardedProto: string | null | undefined, config: Pick<Env, 'NEXTAUTH_URL' | 'TRUST_PROXY'>): boolean {
  // A chain of proxies lists one protocol per hop; the first is the browser's.
  const proto = forwardedProto?.split(',')[0]?.trim().toLowerCase();
  if (config.TRUST_PROXY && proto) return proto === 'https';
  return config.NEXTAUTH_URL?.startsWith('https://') ?? false;
}

export function securityOptions(forwardedProto: string | null | undefined, config: Pick<Env, 'NEXTAUTH_URL' | 'TRUST_PROXY' | 'CSP_REPORT_ONLY' | 'CSP_REPORT_URI'>): SecurityOptions {
  return { https: requestIsHttps(forwardedProto, config), reportOnly: config.CSP_REPORT_ONLY, reportUri: config.CSP_REPORT_URI };
}

/**
 * Paths other sites may put in a frame. Empty: no Balai page can be framed (clickjacking).
 * To let e.g. the Q&A room display be embedded in a venue's signage page, add
 * `{ path: /^\/events\/[^/]+\/sessions\/[^/]+\/qa\/display$/, ancestors: "https://signage.example.org" }`:
 * both the CSP's frame-ancestors and X-Frame-Options follow this list, nothing else needs changing.
 */
const FRAMEABLE: readonly { path: RegExp; ancestors: string }[] = [];

function frameAncestors(pathname: string): string {
  return FRAMEABLE.find((f) => f.path.test(pathname))?.ancestors ?? "'none'";
}

export function cspHeaderName(options: Pick<SecurityOptions, 'reportOnly'>): 'Content-Security-Policy' | 'Content-Security-Policy-Report-Only' {
  return options.reportOnly ? 'Content-Security-Policy-Report-Only' : 'Content-Security-Policy';
}

const WATCH_PAGE = /^\/events\/[^/]+\/sessions\/[^/]+\/watch$/;

function tail(pathname: string, options: SecurityOptions): string[] {
  return [
    `frame-ancestors ${frameAncestors(pathname)}`,
    ...(options.https ? ['upgrade-insecure-requests'] : []),
    ...(options.reportUri ? [`report-uri ${options.reportUri}`] : []),
  ];
}

/**
 * The policy of a page (App Router or Pages Router). Scripts run only with the request's nonce;
 * 'strict-dynamic' lets them load Next.js's chunks. What the pages really use besides 'self':
 * data: images (the Q&A display's QR code), style attributes (React's style={…} in server-rendered
 * markup; <style> elements still need the nonce), WebSockets to the same origin (Socket.IO, which
 * 'self' covers). Camera, microphone and screen streams are attached through srcObject, which
 * media-src does not govern. Development adds what Next.js's dev server needs (eval, its overlay's
 * inline styles).
 */
export function pageContentSecurityPolicy(nonce: string, pathname: string, options: SecurityOptions & { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ''}`,
    options.dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    // The watch page plays HLS through Media Source Extensions (hls.js), whose media is a blob: URL.
    WATCH_PAGE.test(pathname) ? "media-src 'self' blob:" : "media-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    ...tail(pathname, options),
  ].join('; ');
}

/**
 * The policy of everything that is not a page (JSON, PDFs, CSV files, scripts, images): such a
 * response loads nothing, and a response meant as data cannot become a page that runs anything.
 * form-action 'self' keeps next-auth's own small HTML pages under /api/auth (the sign-out
 * confirmation) working, unstyled.
 */
export function defaultContentSecurityPolicy(pathname: string, options: SecurityOptions): string {
  return ["default-src 'none'", "base-uri 'none'", "form-action 'self'", ...tail(pathname, options)].join('; ');
}

/**
 * Camera, microphone, screen capture, full screen and picture-in-picture for Balai's own pages
 * (the stage, the hall device, the check-in scanner); everything else Balai does not use is off.
 */
const PERMISSIONS_POLICY = [
  'camera=(self)',
  'microphone=(self)',
  'display-capture=(self)',
  'fullscreen=(self)',
  'picture-in-picture=(self)',
  'autoplay=(self)',
  'accelerometer=()',
  'browsing-topics=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'magnetometer=()',
  'midi=()',
  'payment=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/** One year; no includeSubDomains: other hosts of the operator's domain are not Balai's to decide. */
const HSTS = 'max-age=31536000';

/** The headers every response carries, whatever produced it. */
export function staticSecurityHeaders(pathname: string, options: SecurityOptions): Record<string, string> {
  const frameable = frameAncestors(pathname) !== "'none'";
  return {
    [cspHeaderName(options)]: defaultContentSecurityPolicy(pathname, options),
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
    ...(frameable ? {} : { 'X-Frame-Options': 'DENY' }),
    'Permissions-Policy': PERMISSIONS_POLICY,
    ...(options.https ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}
