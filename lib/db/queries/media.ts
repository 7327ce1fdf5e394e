import { and, asc, eq, isNull } from 'drizzle-orm';
import { db } from '../client';
import { chatMessages, liveRoomPeople, liveRoomSettings, users } from '../schema';
import type { RoomSettings } from '../../contracts/media';
import { DomainError } from '../../errors';

export async function roomSettings(sessionId: string): Promise<RoomSettings> {
  const d = await db();
  const [row] = await d.select().from(liveRoomSettings).where(eq(liveRoomSettings.sessionId, sessionId));
  return { locked: row?.locked ?? false, screenShareOpen: row?.screenShareOpen ?? false, breakoutMicOn: row?.breakoutMicOn ?? false };
}

export async function updateRoomSettings(sessionId: string, patch: Partial<RoomSettings>): Promise<RoomSettings> {
  const d = await db();
  const current = await roomSettings(sessionId);
  const next = { ...current, ...patch };
  await d
    .insert(liveRoomSettings)
    .values({ sessionId, ...next })
    .onConflictDoUpdate({ target: liveRoomSettings.sessionId, set: { ...patch, updatedAt: new Date() } });
  return next;
}

export async function livePerson(sessionId: string, userId: string): Promise<{ onStage: boolean; removed: boolean }> {
  const d = await db();
  const [row] = await d
    .select()
    .from(liveRoomPeople)
    .where(and(eq(liveRoomPeople.sessionId, sessionId), eq(liveRoomPeople.userId, userId)));
  return { onStage: row?.onStage ?? false, removed: row?.removed ?? false };
}

export async function updateLivePerson(sessionId: string, userId: string, patch: { onStage?: boolean; removed?: boolean }): Promise<void> {
  const d = await db();
  await d
    .insert(liveRoomPeople)
    .values({ sessionId, userId, ...patch })
    .onConflictDoUpdate({ target: [liveRoomPeople.sessionId, liveRoomPeople.userId], set: { ...patch, updatedAt: new Date() } });
}

const chatColumns = {
  id: chatMessages.id,
  sessionId: chatMessages.sessionId,
  userId: chatMessages.userId,
  name: users.name,
  body: chatMessages.body,
  createdAt: chatMessages.createdAt,
};

export type ChatRow = { id: string; sessionId: string; userId: string; name: string; body: string; createdAt: Date };

export async function listChat(sessionId: string, limit = 200): Promise<ChatRow[]> {
  const d = await db();
  const rows = await d
    .select(chatColumns)
    .from(chatMessages)
    .innerJoin(users, eq(users.id, chatMessages.userId))
    .where(and(eq(chatMessages.sessionId, sessionId), isNull(chatMessages.deletedAt)))
    .orderBy(asc(chatMessages.createdAt))
    .limit(limit);
  return rows;
}

/** Inserts once per clientId; a retry returns the stored message (and `created: false`). */
export async function insertChat(input: { sessionId: string; userId: string; clientId: string; body: string }): Promise<{ row: ChatRow; created: boolean }> {
  const d = await db();
  const inserted = await d.insert(chatMessages).values(input).onConflictDoNothing({ target: chatMessages.clientId }).returning({ id: chatMessages.id });
  const [row] = await d
    .select({ ...chatColumns, ownerSession: chatMessages.sessionId, ownerUser: chatMessages.userId })
    .from(chatMessages)
    .innerJoin(users, eq(users.id, chatMessages.userId))
    .where(eq(chatMessages.clientId, input.clientId));
  if (!row || row.ownerUser !== input.userId || row.ownerSession !== input.sessionId) throw new DomainError('conflict', 'media.messageIdUsed');
  const { ownerSession: _s, ownerUser: _u, ...message } = row;
  return { row: message, created: inserted.length > 0 };
}

export async function findChatMessage(messageId: string) {
  const d = await db();
  const [row] = await d.select().from(chatMessages).where(eq(chatMessages.id, messageId));
  return row;
}

export async function deleteChat(messageId: string, deletedBy: string): Promise<void> {
  const d = await db();
  await d.update(chatMessages).set({ deletedAt: new Date(), deletedBy }).where(eq(chatMessages.id, messageId));
}
