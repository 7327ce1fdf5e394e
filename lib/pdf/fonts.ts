import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkitModule from '@pdf-lib/fontkit';
import type { Font, TypeFeatures } from '@pdf-lib/fontkit';
// @pdf-lib/fontkit's build expects a global regeneratorRuntime in the state
// machine of its Lao/Khmer/Myanmar shaper; without it those names throw.
import 'regenerator-runtime/runtime';

/**
 * The fonts every Balai PDF draws with: Noto Sans (OFL-1.1), shipped by the
 * @fontsource packages as one WOFF file per script subset. The order is the
 * fallback chain — a character is drawn with the first face that has a glyph
 * for it — so Latin (English, Bahasa Indonesia, Filipino, Tetum, Vietnamese,
 * Polish…) comes first, then Cyrillic and Greek, then the scripts of the
 * region's participants (Thai, Lao, Khmer, Myanmar) and Devanagari (Nepal).
 * CJK is left out on purpose: Noto Sans SC/JP are several megabytes split into
 * a hundred files, for names we have not seen in the registrations yet.
 */
const CHAIN: readonly (readonly [pkg: string, file: string, precomposed?: 'precomposed'])[] = [
  ['@fontsource/noto-sans', 'noto-sans-latin', 'precomposed'],
  ['@fontsource/noto-sans', 'noto-sans-latin-ext', 'precomposed'],
  ['@fontsource/noto-sans', 'noto-sans-vietnamese', 'precomposed'],
  ['@fontsource/noto-sans', 'noto-sans-cyrillic', 'precomposed'],
  ['@fontsource/noto-sans', 'noto-sans-cyrillic-ext', 'precomposed'],
  ['@fontsource/noto-sans', 'noto-sans-greek', 'precomposed'],
  ['@fontsource/noto-sans', 'noto-sans-greek-ext', 'precomposed'],
  ['@fontsource/noto-sans-thai', 'noto-sans-thai-thai'],
  ['@fontsource/noto-sans-lao', 'noto-sans-lao-lao'],
  ['@fontsource/noto-sans-khmer', 'noto-sans-khmer-khmer'],
  ['@fontsource/noto-sans-myanmar', 'noto-sans-myanmar-myanmar'],
  ['@fontsource/noto-sans', 'noto-sans-devanagari'],
];

// A UMD package: bundlers expose its exports on the namespace, plain Node ESM only as `default`.
const fontkit: typeof fontkitModule =
  typeof fontkitModule.create === 'function' ? fontkitModule : (fontkitModule as unknown as { default: typeof fontkitModule }).default;

export type FontWeight = 'regular' | 'bold';

export interface FontFace {
  /** e.g. "noto-sans-thai-thai-700" (shows up in tests and error messages). */
  name: string;
  bytes: Uint8Array;
  /** Parsed once per process: glyph coverage and widths without touching a PDF. */
  font: Font;
  /**
   * OpenType features for layout. In the alphabetic faces "ccmp" is off: it
   * splits "ị" into "i" + a combining dot that only GPOS (which pdf-lib does
   * not apply) would place, and that copies out of the PDF as a stray control
   * character; the precomposed glyph is right on both counts. The other
   * scripts keep the default shaping they need. A fresh object per call,
   * because fontkit writes into the one it is given.
   */
  features: () => TypeFeatures | undefined;
}

/**
 * Resolved from the project root at run time, not from this module's URL:
 * Next bundles this file for app routes and esbuild for the custom server,
 * and both start from the project root (`npm start`, `npm run dev`, tests),
 * so node_modules there is the one place both builds agree on.
 */
function fontPath(pkg: string, file: string): string {
  const fromRoot = createRequire(path.join(process.cwd(), 'package.json'));
  return fromRoot.resolve(`${pkg}/files/${file}`);
}

function loadChain(weight: FontWeight): FontFace[] {
  const w = weight === 'bold' ? 700 : 400;
  return CHAIN.map(([pkg, base, precomposed]) => {
    const file = `${base}-${w}-normal.woff`;
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(fontPath(pkg, file)));
    } catch (err) {
      // A PDF without its fonts would silently lose names: refuse loudly instead.
      throw new Error(`PDF font ${pkg}/files/${file} is missing (run npm ci): ${(err as Error).message}`);
    }
    const features = precomposed ? () => ({ ccmp: false }) : () => undefined;
    return { name: `${base}-${w}`, bytes, font: fontkit.create(bytes), features };
  });
}

const cache = new Map<FontWeight, FontFace[]>();

/** The fallback chain for one weight, read from disk once per process. */
export function fontChain(weight: FontWeight): FontFace[] {
  let chain = cache.get(weight);
  if (!chain) {
    chain = loadChain(weight);
    cache.set(weight, chain);
  }
  return chain;
}

export { fontkit };
