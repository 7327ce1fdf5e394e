import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { db } from '../client';
import { sessionCaptioners, sessionInterpreters, sessionLanguages, users } from '../schema';

export type LanguagesRow = typeof sessionLanguages.$inferSelect;

export async function sessionLanguagesOf(sessionId: string): Promise<LanguagesRow | undefined> {
  const d = await db();
  const [row] = await d.select().from(sessionLanguages).where(eq(sessionLanguages.sessionId, sessionId));
  return row;
}

export async function saveSessionLanguages(
  sessionId: string,
  patch: Partial<Pick<LanguagesRow, 'floorLanguage' | 'languages' | 'signInterpreterId' | 'captionsOnDisplay'>>,
): Promise<void> {
  const d = await db();
  await d
    .insert(sessionLanguages)
    .values({ sessionId, floorLanguage: patch.floorLanguage ?? 'en', ...patch })
    .onConflictDoUpdate({ target: sessionLanguages.sessionId, set: { ...patch, updatedAt: new Date() } });
}

export async function interpretersOf(sessionId: string) {
  const d = await db();
  return d
    .select({ userId: sessionInterpreters.userId, name: users.name, language: sessionInterpreters.language, breakoutRoomId: sessionInterpreters.breakoutRoomId })
    .from(sessionInterpreters)
    .innerJoin(users, eq(users.id, sessionInterpreters.userId))
    .where(eq(sessionInterpreters.sessionId, sessionId))
    .orderBy(asc(sessionInterpreters.language), asc(sessionInterpreters.createdAt));
}

/** Interpreters of one language in one room (null: the main room), for the booth-of-two limit. */
export async function interpreterCount(sessionId: string, language: string, breakoutRoomId: string | null): Promise<number> {
  const d = await db();
  const [row] = await d
    .select({ n: sql<number>`count(*)::int` })
    .from(sessionInterpreters)
    .where(
      and(
        eq(sessionInterpreters.sessionId, sessionId),
        eq(sessionInterpreters.language, language),
        breakoutRoomId ? eq(sessionInterpreters.breakoutRoomId, breakoutRoomId) : isNull(sessionInterpreters.breakoutRoomId),
      ),
    );
  return row?.n ?? 0;
}

export async function addInterpreter(sessionId: string, userId: string, language: string, breakoutRoomId: string | null): Promise<void> {
  const d = await db();
  await d
    .insert(sessionInterpreters)
    .values({ sessionId, userId, language, breakoutRoomId })
    .onConflictDoUpdate({ target: [sessionInterpreters.sessionId, sessionInterpreters.userId, sessionInterpreters.language], set: { breakoutRoomId } });
}

export async function removeInterpreter(sessionId: string, userId: string, language: string): Promise<void> {
  const d = await db();
  await d
    .delete(sessionInterpreters)
    .where(and(eq(sessionInterpreters.sessionId, sessionId), eq(sessionInterpreters.userId, userId), eq(sessionInterpreters.language, language)));
}

/**
 * The languages this person interprets into in one room of the session (null: the main room).
 * In a breakout room: the languages they were placed there for, and those they interpret in the
 * main room: a main-room interpreter whom the breakouts put in a room follows it and interprets there.
 */
export async function interpreterLanguagesIn(sessionId: string, userId: string, breakoutRoomId: string | null): Promise<string[]> {
  const d = await db();
  const rows = await d
    .select({ language: sessionInterpreters.language })
    .from(sessionInterpreters)
    .where(
      and(
        eq(sessionInterpreters.sessionId, sessionId),
        eq(sessionInterpreters.userId, userId),
        breakoutRoomId
          ? or(eq(sessionInterpreters.breakoutRoomId, breakoutRoomId), isNull(sessionInterpreters.breakoutRoomId))
          : isNull(sessionInterpreters.breakoutRoomId),
      ),
    )
    .orderBy(asc(sessionInterpreters.language));
  return rows.map((r) => r.language);
}

/** The breakout room this person interprets in, if the moderator put them in one. */
export async function interpreterBreakoutRoom(sessionId: string, userId: string): Promise<string | null> {
  const d = await db();
  const [row] = await d
    .select({ roomId: sessionInterpreters.breakoutRoomId })
    .from(sessionInterpreters)
    .where(and(eq(sessionInterpreters.sessionId, sessionId), eq(sessionInterpreters.userId, userId), sql`${sessionInterpreters.breakoutRoomId} is not null`));
  return row?.roomId ?? null;
}

export async function captionersOf(sessionId: string) {
  const d = await db();
  return d
    .select({ userId: sessionCaptioners.userId, name: users.name })
    .from(sessionCaptioners)
    .innerJoin(users, eq(users.id, sessionCaptioners.userId))
    .where(eq(sessionCaptioners.sessionId, sessionId))
    .orderBy(asc(sessionCaptioners.createdAt));
}

export async function setCaptioner(sessionId: string, userId: string, assigned: boolean): Promise<void> {
  const d = await db();
  if (assigned) await d.insert(sessionCaptioners).values({ sessionId, userId }).onConflictDoNothing();
  else await d.delete(sessionCaptioners).where(and(eq(sessionCaptioners.sessionId, sessionId), eq(sessionCaptioners.userId, userId)));
}

export async function isCaptioner(sessionId: string, userId: string): Promise<boolean> {
  const d = await db();
  const [row] = await d
    .select({ userId: sessionCaptioners.userId })
    .from(sessionCaptioners)
    .where(and(eq(sessionCaptioners.sessionId, sessionId), eq(sessionCaptioners.userId, userId)));
  return !!row;
}
