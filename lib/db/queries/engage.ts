import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { db } from '../client';
import { lobbyEntries, raisedHands, sessionLobbies, users } from '../schema';

export type LobbyStatus = 'waiting' | 'admitted' | 'denied';

export async function lobbyEnabled(sessionId: string): Promise<boolean> {
  const d = await db();
  const [row] = await d.select({ enabled: sessionLobbies.enabled }).from(sessionLobbies).where(eq(sessionLobbies.sessionId, sessionId));
  return row?.enabled ?? false;
}

export async function setLobbyEnabled(sessionId: string, enabled: boolean): Promise<void> {
  const d = await db();
  await d
    .insert(sessionLobbies)
    .values({ sessionId, enabled })
    .onConflictDoUpdate({ target: sessionLobbies.sessionId, set: { enabled, updatedAt: new Date() } });
}

export async function lobbyEntry(sessionId: string, userId: string): Promise<{ status: LobbyStatus; message: string } | undefined> {
  const d = await db();
  const [row] = await d
    .select({ status: lobbyEntries.status, message: lobbyEntries.message })
    .from(lobbyEntries)
    .where(and(eq(lobbyEntries.sessionId, sessionId), eq(lobbyEntries.userId, userId)));
  return row;
}

/** Starts waiting unless the person already has an entry (a decision stays decided across reconnects). */
export async function enterLobby(sessionId: string, userId: string): Promise<void> {
  const d = await db();
  await d.insert(lobbyEntries).values({ sessionId, userId, status: 'waiting' }).onConflictDoNothing();
}

export async function waitingList(sessionId: string): Promise<{ userId: string; name: string; requestedAt: Date }[]> {
  const d = await db();
  return d
    .select({ userId: lobbyEntries.userId, name: users.name, requestedAt: lobbyEntries.requestedAt })
    .from(lobbyEntries)
    .innerJoin(users, eq(users.id, lobbyEntries.userId))
    .where(and(eq(lobbyEntries.sessionId, sessionId), eq(lobbyEntries.status, 'waiting')))
    .orderBy(asc(lobbyEntries.requestedAt), asc(users.name));
}

/** Decides for those who wait (or were denied, when admitting); returns whom it changed. */
export async function decideLobby(
  sessionId: string,
  userIds: string[] | 'all',
  decision: { status: 'admitted' | 'denied'; message: string; by: string },
): Promise<string[]> {
  const d = await db();
  const from: LobbyStatus[] = decision.status === 'admitted' ? ['waiting', 'denied'] : ['waiting'];
  const rows = await d
    .update(lobbyEntries)
    .set({ status: decision.status, message: decision.message, decidedAt: new Date(), decidedBy: decision.by })
    .where(
      and(
        eq(lobbyEntries.sessionId, sessionId),
        inArray(lobbyEntries.status, userIds === 'all' ? ['waiting'] : from),
        userIds === 'all' ? sql`true` : inArray(lobbyEntries.userId, userIds),
      ),
    )
    .returning({ userId: lobbyEntries.userId });
  return rows.map((r) => r.userId);
}

/** People already in the session when the lobby is switched on stay in. */
export async function admitPresent(sessionId: string, userIds: string[], by: string): Promise<void> {
  if (!userIds.length) return;
  const d = await db();
  await d
    .insert(lobbyEntries)
    .values(userIds.map((userId) => ({ sessionId, userId, status: 'admitted' as const, decidedAt: new Date(), decidedBy: by })))
    .onConflictDoUpdate({ target: [lobbyEntries.sessionId, lobbyEntries.userId], set: { status: 'admitted', decidedAt: new Date(), decidedBy: by } });
}

export async function handOf(sessionId: string, userId: string): Promise<Date | null> {
  const d = await db();
  const [row] = await d
    .select({ raisedAt: raisedHands.raisedAt })
    .from(raisedHands)
    .where(and(eq(raisedHands.sessionId, sessionId), eq(raisedHands.userId, userId)));
  return row?.raisedAt ?? null;
}

/** Raising twice keeps the first time (the place in the queue). */
export async function raiseHand(sessionId: string, userId: string): Promise<Date> {
  const d = await db();
  await d.insert(raisedHands).values({ sessionId, userId }).onConflictDoNothing();
  return (await handOf(sessionId, userId))!;
}

export async function lowerHand(sessionId: string, userId: string): Promise<boolean> {
  const d = await db();
  const rows = await d
    .delete(raisedHands)
    .where(and(eq(raisedHands.sessionId, sessionId), eq(raisedHands.userId, userId)))
    .returning({ userId: raisedHands.userId });
  return rows.length > 0;
}

export async function handQueue(sessionId: string): Promise<{ userId: string; name: string; raisedAt: Date }[]> {
  const d = await db();
  return d
    .select({ userId: raisedHands.userId, name: users.name, raisedAt: raisedHands.raisedAt })
    .from(raisedHands)
    .innerJoin(users, eq(users.id, raisedHands.userId))
    .where(eq(raisedHands.sessionId, sessionId))
    .orderBy(asc(raisedHands.raisedAt), asc(users.name));
}
