import { asc, eq, and } from 'drizzle-orm';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { db } from '../db/client';
import { eventMembers, events, users } from '../db/schema';
import { countryName } from '../domain/countries';
import { notFound } from '../errors';
import { authorize } from './authorize';
import { pdfSafe } from './certificates';
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
export async function badgeSheetPdf(actorId: string, eventId: string): Promise<{ filename: string; pdf: Uint8Array }> {
  await authorize(actorId, eventId, 'checkin:badges');
  const d = await db();
  const [event] = await d.select().from(events).where(eq(events.id, eventId));
  if (!event) throw notFound('event');
  const people = await d
    .select({ userId: users.id, name: users.name, country: eventMembers.country, organisation: eventMembers.organisation })
    .from(eventMembers)
    .innerJoin(users, eq(users.id, eventMembers.userId))
    .where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.attendanceMode, 'in_person')))
    .orderBy(asc(users.name));

  const pdf = await PDFDocument.create();
  pdf.setTitle(pdfSafe(`Badges - ${event.title}`));
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const [W, H] = [595.28, 841.89];
  const margin = 28;
  const cols = 2;
  const rows = 4;
  const bw = (W - margin * 2) / cols;
  const bh = (H - margin * 2) / rows;
  const fit = (text: string, size: number, font: typeof regular, max: number) => {
    const full = pdfSafe(text);
    let t = full;
    while (t.length > 1 && font.widthOfTextAtSize(`${t}...`, size) > max) t = t.slice(0, -1);
    return t === full || font.widthOfTextAtSize(full, size) <= max ? full : `${t}...`;
  };
  let page = pdf.addPage([W, H]);
  if (people.length === 0) page.drawText('No participants in the hall yet.', { x: margin, y: H - margin - 20, size: 14, font: regular });
  for (const [i, p] of people.entries()) {
    const slot = i % (cols * rows);
    if (i > 0 && slot === 0) page = pdf.addPage([W, H]);
    const x = margin + (slot % cols) * bw;
    const y = H - margin - (Math.floor(slot / cols) + 1) * bh;
    // Cut lines, light enough not to distract once cut.
    page.drawRectangle({ x, y, width: bw, height: bh, borderColor: rgb(0.75, 0.75, 0.75), borderWidth: 0.5 });
    const textWidth = bw - 150;
    page.drawText(fit(event.title, 9, regular, bw - 24), { x: x + 12, y: y + bh - 22, size: 9, font: regular, color: rgb(0.3, 0.3, 0.3) });
    page.drawText(fit(p.name, 16, bold, textWidth), { x: x + 12, y: y + bh - 60, size: 16, font: bold });
    page.drawText(fit(countryName(p.country) || '', 12, regular, textWidth), { x: x + 12, y: y + bh - 82, size: 12, font: regular });
    page.drawText(fit(p.organisation, 10, regular, textWidth), { x: x + 12, y: y + bh - 100, size: 10, font: regular });
    const code = formatCode(checkinCode(eventId, p.userId));
    page.drawText(code, { x: x + 12, y: y + 18, size: 14, font: bold });
    const png = await pdf.embedPng(await qrPng(qrPayload(eventId, p.userId), 260));
    page.drawImage(png, { x: x + bw - 138, y: y + 14, width: 126, height: 126 });
  }
  return { filename: `badges-${event.slug}.pdf`, pdf: await pdf.save() };
}
