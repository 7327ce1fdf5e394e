import type { AttendanceMode, Role } from './roles';

/**
 * A member's standing where a request acts, resolved once per request by the
 * realtime pipeline (server/realtime/pipeline.ts) and handed to handlers and
 * services, which check `can(actor, …)` instead of reading roles themselves.
 */
export interface MemberActor {
  userId: string;
  eventId: string;
  /** The session in scope (null for an event or a plan). */
  sessionId: string | null;
  role: Role;
  attendanceMode: AttendanceMode;
  country: string | null;
  organisation: string;
}
