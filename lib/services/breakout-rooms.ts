import { db } from '../db/client';
import { findSession } from '../db/queries/programme';
import { assignmentOf, breakoutRoster, findRoom, findRun, type RoomRow, type RunRow } from '../db/queries/breakouts';
import { cohortMembersOf, cohortsOfEvent, insertCohort, replaceCohortMembers, updateCohort } from '../db/queries/breakout-cohorts';
import {
  currentRoomNotes,
  findHelpRequest,
  insertHelpRequest,
  insertMessage,
  messageByClientId,
  resolveHelpRequest,
  roomMessages,
  saveCohortNotes,
  saveRoomNotes,
  unresolvedHelpRequests,
} from '../db/queries/breakout-rooms';
import { findRevision, insertPlan, insertRevision, lockOwnPlan, updatePlanAtVersion } from '../db/queries/plans';
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
  const created = await insertHelpRequest({ id: requestId, runId, roomId, userId, message });
  if (!created && (await findHelpRequest(requestId))?.userId !== userId) throw new DomainError('conflict', 'breakouts.requestIdUsed');
  return { run, created };
}

export async function resolveHelp(userId: string, requestId: string): Promise<RunRow> {
  const req = await findHelpRequest(requestId);
  if (!req) throw notFound('helpRequest');
  const run = await managedRun(req.runId);
  await resolveHelpRequest(requestId, userId);
  return run;
}

export async function openHelpRequests(runId: string): Promise<HelpRequest[]> {
  const rows = await unresolvedHelpRequests(runId);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

const toMessage = (r: { createdAt: Date } & Omit<BreakoutMessage, 'createdAt'>): BreakoutMessage => ({ ...r, createdAt: r.createdAt.toISOString() });

export async function roomChat(actor: MemberActor, roomId: string): Promise<BreakoutMessage[]> {
  await roomAccess(roomId, actor);
  return (await roomMessages(roomId, 300)).map(toMessage);
}

export async function postRoomChat(actor: MemberActor, roomId: string, clientId: string, body: string): Promise<{ message: BreakoutMessage; created: boolean; run: RunRow }> {
  const { userId } = actor;
  const { run } = await roomAccess(roomId, actor);
  active(run);
  const created = await insertMessage({ roomId, userId, clientId, body });
  const message = await messageByClientId(clientId);
  if (!message || message.userId !== userId || message.roomId !== roomId) throw new DomainError('conflict', 'breakouts.messageIdUsed');
  return { message: toMessage(message), created, run };
}

/**
 * Saves the room's shared notes (on the cohort when the room has one, so the
 * group finds them on later days) if nobody saved since `baseRev`.
 */
export async function saveNotes(actor: MemberActor, roomId: string, notes: string, baseRev: number): Promise<{ notesRev: number; run: RunRow }> {
  const { userId } = actor;
  const { room, run } = await roomAccess(roomId, actor);
  active(run);
  const notesRev = room.cohortId ? await saveCohortNotes(room.cohortId, notes, baseRev, userId) : await saveRoomNotes(roomId, notes, baseRev);
  if (notesRev === undefined) throw new DomainError('conflict', 'breakouts.notesConflict');
  return { notesRev, run };
}

/**
 * Copies the room's notes into the caller's own action plan (one section),
 * as a new plan revision. `copyId` is the revision id: a retried copy is not
 * applied twice.
 */
export async function copyNotesToPlan(actor: MemberActor, roomId: string, copyId: string, section: PlanTextSection): Promise<{ planId: string; version: number }> {
  const { userId } = actor;
  const { room, run } = await roomAccess(roomId, actor);
  const { notes } = await currentRoomNotes(room);
  if (!notes.trim()) throw new DomainError('conflict', 'breakouts.notesEmpty');
  const d = await db();
  return d.transaction(async (tx) => {
    const done = await findRevision(tx, copyId);
    if (done) return { planId: done.planId, version: done.version };
    const heading = `— ${room.name} (breakout notes) —`;
    // Twice at most: a plan another tab creates meanwhile makes the insert write nothing, and the second pass locks it.
    for (let pass = 0; pass < 2; pass++) {
      const existing = await lockOwnPlan(tx, run.eventId, userId);
      const before: PlanContent = existing?.content ?? EMPTY_PLAN;
      const content: PlanContent = { ...before, [section]: [before[section], heading, notes.trim()].filter(Boolean).join('\n\n') };
      const updatedAt = new Date();
      const plan = existing
        ? await updatePlanAtVersion(tx, { eventId: run.eventId, ownerId: userId, baseVersion: existing.version }, content, updatedAt)
        : await insertPlan(tx, { eventId: run.eventId, ownerId: userId, content, updatedAt });
      if (!plan) continue;
      await insertRevision(tx, { id: copyId, planId: plan.id, version: plan.version, content, authorId: userId });
      return { planId: plan.id, version: plan.version };
    }
    throw new DomainError('conflict', 'plans.changedMeanwhile');
  });
}

export async function listCohorts(sessionId: string): Promise<{ cohorts: Cohort[]; roster: BreakoutMember[] }> {
  const found = await findSession(sessionId);
  if (!found) throw notFound('session');
  const cohorts = await cohortsOfEvent(found.event.id);
  const members = await cohortMembersOf(cohorts.map((c) => c.id));
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
    const values = { name: input.name, inHallTable: input.inHallTable };
    const cohort = input.cohortId ? await updateCohort(tx, eventId, input.cohortId, values) : await insertCohort(tx, { eventId, ...values });
    if (!cohort) throw input.cohortId ? notFound('cohort') : new DomainError('conflict', 'breakouts.cohortExists', { name: input.name });
    await replaceCohortMembers(tx, cohort.id, memberIds);
    return { id: cohort.id, name: cohort.name, inHallTable: cohort.inHallTable, notes: cohort.notes, memberIds };
  });
}
