import { z } from 'zod';
import { ASSIGNMENT_MODES } from '../domain/breakout-assignment';
import { ATTENDANCE_MODES } from '../domain/roles';
import { PLAN_TEXT_SECTIONS } from './plans';
import { notice, request } from './define';

/**
 * Breakout rooms. The browser names a run or a room only to say which one it
 * means; the server checks that the caller is allowed there (moderators for
 * every control; a participant only for the room assigned to them, or a room
 * they may choose in self-select).
 */

export const BREAKOUT_STATUSES = ['open', 'closing', 'closed'] as const;
export const MAX_ROOMS = 100;
export const CLOSE_WARNING_SECONDS = 60;

const RoomName = z.string().trim().min(1, 'validation.roomName').max(80);

export const BreakoutRoomSpecSchema = z.object({
  name: RoomName,
  /** Reuse a persistent cohort: its members are assigned here and its notes are the room's notes. */
  cohortId: z.uuid().optional(),
  inHallTable: z.boolean().default(false),
  capacity: z.number().int().min(1).max(500).optional(),
});

export const BreakoutOpenSchema = z
  .object({
    sessionId: z.uuid(),
    /** Chosen by the browser: a retried open finds the run it already created. */
    runId: z.uuid(),
    mode: z.enum(ASSIGNMENT_MODES),
    rooms: z.array(BreakoutRoomSpecSchema).min(1, 'validation.atLeastOneRoom').max(MAX_ROOMS),
    durationMinutes: z.number().int().min(1).max(240),
    /** Manual mode: who goes where (room index). People not listed are placed as late joiners. */
    manual: z.array(z.object({ userId: z.uuid(), room: z.number().int().min(0).max(MAX_ROOMS - 1) })).max(2000).default([]),
    /** Fixes random and balanced groups (a preview and the real run agree); the server picks one if absent. */
    seed: z.string().trim().min(1).max(64).optional(),
  })
  .refine((p) => p.manual.every((m) => m.room < p.rooms.length), { message: 'validation.manualRoomMissing', path: ['manual'] })
  .refine((p) => new Set(p.rooms.map((r) => r.name.toLowerCase())).size === p.rooms.length, { message: 'validation.roomNamesDiffer', path: ['rooms'] });
export type BreakoutOpen = z.infer<typeof BreakoutOpenSchema>;

export const BreakoutMemberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  country: z.string().nullable(),
  organisation: z.string(),
  attendanceMode: z.enum(ATTENDANCE_MODES),
});
export type BreakoutMember = z.infer<typeof BreakoutMemberSchema>;

export const BreakoutRoomSummarySchema = z.object({
  id: z.string(),
  position: z.number(),
  name: z.string(),
  cohortId: z.string().nullable(),
  inHallTable: z.boolean(),
  capacity: z.number().nullable(),
  memberCount: z.number(),
  /** The live media room key (for the media client's room label). */
  liveKey: z.string(),
});
export type BreakoutRoomSummary = z.infer<typeof BreakoutRoomSummarySchema>;

export const BreakoutRunSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  mode: z.enum(ASSIGNMENT_MODES),
  status: z.enum(BREAKOUT_STATUSES),
  openedAt: z.string(),
  endsAt: z.string(),
  /** While closing: when everyone returns to the main session. */
  returnAt: z.string().nullable(),
  lastBroadcast: z.object({ message: z.string(), at: z.string() }).nullable(),
  rooms: z.array(BreakoutRoomSummarySchema),
  rev: z.number(),
});
export type BreakoutRun = z.infer<typeof BreakoutRunSchema>;

export const MyBreakoutRoomSchema = z.object({
  id: z.string(),
  name: z.string(),
  inHallTable: z.boolean(),
  /** Kept with the cohort when the room belongs to one (reused on later days). */
  cohortName: z.string().nullable(),
  members: z.array(BreakoutMemberSchema),
  notes: z.string(),
  notesRev: z.number(),
  /** A moderator visiting, not a member. */
  visiting: z.boolean(),
  /** This browser is the room's table laptop in the hall (shared by its in-hall members). */
  table: z.boolean(),
});
export type MyBreakoutRoom = z.infer<typeof MyBreakoutRoomSchema>;

export const BreakoutStateSchema = z.object({
  sessionId: z.string(),
  /** The server's clock when it answered: the browser shows time left against this, not its own clock. */
  serverNow: z.string(),
  canManage: z.boolean(),
  run: BreakoutRunSchema.nullable(),
  room: MyBreakoutRoomSchema.nullable(),
});
export type BreakoutState = z.infer<typeof BreakoutStateSchema>;
export type BreakoutPlaced = z.infer<(typeof breakoutServerEvents)['breakout:placed']['payload']>;

export const HelpRequestSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  roomName: z.string(),
  userId: z.string(),
  name: z.string(),
  message: z.string(),
  createdAt: z.string(),
});
export type HelpRequest = z.infer<typeof HelpRequestSchema>;

export const ControlRoomSchema = z.object({
  id: z.string(),
  name: z.string(),
  inHallTable: z.boolean(),
  members: z.array(BreakoutMemberSchema.extend({ present: z.boolean(), speaking: z.boolean() })),
  /** A visiting moderator, or an in-hall table's laptop (the only microphone of its in-hall members), may be the one speaking. */
  visitors: z.array(z.object({ userId: z.string(), name: z.string(), table: z.boolean(), speaking: z.boolean() })),
  /** Seconds since someone last spoke or wrote in the room; null when nobody has yet. */
  silentForSeconds: z.number().nullable(),
});
export type ControlRoom = z.infer<typeof ControlRoomSchema>;

