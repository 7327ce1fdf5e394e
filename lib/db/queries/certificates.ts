import { and, eq } from 'drizzle-orm';
import { db } from '../client';
import { attendanceSettings, certificates } from '../schema';
import type { Executor } from './executor';

export type CertificateRow = typeof certificates.$inferSelect;

/** The event's attendance settings (the certificate threshold), if it has any yet. */
export async function findAttendanceSettings(eventId: string) {
  const d = await db();
  const [row] = await d.select().from(attendanceSettings).where(eq(attendanceSettings.eventId, eventId));
  return row;
}

export async function saveCertificateThreshold(eventId: string, threshold: number): Promise<void> {
  const d = await db();
  await d
    .insert(attendanceSettings)
    .values({ eventId, certificateThreshold: threshold })
    .onConflictDoUpdate({ target: attendanceSettings.eventId, set: { certificateThreshold: threshold, updatedAt: new Date() } });
}

export async function certificatesOf(eventId: string): Promise<CertificateRow[]> {
  const d = await db();
  return d.select().from(certificates).where(eq(certificates.eventId, eventId));
}

type CertificateFacts = Pick<CertificateRow, 'participantName' | 'eventTitle' | 'percent' | 'minutes' | 'sessions' | 'issuedAt'>;

/** Issues a person's certificate with `code`, or refreshes the one they have (which keeps its code). */
export async function upsertCertificate(tx: Executor, eventId: string, userId: string, code: string, values: CertificateFacts): Promise<void> {
  await tx
    .insert(certificates)
    .values({ eventId, userId, code, ...values })
    .onConflictDoUpdate({ target: [certificates.eventId, certificates.userId], set: values });
}

export async function findCertificateOf(eventId: string, userId: string): Promise<CertificateRow | undefined> {
  const d = await db();
  const [row] = await d.select().from(certificates).where(and(eq(certificates.eventId, eventId), eq(certificates.userId, userId)));
  return row;
}

export async function findCertificateByCode(code: string): Promise<CertificateRow | undefined> {
  const d = await db();
  const [row] = await d.select().from(certificates).where(eq(certificates.code, code));
  return row;
}
