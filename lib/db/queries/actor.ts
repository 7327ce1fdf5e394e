import { and, eq, type Column } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { db } from '../client';
import {
  actionPlans,
  breakoutHelpRequests,
  breakoutRooms,
  breakoutRuns,
  chatMessages,
  displayLinks,
  eventMembers,
  events,
  polls,
  qaQuestions,
  recordings,
  sessions,
  streamDestinations,
} from '../schema';
import type { AttendanceMode, Role } from '../../domain/roles';

/** Things inside one session, found by their id. */
const IN_SESSION = {
  question: qaQuestions,
  poll: polls,
  message: chatMessages,
  link: displayLinks,
  recording: recordings,
  destination: streamDestinations,
} satisfies Record<string, PgTable & { id: PgColumn; sessionId: PgColumn }>;

/** What a request names, from which the event and session it acts in are found. */
export type ActorScope = { kind: 'event' | 'session' | 'plan' | 'run' | 'room' | 'help' | keyof typeof IN_SESSION; id: string };

/**
 * The caller's standing where a request acts: the event (and session, when the
 * scope is inside one) and their membership there. Absent: the scoped thing
 * does not exist. `role` null: they are not a member.
 */
export interface ActorRow {
  eventId: string;
  sessionId: string | null;
  role: Role | null;
  attendanceMode: AttendanceMode | null;
  country: string | null;
  organisation: string | null;
}

/**
 * The one query behind every socket request's permission check: from whatever
 * the payload names to the event, joined with the caller's membership (left
 * join, so "no such thing" and "not a member" stay apart).
 */
export async function findActor(userId: string, scope: ActorScope): Promise<ActorRow | undefined> {
  const d = await db();
  const { role, attendanceMode, country, organisation } = eventMembers;
  const joinMember = (eventId: Column) => and(eq(eventMembers.eventId, eventId), eq(eventMembers.userId, userId));
  const inSession = { eventId: sessions.eventId, sessionId: sessions.id, role, attendanceMode, country, organisation };
  switch (scope.kind) {
    case 'event': {
      const [row] = await d
        .select({ eventId: events.id, role, attendanceMode, country, organisation })
        .from(events)
        .leftJoin(eventMembers, joinMember(events.id))
        .where(eq(events.id, scope.id));
      return row && { ...row, sessionId: null };
    }
    case 'session': {
      const [row] = await d.select(inSession).from(sessions).leftJoin(eventMembers, joinMember(sessions.eventId)).where(eq(sessions.id, scope.id));
      return row;
    }
    case 'plan': {
      const [row] = await d
        .select({ eventId: actionPlans.eventId, role, attendanceMode, country, organisation })
        .from(actionPlans)
        .leftJoin(eventMembers, joinMember(actionPlans.eventId))
        .where(eq(actionPlans.id, scope.id));
      return row && { ...row, sessionId: null };
    }
    case 'run': {
      const [row] = await d
        .select({ eventId: breakoutRuns.eventId, sessionId: breakoutRuns.sessionId, role, attendanceMode, country, organisation })
        .from(breakoutRuns)
        .leftJoin(eventMembers, joinMember(breakoutRuns.eventId))
        .where(eq(breakoutRuns.id, scope.id));
      return row;
    }
    case 'room': {
      const [row] = await d
        .select({ eventId: breakoutRuns.eventId, sessionId: breakoutRuns.sessionId, role, attendanceMode, country, organisation })
        .from(breakoutRooms)
        .innerJoin(breakoutRuns, eq(breakoutRuns.id, breakoutRooms.runId))
        .leftJoin(eventMembers, joinMember(breakoutRuns.eventId))
        .where(eq(breakoutRooms.id, scope.id));
      return row;
    }
    case 'help': {
      const [row] = await d
        .select({ eventId: breakoutRuns.eventId, sessionId: breakoutRuns.sessionId, role, attendanceMode, country, organisation })
        .from(breakoutHelpRequests)
        .innerJoin(breakoutRuns, eq(breakoutRuns.id, breakoutHelpRequests.runId))
        .leftJoin(eventMembers, joinMember(breakoutRuns.eventId))
        .where(eq(breakoutHelpRequests.id, scope.id));
      return row;
    }
    default: {
      const table = IN_SESSION[scope.kind];
      const [row] = await d
        .select(inSession)
        .from(table as typeof polls)
        .innerJoin(sessions, eq(sessions.id, table.sessionId))
        .leftJoin(eventMembers, joinMember(sessions.eventId))
        .where(eq(table.id, scope.id));
      return row;
    }
  }
}
