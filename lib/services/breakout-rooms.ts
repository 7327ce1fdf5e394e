import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db } from '../db/client';
import {
  actionPlanRevisions,
  actionPlans,
  breakoutCohortMembers,
  breakoutCohorts,
  breakoutHelpRequests,
  breakoutMessages,
  breakoutRooms,
  users,
} from '../db/schema';
import { findSession } from '../db/queries/programme';
import { assignmentOf, breakoutRoster, findRoom, findRun, type RoomRow, type RunRow } from '../db/queries/breakouts';
import type { BreakoutMember, BreakoutMessage, Cohort, HelpRequest } from '../contracts/breakouts';
import { EMPTY_PLAN, type PlanContent, type PlanTextSection } from '../contracts/plans';
import { can } from '../domain/permissions';
import { DomainError, forbidden, notFound } from '../errors';
import { managedRun } from './breakouts';
import type { MemberActor } from '../domain/actor';

/**
 * What happens inside a room: help requests, chat, shared notes, and the
 * cohorts those notes are kept with. Access: the room's members, and the
 * moderators and organizers of the event.
 */

/** A room the actor (a member where the room is, checked by the realtime pipeline) is in, or manages. */
export async function roomAccess(roomId: string, actor: MemberActor): Promise<{ room: RoomRow; run: RunRow; manager: boolean }> {
  const { userId } = actor;
  const found = await findRoom(roomId);
  if (!found) throw notFound('room');
  const manager = can(actor, 'breakout:manage');
  if (!manager && (await assignmentOf(found.run.id, userId)) !== roomId) throw forbidden('breakouts.notYourRoom');
  return { ...found, manager };
}

const active = (run: RunRow) => {
  if (run.status === 'closed') throw new DomainError('conflict', 'breakouts.closed');
};

/** "Ask for help", named by the room the caller is in. The id comes from the browser: a retry does not ask twice. */
export async function askForHelp(userId: string, runId: string, requestId: string, message: string): Promise<{ run: RunRow; created: boolean }> {
  const run = await findRun(runId);
  if (!run) throw notFound('breakout');
  active(run);
  const roomId = await assignmentOf(runId, userId);
  if (!roomId) throw new DomainError('conflict', 'breakouts.notInRoomYet');
  const d = await db();
  const inserted = await d.insert(breakoutHelpRequests).values({ id: requestId, runId, roomId, userId, message }).onConflictDoNothing().returning();
  if (!inserted.length) {
    const [existing] = await d.select().from(breakoutHelpRequests).where(eq(breakoutHelpRequests.id, requestId));
    if (existing?.userId !== userId) throw new DomainError('conflict', 'breakouts.requestIdUsed');
  }
  return { run, created: inserted.length > 0 };
}

export async function resolveHelp(userId: string, requestId: string): Promise<RunRow> {
  const d = await db();
  const [req] = await d.select().from(breakoutHelpRequests).where(eq(breakoutHelpRequests.id, requestId));
  if (!req) throw notFound('helpRequest');
  const run = await managedRun(req.runId);
  await d
    .update(breakoutHelpRequests)
    .set({ resolvedAt: new Date(), resolvedBy: userId })
    .where(and(eq(breakoutHelpRequests.id, requestId), isNull(breakoutHelpRequests.resolvedAt)));
  return run;
}

