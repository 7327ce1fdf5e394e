import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
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

/**
 * The standard PDF fonts encode WinAnsi only. Rather than crash on text in
 * other scripts (Nepali, Thai, Khmer… a plan may quote local names), every
 * character the font cannot encode is replaced by "?"; Latin text (English,
 * Indonesian, Malay, Filipino, Western European accents, typographic quotes) renders as typed.
 */
export function sanitizeFor(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet());
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (ch === '\t') out += '  ';
    else if (supported.has(ch.codePointAt(0)!)) out += ch;
    else out += '?';
  }
  return out;
}

class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {}

  newPage() {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  private ensure(height: number) {
    if (this.y - height < PAGE.margin) this.newPage();
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of sanitizeFor(font, text).split(/\r?\n/)) {
      let line = '';
      for (const word of paragraph.split(/ +/)) {
        const candidate = line ? `${line} ${word}` : word;
        if (font.widthOfTextAtSize(candidate, size) <= width) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        // A single word longer than the line is cut into pieces.
        let rest = word;
        while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
          let cut = rest.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--;
          lines.push(rest.slice(0, cut));
          rest = rest.slice(cut);
        }
        line = rest;
      }
      lines.push(line);
    }
    return lines;
  }

  text(text: string, opts: { size?: number; bold?: boolean; indent?: number; color?: [number, number, number]; gapAfter?: number } = {}) {
    const size = opts.size ?? 10.5;
    const font = opts.bold ? this.bold : this.font;
    const indent = opts.indent ?? 0;
    const lineHeight = size * 1.35;
    for (const line of this.wrap(text, font, size, PAGE.width - 2 * PAGE.margin - indent)) {
      this.ensure(lineHeight);
      this.y -= lineHeight;
      this.page.drawText(line, { x: PAGE.margin + indent, y: this.y, size, font, color: rgb(...(opts.color ?? [0.1, 0.1, 0.12])) });
    }
    this.y -= opts.gapAfter ?? 0;
  }
}

async function writePlan(w: Writer, plan: PlanForPdf, labels: PlanPdfLabels) {
  w.newPage();
  w.text(labels.heading(plan), { size: 18, bold: true, gapAfter: 2 });
  w.text(labels.meta(plan), { size: 9.5, color: [0.35, 0.35, 0.4], gapAfter: 12 });
  const sections: PlanSection[] = ['problem', 'objectives', 'activities', 'indicators', 'partners', 'resources'];
  for (const section of sections) {
    w.text(labels.sections[section], { size: 13, bold: true, gapAfter: 3 });
    if (section === 'activities') {
      const activities = plan.content.activities.filter((a) => a.title.trim());
      if (activities.length === 0) w.text(labels.empty, { color: [0.45, 0.45, 0.5] });
      activities.forEach((a, i) => {
        w.text(`${i + 1}. ${a.title}`, { bold: true });
        const when = [a.start && `${labels.activity.start}: ${a.start}`, a.end && `${labels.activity.end}: ${a.end}`].filter(Boolean).join(' · ');
        const who = a.responsible && `${labels.activity.responsible}: ${a.responsible}`;
        if (when) w.text(when, { indent: 14 });
        if (who) w.text(who, { indent: 14 });
      });
    } else {
      const value = plan.content[section as (typeof PLAN_TEXT_SECTIONS)[number]].trim();
      w.text(value || labels.empty, value ? {} : { color: [0.45, 0.45, 0.5] });
    }
    w.text('', { gapAfter: 8 });
  }
}

/** One PDF with one plan per page run (the organizer's "all plans" download uses several). */
export async function renderPlansPdf(plans: PlanForPdf[], labels: PlanPdfLabels, title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.setTitle(sanitizeFor(font, title));
  doc.setProducer('Balai');
  const w = new Writer(doc, font, await doc.embedFont(StandardFonts.HelveticaBold));
  for (const plan of plans) await writePlan(w, plan, labels);
  if (plans.length === 0) {
    w.newPage();
    w.text(labels.empty);
  }
  return doc.save();
}
