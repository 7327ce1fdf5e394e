import { PDFDocument, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { findEventById } from '../db/queries/programme';
import { inPersonRoster } from '../db/queries/members';
import { notFound } from '../errors';
import { localCountryName } from '../i18n/format';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales';
import { translatorFor } from '../i18n/translator';
import { PdfText, type FontWeight } from '../pdf/text';
import { authorize } from './authorize';
import { checkinCode, formatCode, qrPayload } from './checkin';

export async function qrPng(text: string, width = 240): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width });
}

export async function qrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
}

/** A person's own badge: what their event page shows. */
export function personalBadge(eventId: string, userId: string) {
  return { payload: qrPayload(eventId, userId), code: formatCode(checkinCode(eventId, userId)) };
}

/**
 * The printable badge sheet: eight badges per A4 page (2 × 4), one per
 * in-hall participant, each with name, country, organisation, QR and the
 * typed code, in name order so the desk can find them.
 */
export async function badgeSheetPdf(actorId: string, eventId: string, locale: Locale = DEFAULT_LOCALE): Promise<{ filename: string; pdf: Uint8Array }> {
  await authorize(actorId, eventId, 'checkin:badges');
  const event = await findEventById(eventId);
  if (!event) throw notFound('event');
  const people = await inPersonRoster(eventId);

  const t = await translatorFor(locale, 'checkin.badgesPdf');
  const pdf = await PDFDocument.create();
  pdf.setTitle(t('docTitle', { event: event.title }));
  const text = PdfText.for(pdf);
  const [W, H] = [595.28, 841.89];
  const margin = 28;
  const cols = 2;
  const rows = 4;
  const bw = (W - margin * 2) / cols;
  const bh = (H - margin * 2) / rows;
  let page = pdf.addPage([W, H]);
  if (people.length === 0) await text.draw(page, t('empty'), { x: margin, y: H - margin - 20, size: 14 });
  for (const [i, p] of people.entries()) {
    const slot = i % (cols * rows);
    if (i > 0 && slot === 0) page = pdf.addPage([W, H]);
    const x = margin + (slot % cols) * bw;
    const y = H - margin - (Math.floor(slot / cols) + 1) * bh;
    // Cut lines, light enough not to distract once cut.
    page.drawRectangle({ x, y, width: bw, height: bh, borderColor: rgb(0.75, 0.75, 0.75), borderWidth: 0.5 });
    const textWidth = bw - 150;
    const line = (value: string, dy: number, size: number, max: number, weight: FontWeight = 'regular', color = rgb(0, 0, 0)) =>
      text.draw(page, text.fit(value, size, max, weight), { x: x + 12, y: y + bh - dy, size, weight, color });
    await line(event.title, 22, 9, bw - 24, 'regular', rgb(0.3, 0.3, 0.3));
    // The name is what the desk and other participants read: it shrinks before it is cut.
    const nameSize = text.sizeToFit(p.name, 16, 11, textWidth, 'bold');
    await line(p.name, 60, nameSize, textWidth, 'bold');
    await line(localCountryName(p.country, locale), 82, 12, textWidth);
    await line(p.organisation, 100, 10, textWidth);
    const code = formatCode(checkinCode(eventId, p.userId));
    await text.draw(page, code, { x: x + 12, y: y + 18, size: 14, weight: 'bold' });
    const png = await pdf.embedPng(await qrPng(qrPayload(eventId, p.userId), 260));
    page.drawImage(png, { x: x + bw - 138, y: y + 14, width: 126, height: 126 });
  }
  return { filename: `badges-${event.slug}.pdf`, pdf: await pdf.save() };
}
