/**
 * Every Socket.IO room name, built here and nowhere else. Rooms are how a
 * notice reaches exactly the people who may hear it, so a name spelled twice
 * (or a room a client could name) is a leak waiting to happen; a unit test
 * (tests/unit/room-names.test.ts) keeps template-literal room names out of
 * every other module. Shared by the Socket.IO server and by code running in
 * Next.js (lib/services/broadcast.ts), so nothing here imports Node or server code.
 */
import { intern } from './intern';

export type RoomName = string & { readonly __room: true };

/**
 * A room many sockets join: one shared copy of its name, since every socket in
 * a room keeps the name it joined with (Socket.IO's per-socket room set).
 */
const room = (name: string) => intern(name) as RoomName;
/** A room of one person or sign-in (a socket or two): not worth a place in the shared table. */
const own = (name: string) => name as RoomName;

export const rooms = {
  /** Everyone present in the session (presence, chat, lobby and session notices). */
  session: (sessionId: string) => room(`session:${sessionId}`),
  /** Every tab of one person who joined something that notifies them personally. */
  user: (userId: string) => own(`user:${userId}`),

  /** Every socket of a signed-in session and of a user, so a sign-out or removal reaches them in any process. */
  auth: {
    session: (sid: string) => own(`auth-session:${sid}`),
    user: (userId: string) => own(`auth-user:${userId}`),
  },

  /** Q&A: moderators in one room, everyone else in the other, so each payload is built once per audience. */
  qa: {
    staff: (sessionId: string) => room(`qa:${sessionId}:staff`),
    audience: (sessionId: string) => room(`qa:${sessionId}:audience`),
  },
  /** Polls: who manages, who answers, and the projectors (display links). */
  polls: {
    staff: (sessionId: string) => room(`polls:${sessionId}:staff`),
    audience: (sessionId: string) => room(`polls:${sessionId}:audience`),
    display: (sessionId: string) => room(`polls:${sessionId}:display`),
  },
  /** The sockets opened with one display link (told and cut off when it is revoked). */
  displayLink: (linkId: string) => room(`display-link:${linkId}`),
  /** The projectors of a session showing the sign-language interpreter. */
  signDisplay: (sessionId: string) => room(`sign-display:${sessionId}`),

  lobby: {
    /** Who may admit: the waiting list. */
    staff: (sessionId: string) => room(`lobby:${sessionId}:staff`),
    /** Everyone who looked at the lobby (on/off changes). */
    everyone: (sessionId: string) => room(`lobby:${sessionId}:all`),
  },
  hands: {
    /** Who may see the raised-hands queue. */
    queue: (sessionId: string) => room(`hands:${sessionId}:queue`),
  },
  /** A session's floating reactions. */
  reactions: (sessionId: string) => room(`reactions:${sessionId}`),
  /** Everyone in a session hears its recording notices (the indicator, the list; the watch page too). */
  recording: (sessionId: string) => room(`recording:${sessionId}`),
  stream: {
    /** Who manages streaming out and the hall mixer's feed. */
    staff: (sessionId: string) => room(`stream:${sessionId}:staff`),
  },
  watch: {
    /** Everyone watching the watch-only stream. */
    watchers: (sessionId: string) => room(`watch:${sessionId}:watchers`),
    /** Who may see the watchers and invite one into the call. */
    staff: (sessionId: string) => room(`watch:${sessionId}:staff`),
  },
  captions: {
    /** Everyone in the session who turned captions on. */
    viewers: (sessionId: string) => room(`captions:${sessionId}`),
    /** The session's projector links; lines reach them only while the organizer shows captions there. */
    display: (sessionId: string) => room(`captions-display:${sessionId}`),
  },
  breakouts: {
    /** Everyone who looked at a session's breakouts: lifecycle pushes and broadcasts. */
    session: (sessionId: string) => room(`breakouts:${sessionId}`),
    room: (roomId: string) => room(`breakout-room:${roomId}`),
    /** Moderators watching the control room of a run. */
    control: (runId: string) => room(`breakout-control:${runId}`),
  },
  /** The open views (editor and read pages) of one action plan. */
  plan: (planId: string) => room(`plan:${planId}`),
  /** Who watches an event's live attendance counts. */
  attendance: (eventId: string) => room(`attendance:${eventId}`),
  /** The sockets of the people in one live media room (its key: main room or breakout room). */
  live: (roomKey: string) => room(`live:${roomKey}`),
  /** The hall phones receiving one live room's interpretation. */
  receivers: (roomKey: string) => room(`receivers:${roomKey}`),
  /** Whether a room name is one of `receivers` (a socket listens to one live room's interpretation at a time). */
  isReceivers: (name: string) => name.startsWith('receivers:'),
};