export const ControlViewSchema = z.object({
  serverNow: z.string(),
  run: BreakoutRunSchema,
  rooms: z.array(ControlRoomSchema),
  unassigned: z.array(BreakoutMemberSchema),
  help: z.array(HelpRequestSchema),
});
export type ControlView = z.infer<typeof ControlViewSchema>;

export const BreakoutMessageSchema = z.object({
  id: z.string(),
  roomId: z.string(),
  userId: z.string(),
  name: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type BreakoutMessage = z.infer<typeof BreakoutMessageSchema>;

export const CohortSchema = z.object({
  id: z.string(),
  name: z.string(),
  inHallTable: z.boolean(),
  memberIds: z.array(z.string()),
  notes: z.string(),
});
export type Cohort = z.infer<typeof CohortSchema>;

const RunRef = z.object({ runId: z.uuid() });
const RoomRef = z.object({ roomId: z.uuid() });
const Empty = z.object({});

export const breakoutClientEvents = {
  /** My breakout state for a session, on a (re)join; also puts this socket in my room's channel (later changes are pushed: `breakout:run-changed`, `breakout:placed`). */
  'breakout:sync': request(z.object({ sessionId: z.uuid() }), BreakoutStateSchema),
  'breakout:open': request(BreakoutOpenSchema, BreakoutRunSchema),
  /** Starts the warning countdown; everyone returns when it ends (0: now). */
  'breakout:close': request(RunRef.extend({ warningSeconds: z.number().int().min(0).max(300).default(CLOSE_WARNING_SECONDS) }), BreakoutRunSchema),
  'breakout:extend': request(RunRef.extend({ minutes: z.number().int().min(1).max(120) }), BreakoutRunSchema),
  'breakout:move': request(RunRef.extend({ userId: z.uuid(), roomId: z.uuid() }), Empty),
  'breakout:broadcast': request(RunRef.extend({ message: z.string().trim().min(1, 'validation.writeMessage').max(500) }), Empty),
  /** Self-select: take a free place in a room. */
  'breakout:choose': request(RunRef.extend({ roomId: z.uuid() }), Empty),
  'breakout:help': request(RunRef.extend({ requestId: z.uuid(), message: z.string().trim().max(300).default('') }), Empty),
  'breakout:help-resolve': request(z.object({ requestId: z.uuid() }), Empty),
  /** A moderator drops into a room (media and chat) or, with null, goes back to the main session. */
  'breakout:visit': request(
    RunRef.extend({
      roomId: z.uuid().nullable(),
      /** Sign this browser in as the table laptop of an in-hall table room (its in-hall members share it). */
      asTable: z.boolean().default(false),
    }),
    Empty,
  ),
  'breakout:control': request(RunRef, ControlViewSchema),
  'breakout:chat-history': request(RoomRef, z.object({ messages: z.array(BreakoutMessageSchema) })),
  'breakout:chat-send': request(RoomRef.extend({ clientId: z.uuid(), body: z.string().trim().min(1, 'validation.writeMessage').max(1000) }), BreakoutMessageSchema),
  /** Saves the room's shared notes if nobody saved since `baseRev` (else `conflict` with the current text). */
  'breakout:notes-save': request(RoomRef.extend({ notes: z.string().max(20_000), baseRev: z.number().int().min(0) }), z.object({ notesRev: z.number() })),
  /** Copies the room's notes into the caller's own action plan; `copyId` makes a retry harmless. */
  'breakout:notes-copy': request(
    RoomRef.extend({ copyId: z.uuid(), section: z.enum(PLAN_TEXT_SECTIONS).default('objectives') }),
    z.object({ planId: z.string(), version: z.number() }),
  ),
  'breakout:cohorts': request(z.object({ sessionId: z.uuid() }), z.object({ cohorts: z.array(CohortSchema), roster: z.array(BreakoutMemberSchema) })),
  'breakout:cohort-save': request(
    z.object({
      sessionId: z.uuid(),
      cohortId: z.uuid().optional(),
      name: RoomName,
      inHallTable: z.boolean().default(false),
      memberIds: z.array(z.uuid()).max(500),
    }),
    CohortSchema,
  ),
};

export const breakoutServerEvents = {
  /**
   * The session's breakouts changed (opened, someone moved, extended, closing, closed): the run as everyone
   * sees it, to every socket on the session's breakouts. Each socket's own `breakout:placed` follows at once.
   */
  'breakout:run-changed': notice(z.object({ sessionId: z.string(), serverNow: z.string(), run: BreakoutRunSchema.nullable() })),
  /**
   * This socket's own place in the run just announced (`runId` and `rev` name it; null when none is open):
   * pushed to each socket, nothing to ask back. `breakout:sync` answers the whole state on a (re)join.
   */
  'breakout:placed': notice(
    z.object({ sessionId: z.string(), runId: z.string().nullable(), rev: z.number().nullable(), canManage: z.boolean(), room: MyBreakoutRoomSchema.nullable() }),
  ),
  'breakout:broadcasted': notice(z.object({ runId: z.string(), message: z.string(), from: z.string(), at: z.string() })),
  /** To moderators in the control room: help queue, presence or activity changed. */
  'breakout:control-changed': notice(z.object({ runId: z.string() })),
  'breakout:chat-posted': notice(BreakoutMessageSchema),
  'breakout:notes-changed': notice(z.object({ roomId: z.string(), notes: z.string(), notesRev: z.number(), by: z.string() })),
};
