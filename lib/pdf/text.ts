import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { fontChain, fontkit, type FontFace, type FontWeight } from './fonts';

export type { FontWeight } from './fonts';

/** Shown where no font in the chain has the character: visible, never a silent gap. */
export const REPLACEMENT = '\uFFFD';

export interface TextRun {
  face: number;
  text: string;
}

/** Tabs become spaces; other control characters (stray \r, \u0007…) carry no letter and are dropped. */
export function cleanText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\t/g, '  ')
    .replace(/[\n\r\f\v\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001F\u007F-\u009F]/g, '');
}

const isMark = (cp: number) => /\p{M}|[\u200C\u200D]/u.test(String.fromCodePoint(cp));

/**
 * Cuts text into runs, each drawable with one face of the chain. A combining
 * mark or joiner stays with the run before it when that face has it, so a base
 * letter and its accent or Thai vowel sign are shaped together.
 */
export function textRuns(text: string, chain: FontFace[]): TextRun[] {
  const runs: TextRun[] = [];
  const fallback = chain.findIndex((f) => f.font.hasGlyphForCodePoint(REPLACEMENT.codePointAt(0)!));
  for (const ch of cleanText(text)) {
    const cp = ch.codePointAt(0)!;
    const last = runs[runs.length - 1];
    let face: number;
    let out = ch;
    if (last && isMark(cp) && chain[last.face]!.font.hasGlyphForCodePoint(cp)) face = last.face;
    else face = chain.findIndex((f) => f.font.hasGlyphForCodePoint(cp));
    if (face < 0) {
      face = Math.max(fallback, 0);
      out = fallback >= 0 ? REPLACEMENT : '?';
    }
    if (last && last.face === face) last.text += out;
    else runs.push({ face, text: out });
  }
  return runs;
}

/**
 * Measures and draws text in any script the font chain covers, for one PDF
 * document. Widths come from the fonts' own metrics with the same layout call
 * pdf-lib uses when it draws, so wrapping and centring match what is printed.
 * Fonts are embedded (as subsets: only the glyphs used) the first time a face
 * is drawn, so a certificate in Latin script carries one small font, not twelve.
 */
export class PdfText {
  private readonly embedded = new Map<string, Promise<PDFFont>>();

  private constructor(private readonly doc: PDFDocument) {}

  static for(doc: PDFDocument): PdfText {
    doc.registerFontkit(fontkit);
    return new PdfText(doc);
  }

  runs(text: string, weight: FontWeight = 'regular'): TextRun[] {
    return textRuns(text, fontChain(weight));
  }

  widthOf(text: string, size: number, weight: FontWeight = 'regular'): number {
    const chain = fontChain(weight);
    let units = 0;
    for (const run of textRuns(text, chain)) {
      const { font, features } = chain[run.face]!;
      let runUnits = 0;
      for (const glyph of font.layout(run.text, features()).glyphs) runUnits += glyph.advanceWidth;
      units += (runUnits / font.unitsPerEm) * size;
    }
    return units;
  }

  /** The largest size from maxSize down to minSize (in half points) at which the text fits in maxWidth, else minSize. */
  sizeToFit(text: string, maxSize: number, minSize: number, maxWidth: number, weight: FontWeight = 'regular'): number {
    for (let size = maxSize; size > minSize; size -= 0.5) if (this.widthOf(text, size, weight) <= maxWidth) return size;
    return minSize;
  }

  /** The text, or as much of it as fits in maxWidth followed by "…". */
  fit(text: string, size: number, maxWidth: number, weight: FontWeight = 'regular'): string {
    const full = cleanText(text);
    if (this.widthOf(full, size, weight) <= maxWidth) return full;
    // Cut whole code points (never half a surrogate pair), then trailing spaces.
    const chars = Array.from(full);
    while (chars.length > 1 && this.widthOf(`${chars.join('').trimEnd()}…`, size, weight) > maxWidth) chars.pop();
    return `${chars.join('').trimEnd()}…`;
  }

  private embed(weight: FontWeight, face: number): Promise<PDFFont> {
    const key = `${weight}:${face}`;
    let font = this.embedded.get(key);
    if (!font) {
      const { bytes, features } = fontChain(weight)[face]!;
      font = this.doc.embedFont(bytes, { subset: true, features: features() });
      this.embedded.set(key, font);
    }
    return font;
  }

  /** Draws one line (no wrapping) starting at x; returns its width. */
  async draw(page: PDFPage, text: string, opts: { x: number; y: number; size: number; weight?: FontWeight; color?: RGB }): Promise<number> {
    const weight = opts.weight ?? 'regular';
    const chain = fontChain(weight);
    let x = opts.x;
    for (const run of textRuns(text, chain)) {
      const font = await this.embed(weight, run.face);
      page.drawText(run.text, { x, y: opts.y, size: opts.size, font, color: opts.color ?? rgb(0, 0, 0) });
      x += font.widthOfTextAtSize(run.text, opts.size);
    }
    return x - opts.x;
  }
}
