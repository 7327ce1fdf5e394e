import { randomBytes } from 'node:crypto';
import { PDFDocument, rgb } from 'pdf-lib';
import { db } from '../db/client';
import { PdfText, type FontWeight } from '../pdf/text';
import type { CertificateSession } from '../db/schema';
import {
  certificatesOf,
  findAttendanceSettings,
  findCertificateByCode,
  findCertificateOf,
  saveCertificateThreshold,
  upsertCertificate,
  type CertificateRow,
} from '../db/queries/certificates';
import { DomainError, notFound } from '../errors';
import { formatDay } from '../domain/time';
import { intlLocale } from '../i18n/format';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales';
import { translatorFor } from '../i18n/translator';
import { authorize } from './authorize';
import { loadReport } from './attendance-report';
import { base32 } from './signing';
import { publicUrl } from './invitations';

export type { CertificateRow };

export async function certificateThreshold(eventId: string): Promise<number> {
  const row = await findAttendanceSettings(eventId);
  return row?.certificateThreshold ?? 75;
}

export async function setCertificateThreshold(actorId: string, eventId: string, threshold: number): Promise<void> {
  await authorize(actorId, eventId, 'certificate:issue');
  if (!Number.isInteger(threshold) || threshold < 0 || threshold > 100) throw new DomainError('invalid_payload', 'attendance.thresholdPercent');
  await saveCertificateThreshold(eventId, threshold);
}

/** "7K2QM-XV9DA": 50 random bits, easy to type into the verification page. */
const newCode = () => {
  const raw = base32(randomBytes(8), 10);
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
};

/**
 * Issues (or refreshes) a certificate for every member at or above the
 * threshold with some attendance. A refreshed certificate keeps its code, so
 * links already shared stay valid; it describes the attendance as of now.
 */
export async function issueCertificates(actorId: string, eventId: string, now = new Date()): Promise<{ issued: number; refreshed: number }> {
  await authorize(actorId, eventId, 'certificate:issue');
  const threshold = await certificateThreshold(eventId);
  const { event, report } = await loadReport(eventId, now);
  const d = await db();
  const existing = new Set((await certificatesOf(eventId)).map((c) => c.userId));
  let issued = 0;
  let refreshed = 0;
  await d.transaction(async (tx) => {
    for (const p of report.people) {
      if (p.seconds <= 0 || p.percent < threshold) continue;
      const sessions: CertificateSession[] = report.sessions.flatMap((s, i) => {
        const a = p.sessions[i]!;
        return a.where ? [{ title: s.title, startsAt: s.startsAt.toISOString(), day: s.day, minutes: Math.round(a.seconds / 60), where: a.where }] : [];
      });
      const values = {
        participantName: p.name,
        eventTitle: event.title,
        percent: p.percent,
        minutes: Math.round(p.seconds / 60),
        sessions,
        issuedAt: now,
      };
      await upsertCertificate(tx, eventId, p.userId, newCode(), values);
      if (existing.has(p.userId)) refreshed++;
      else issued++;
    }
  });
  return { issued, refreshed };
}

export async function ownCertificate(userId: string, eventId: string): Promise<CertificateRow | null> {
  return (await findCertificateOf(eventId, userId)) ?? null;
}

export async function listCertificates(actorId: string, eventId: string): Promise<CertificateRow[]> {
  await authorize(actorId, eventId, 'attendance:view-all');
  return certificatesOf(eventId);
}

const normalizeCertCode = (code: string) => {
  const raw = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return raw.length === 10 ? `${raw.slice(0, 5)}-${raw.slice(5)}` : null;
};

/** The public verification: anyone holding the code sees what the certificate states. */
export async function verifyCertificate(code: string): Promise<CertificateRow | null> {
  const normalized = normalizeCertCode(code);
  if (!normalized) return null;
  return (await findCertificateByCode(normalized)) ?? null;
}

/** The PDF is for its holder and the event's staff; anyone else gets not-found (no hint it exists). */
export async function certificateForDownload(viewerId: string, code: string): Promise<CertificateRow> {
  const cert = await verifyCertificate(code);
  if (!cert) throw notFound('certificate');
  if (cert.userId === viewerId) return cert;
  await authorize(viewerId, cert.eventId, 'attendance:view-all', () => notFound('certificate'));
  return cert;
}

export const verificationUrl = (code: string) => publicUrl(`/verify/${code}`);

/** The certificate as a PDF, worded in `locale` (the event's own data, titles and names, stay as written). */
export async function certificatePdf(cert: CertificateRow, locale: Locale = DEFAULT_LOCALE): Promise<Uint8Array> {
  const t = await translatorFor(locale, 'attendance.certificatePdf');
  const pdf = await PDFDocument.create();
  pdf.setTitle(t('docTitle', { name: cert.participantName }));
  pdf.setLanguage(intlLocale(locale));
  pdf.setSubject(cert.eventTitle);
  const text = PdfText.for(pdf);
  const page = pdf.addPage([595.28, 841.89]);
  const { width } = page.getSize();
  const ink = rgb(0.1, 0.12, 0.14);
  // Names and titles shrink (to 60%) before they are cut: a certificate shows the whole name if it can.
  const centered = async (line: string, y: number, maxSize: number, weight: FontWeight = 'regular') => {
    const size = text.sizeToFit(line, maxSize, maxSize * 0.6, width - 120, weight);
    const fitted = text.fit(line, size, width - 120, weight);
    await text.draw(page, fitted, { x: (width - text.widthOf(fitted, size, weight)) / 2, y, size, weight, color: ink });
  };
  const left = (line: string, y: number, size: number, weight: FontWeight = 'regular') =>
    text.draw(page, text.fit(line, size, width - 140, weight), { x: 70, y, size, weight, color: ink });
  page.drawRectangle({ x: 30, y: 30, width: width - 60, height: 841.89 - 60, borderColor: rgb(0.05, 0.4, 0.33), borderWidth: 3 });
  await centered(t('title'), 740, 26, 'bold');
  await centered(t('certifies'), 690, 13);
  await centered(cert.participantName, 655, 24, 'bold');
  await centered(t('attended'), 625, 13);
  await centered(cert.eventTitle, 595, 17, 'bold');
  await centered(t('summary', { minutes: cert.minutes, sessions: cert.sessions.length, percent: cert.percent }), 565, 12);
  let y = 520;
  await left(t('sessions'), y, 12, 'bold');
  y -= 20;
  for (const s of cert.sessions) {
    if (y < 150) {
      await left(t('more', { count: cert.sessions.length - cert.sessions.indexOf(s) }), y, 10);
      break;
    }
    const where = t(`where.${s.where === 'online' ? 'online' : s.where === 'hall' ? 'hall' : 'both'}`);
    await left(t('line', { day: formatDay(s.day, intlLocale(locale)), title: s.title, minutes: s.minutes, where }), y, 10);
    y -= 15;
  }
  await left(t('code', { code: cert.code }), 100, 12, 'bold');
  await left(t('checkAt', { url: verificationUrl(cert.code) }), 82, 10);
  const issued = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(cert.issuedAt);
  await left(t('issued', { date: issued }), 66, 10);
  return pdf.save();
}
