import { PDFDocument, rgb, type PDFPage } from 'pdf-lib';
import { cleanText, PdfText, type FontWeight } from '../pdf/text';
import { PLAN_TEXT_SECTIONS, type PlanContent, type PlanSection } from '../contracts/plans';

export interface PlanPdfLabels {
  sections: Record<PlanSection, string>;
  activity: { title: string; start: string; end: string; responsible: string };
  empty: string;
  /** e.g. "Action plan · Nepal" */
  heading: (plan: PlanForPdf) => string;
  meta: (plan: PlanForPdf) => string;
}

export interface PlanForPdf {
  ownerName: string;
  country: string | null;
  content: PlanContent;
  version: number;
  updatedAt: Date;
}

const PAGE = { width: 595.28, height: 841.89, margin: 50 };
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/**
 * The pieces a line may break between: words (ICU finds them in Thai, Lao,
 * Khmer and Myanmar too, which are written without spaces) and runs of
 * spaces. Punctuation stays with the word before it, and a word with an
 * opening bracket or quote before it, so no line starts with "," or ends with "(".
 */
function breakableTokens(paragraph: string): string[] {
  const tokens: string[] = [];
  for (const { segment, isWordLike } of words.segment(paragraph)) {
    const last = tokens[tokens.length - 1];
    const lastIsText = last !== undefined && last.trim() !== '';
    if (segment.trim() && lastIsText && (!isWordLike || /[\p{Ps}\p{Pi}]$/u.test(last))) tokens[tokens.length - 1] = last + segment;
    else tokens.push(segment);
  }
  return tokens;
}

class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    private readonly doc: PDFDocument,
    private readonly type: PdfText,
  ) {}

  newPage() {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  private ensure(height: number) {
    if (this.y - height < PAGE.margin) this.newPage();
  }

  private wrap(text: string, weight: FontWeight, size: number, width: number): string[] {
    const widthOf = (t: string) => this.type.widthOf(t, size, weight);
    const lines: string[] = [];
    for (const paragraph of text.split(/\r?\n/).map(cleanText)) {
      let line = '';
      let space = '';
      for (const token of breakableTokens(paragraph)) {
        if (!token.trim()) {
          if (line) space += token;
          continue;
        }
        const candidate = line + space + token;
        space = '';
        if (widthOf(candidate) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        // A single word longer than the line is cut into pieces, between
        // graphemes so no accent or vowel sign loses its letter.
        let rest = Array.from(graphemes.segment(token), (g) => g.segment);
        while (rest.length > 1 && widthOf(rest.join('')) > width) {
          let cut = rest.length - 1;
          while (cut > 1 && widthOf(rest.slice(0, cut).join('')) > width) cut--;
          lines.push(rest.slice(0, cut).join(''));
          rest = rest.slice(cut);
        }
        line = rest.join('');
      }
      lines.push(line);
    }
    return lines;
  }

  async text(text: string, opts: { size?: number; bold?: boolean; indent?: number; color?: [number, number, number]; gapAfter?: number } = {}) {
    const size = opts.size ?? 10.5;
    const weight: FontWeight = opts.bold ? 'bold' : 'regular';
    const indent = opts.indent ?? 0;
    const lineHeight = size * 1.35;
    for (const line of this.wrap(text, weight, size, PAGE.width - 2 * PAGE.margin - indent)) {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      await this.type.draw(this.page, line, { x: PAGE.margin + indent, y: this.y, size, weight, color: rgb(...(opts.color ?? [0.1, 0.1, 0.12])) });
    }
    this.y -= opts.gapAfter ?? 0;
  }
}

async function writePlan(w: Writer, plan: PlanForPdf, labels: PlanPdfLabels) {
  w.newPage();
  await w.text(labels.heading(plan), { size: 18, bold: true, gapAfter: 2 });
  await w.text(labels.meta(plan), { size: 9.5, color: [0.35, 0.35, 0.4], gapAfter: 12 });
  const sections: PlanSection[] = ['problem', 'objectives', 'activities', 'indicators', 'partners', 'resources'];
  for (const section of sections) {
    await w.text(labels.sections[section], { size: 13, bold: true, gapAfter: 3 });
    if (section === 'activities') {
      const activities = plan.content.activities.filter((a) => a.title.trim());
      if (activities.length === 0) await w.text(labels.empty, { color: [0.45, 0.45, 0.5] });
      for (const [i, a] of activities.entries()) {
        await w.text(`${i + 1}. ${a.title}`, { bold: true });
        const when = [a.start && `${labels.activity.start}: ${a.start}`, a.end && `${labels.activity.end}: ${a.end}`].filter(Boolean).join(' · ');
        const who = a.responsible && `${labels.activity.responsible}: ${a.responsible}`;
        if (when) await w.text(when, { indent: 14 });
        if (who) await w.text(who, { indent: 14 });
      }
    } else {
      const value = plan.content[section as (typeof PLAN_TEXT_SECTIONS)[number]].trim();
      await w.text(value || labels.empty, value ? {} : { color: [0.45, 0.45, 0.5] });
    }
    await w.text('', { gapAfter: 8 });
  }
}

/** One PDF with one plan per page run (the organizer's "all plans" download uses several). */
export async function renderPlansPdf(plans: PlanForPdf[], labels: PlanPdfLabels, title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  doc.setProducer('Balai');
  const w = new Writer(doc, PdfText.for(doc));
  for (const plan of plans) await writePlan(w, plan, labels);
  if (plans.length === 0) {
    w.newPage();
    await w.text(labels.empty);
  }
  return doc.save();
}
