import { z } from 'zod';
import { notice, request } from './define';

/**
 * The people on a session's watch-only (HLS) page, and moderators promoting one of them into the
 * interactive call. Watching is presence too (a socket in the session's watchers room), so the
 * list needs no second copy; an invitation is stored, so a watcher who reconnects still has it.
 */
const SessionRef = z.object({ sessionId: z.uuid() });

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined'] as const;

export const WatchInvitationSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  userId: z.string(),
  /** The moderator's name, for the watcher's "… invites you into the call". */
  invitedBy: z.string(),
  status: z.enum(INVITATION_STATUSES),
});
export type WatchInvitation = z.infer<typeof WatchInvitationSchema>;

export const WatcherSchema = z.object({
  userId: z.string(),
  name: z.string(),
  /** Since when they watch (their earliest open watch page). */
  since: z.string(),
  /** Context for choosing whom to promote: a raised hand, and how many questions they asked here. */
  handRaisedAt: z.string().nullable(),
  questions: z.number().int().nonnegative(),
  invitation: z.enum(INVITATION_STATUSES).nullable(),
});
export type Watcher = z.infer<typeof WatcherSchema>;

export const WatcherListSchema = z.object({
  sessionId: z.string(),
  /** Everyone watching; `watchers` lists at most WATCHER_LIST_LIMIT of them, raised hands and askers first. */
  count: z.number().int().nonnegative(),
  watchers: z.array(WatcherSchema),
});
export type WatcherList = z.infer<typeof WatcherListSchema>;
export const WATCHER_LIST_LIMIT = 100;

export const watcherClientEvents = {
  /** A watch page: count me as watching this session (until `watch:leave` or disconnect); my pending invitation, if any. */
  'watch:attend': request(SessionRef, z.object({ invitation: WatchInvitationSchema.nullable() })),
  'watch:leave': request(SessionRef, z.object({})),
  /** Organizers and moderators: who watches, and `watch:watchers-changed` notices from now on. */
  'watch:watchers': request(SessionRef, WatcherListSchema),
  /** Organizers and moderators: invite a watcher into the call. A retry with the same clientId gets the same invitation. */
  'watch:promote': request(SessionRef.extend({ userId: z.uuid(), clientId: z.uuid() }), z.object({ invitation: WatchInvitationSchema })),
  /** The invited watcher: accept (the call lets them publish) or decline. Answering again the same way is a no-op. */
  'watch:answer': request(SessionRef.extend({ invitationId: z.uuid(), accept: z.boolean() }), z.object({ invitation: WatchInvitationSchema })),
};

export const watcherServerEvents = {
  /** To organizers and moderators who asked for the list: it changed. */
  'watch:watchers-changed': notice(WatcherListSchema),
  /** To the invited person's sockets: a moderator invites them into the call. */
  'watch:invited': notice(z.object({ sessionId: z.string(), invitation: WatchInvitationSchema })),
};
