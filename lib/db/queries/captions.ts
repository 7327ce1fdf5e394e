import { and, desc, eq, asc } from 'drizzle-orm';
import { db } from '../client';
import { captionLines } from '../schema';

export type CaptionRow = typeof captionLines.$inferSelect;

/** Stores a final line once: a retried send with the same id changes nothing. Returns the stored row. */
export async function storeCaptionLine(row: Omit<CaptionRow, 'endedAt'> & { endedAt?: Date }): Promise<CaptionRow> {
  const d = await db();
  const [inserted] = await d
    .insert(captionLines)
    .values({ ...row, endedAt: row.endedAt ?? new Date() })
    .onConflictDoNothing({ target: captionLines.id })
    .returning();
  if (inserted) return inserted;
  const [existing] = await d.select().from(captionLines).where(eq(captionLines.id, row.id));
  return existing!;
}

export async function findCaptionLine(id: string): Promise<CaptionRow | undefined> {
  const d = await db();
  const [row] = await d.select().from(captionLines).where(eq(captionLines.id, id));
  return row;
}

export async function recentCaptionLines(sessionId: string, limit: number): Promise<CaptionRow[]> {
  const d = await db();
  const rows = await d.select().from(captionLines).where(eq(captionLines.sessionId, sessionId)).orderBy(desc(captionLines.startedAt)).limit(limit);
  return rows.reverse();
}

export async function transcriptOf(sessionId: string): Promise<CaptionRow[]> {
  const d = await db();
  return d.select().from(captionLines).where(and(eq(captionLines.sessionId, sessionId))).orderBy(asc(captionLines.startedAt));
}