export async function openHelpRequests(runId: string): Promise<HelpRequest[]> {
  const d = await db();
  const rows = await d
    .select({
      id: breakoutHelpRequests.id,
      roomId: breakoutHelpRequests.roomId,
      roomName: breakoutRooms.name,
      userId: breakoutHelpRequests.userId,
      name: users.name,
      message: breakoutHelpRequests.message,
      createdAt: breakoutHelpRequests.createdAt,
    })
    .from(breakoutHelpRequests)
    .innerJoin(breakoutRooms, eq(breakoutRooms.id, breakoutHelpRequests.roomId))
    .innerJoin(users, eq(users.id, breakoutHelpRequests.userId))
    .where(and(eq(breakoutHelpRequests.runId, runId), isNull(breakoutHelpRequests.resolvedAt)))
    .orderBy(asc(breakoutHelpRequests.createdAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

const messageColumns = {
  id: breakoutMessages.id,
  roomId: breakoutMessages.roomId,
  userId: breakoutMessages.userId,
  name: users.name,
  body: breakoutMessages.body,
  createdAt: breakoutMessages.createdAt,
};
const toMessage = (r: { createdAt: Date } & Omit<BreakoutMessage, 'createdAt'>): BreakoutMessage => ({ ...r, createdAt: r.createdAt.toISOString() });

export async function roomChat(actor: MemberActor, roomId: string): Promise<BreakoutMessage[]> {
  await roomAccess(roomId, actor);
  const d = await db();
  const rows = await d
    .select(messageColumns)
    .from(breakoutMessages)
    .innerJoin(users, eq(users.id, breakoutMessages.userId))
    .where(eq(breakoutMessages.roomId, roomId))
    .orderBy(asc(breakoutMessages.createdAt))
    .limit(300);
  return rows.map(toMessage);
}

export async function postRoomChat(actor: MemberActor, roomId: string, clientId: string, body: string): Promise<{ message: BreakoutMessage; created: boolean; run: RunRow }> {
  const { userId } = actor;
  const { run } = await roomAccess(roomId, actor);
  active(run);
  const d = await db();
  const inserted = await d.insert(breakoutMessages).values({ roomId, userId, clientId, body }).onConflictDoNothing({ target: breakoutMessages.clientId }).returning();
  const [row] = await d.select({ ...messageColumns, owner: breakoutMessages.userId }).from(breakoutMessages).innerJoin(users, eq(users.id, breakoutMessages.userId)).where(eq(breakoutMessages.clientId, clientId));
  if (!row || row.owner !== userId || row.roomId !== roomId) throw new DomainError('conflict', 'breakouts.messageIdUsed');
  const { owner: _owner, ...message } = row;
  return { message: toMessage(message), created: inserted.length > 0, run };
}

/**
 * Saves the room's shared notes (on the cohort when the room has one, so the
 * group finds them on later days) if nobody saved since `baseRev`.
 */
export async function saveNotes(actor: MemberActor, roomId: string, notes: string, baseRev: number): Promise<{ notesRev: number; run: RunRow }> {
  const { userId } = actor;
  const { room, run } = await roomAccess(roomId, actor);
  active(run);
  const d = await db();
  const updated = room.cohortId
    ? await d
        .update(breakoutCohorts)
        .set({ notes, notesRev: sql`${breakoutCohorts.notesRev} + 1`, notesUpdatedAt: new Date(), notesUpdatedBy: userId })
        .where(and(eq(breakoutCohorts.id, room.cohortId), eq(breakoutCohorts.notesRev, baseRev)))
        .returning({ rev: breakoutCohorts.notesRev })
    : await d
        .update(breakoutRooms)
        .set({ notes, notesRev: sql`${breakoutRooms.notesRev} + 1` })
        .where(and(eq(breakoutRooms.id, roomId), eq(breakoutRooms.notesRev, baseRev)))
        .returning({ rev: breakoutRooms.notesRev });
  if (!updated[0]) throw new DomainError('conflict', 'breakouts.notesConflict');
  return { notesRev: updated[0].rev, run };
}

export async function currentNotes(room: RoomRow): Promise<{ notes: string; notesRev: number }> {
  if (!room.cohortId) return { notes: room.notes, notesRev: room.notesRev };
  const d = await db();
  const [c] = await d.select().from(breakoutCohorts).where(eq(breakoutCohorts.id, room.cohortId));
  return { notes: c?.notes ?? '', notesRev: c?.notesRev ?? 0 };
}

/**
 * Copies the room's notes into the caller's own action plan (one section),
 * as a new plan revision. `copyId` is the revision id: a retried copy is not
 * applied twice.
 */
export async function copyNotesToPlan(actor: MemberActor, roomId: string, copyId: string, section: PlanTextSection): Promise<{ planId: string; version: number }> {
  const { userId } = actor;
  const { room, run } = await roomAccess(roomId, actor);
  const { notes } = await currentNotes(room);
  if (!notes.trim()) throw new DomainError('conflict', 'breakouts.notesEmpty');
  const d = await db();
  return d.transaction(async (tx) => {
    const [done] = await tx.select().from(actionPlanRevisions).where(eq(actionPlanRevisions.id, copyId));
    if (done) return { planId: done.planId, version: done.version };
    const [existing] = await tx
      .select()
      .from(actionPlans)
      .where(and(eq(actionPlans.eventId, run.eventId), eq(actionPlans.ownerId, userId)))
      .for('update');
    const before: PlanContent = existing?.content ?? EMPTY_PLAN;
    const heading = `— ${room.name} (breakout notes) —`;
    const content: PlanContent = { ...before, [section]: [before[section], heading, notes.trim()].filter(Boolean).join('\n\n') };
    const version = (existing?.version ?? 0) + 1;
    const [plan] = existing
      ? await tx.update(actionPlans).set({ content, version, updatedAt: new Date() }).where(eq(actionPlans.id, existing.id)).returning()
      : await tx.insert(actionPlans).values({ eventId: run.eventId, ownerId: userId, content, version }).returning();
    await tx.insert(actionPlanRevisions).values({ id: copyId, planId: plan!.id, version, content, authorId: userId });
    return { planId: plan!.id, version };
  });
}

export async function listCohorts(sessionId: string): Promise<{ cohorts: Cohort[]; roster: BreakoutMember[] }> {
  const found = await findSession(sessionId);
  if (!found) throw notFound('session');
  const d = await db();
  const cohorts = await d.select().from(breakoutCohorts).where(eq(breakoutCohorts.eventId, found.event.id)).orderBy(asc(breakoutCohorts.name));
  const members = cohorts.length
    ? await d.select().from(breakoutCohortMembers).where(inArray(breakoutCohortMembers.cohortId, cohorts.map((c) => c.id)))
    : [];
  return {
    cohorts: cohorts.map((c) => ({
      id: c.id,
      name: c.name,
      inHallTable: c.inHallTable,
      notes: c.notes,
      memberIds: members.filter((m) => m.cohortId === c.id).map((m) => m.userId),
    })),
    roster: await breakoutRoster(found.event.id),
  };
}

export async function saveCohort(
  input: { sessionId: string; cohortId?: string; name: string; inHallTable: boolean; memberIds: string[] },
): Promise<Cohort> {
  const found = await findSession(input.sessionId);
  if (!found) throw notFound('session');
  const eventId = found.event.id;
  const roster = new Set((await breakoutRoster(eventId)).map((m) => m.userId));
  const memberIds = [...new Set(input.memberIds)];
  if (memberIds.some((id) => !roster.has(id))) throw new DomainError('invalid_payload', 'breakouts.cohortNotParticipant');
  const d = await db();
  return d.transaction(async (tx) => {
    const [cohort] = input.cohortId
      ? await tx
          .update(breakoutCohorts)
          .set({ name: input.name, inHallTable: input.inHallTable })
          .where(and(eq(breakoutCohorts.id, input.cohortId), eq(breakoutCohorts.eventId, eventId)))
          .returning()
      : await tx.insert(breakoutCohorts).values({ eventId, name: input.name, inHallTable: input.inHallTable }).onConflictDoNothing().returning();
    if (!cohort) throw input.cohortId ? notFound('cohort') : new DomainError('conflict', 'breakouts.cohortExists', { name: input.name });
    await tx.delete(breakoutCohortMembers).where(eq(breakoutCohortMembers.cohortId, cohort.id));
    if (memberIds.length) await tx.insert(breakoutCohortMembers).values(memberIds.map((uid) => ({ cohortId: cohort.id, userId: uid })));
    return { id: cohort.id, name: cohort.name, inHallTable: cohort.inHallTable, notes: cohort.notes, memberIds };
  });
}
