import { z } from 'zod';
import { notice, request } from './define';

export const LOBBY_MESSAGE_MAX = 300;
const SessionRef = z.object({ sessionId: z.uuid() });

/** Where the caller stands: `open` (no lobby, or staff who never wait), `waiting`, `admitted`, `denied`. */
export const LOBBY_STANDINGS = ['open', 'waiting', 'admitted', 'denied'] as const;
export type LobbyStanding = (typeof LOBBY_STANDINGS)[number];

export const LobbyEntrySchema = z.object({ userId: z.string(), name: z.string(), requestedAt: z.string() });
export type LobbyEntry = z.infer<typeof LobbyEntrySchema>;

export const LobbyStateSchema = z.object({
  sessionId: z.string(),
  enabled: z.boolean(),
  me: z.object({ standing: z.enum(LOBBY_STANDINGS), message: z.string() }),
  /** Who waits, oldest first; for moderators only (null for everyone else). */
  waiting: z.array(LobbyEntrySchema).nullable(),
  can: z.object({ manage: z.boolean() }),
});
export type LobbyState = z.infer<typeof LobbyStateSchema>;

export const lobbyClientEvents = {
  /** Enter the session's lobby screen (or the moderators' waiting list); a non-staff person starts waiting when the lobby is on. */
  'lobby:join': request(SessionRef, LobbyStateSchema),
  'lobby:set': request(SessionRef.extend({ enabled: z.boolean() }), z.object({ enabled: z.boolean() })),
  /** Admit some people, or `all` who wait. */
  'lobby:admit': request(
    SessionRef.extend({ userIds: z.union([z.literal('all'), z.array(z.uuid()).min(1).max(500)]) }),
    z.object({ admitted: z.array(z.string()) }),
  ),
  'lobby:deny': request(
    SessionRef.extend({ userId: z.uuid(), message: z.string().trim().max(LOBBY_MESSAGE_MAX, 'validation.lobbyMessageTooLong').default('') }),
    z.object({}),
  ),
};

export const lobbyServerEvents = {
  'lobby:changed': notice(z.object({ sessionId: z.string(), enabled: z.boolean() })),
  /** To moderators: the whole waiting list after any change. */
  'lobby:waiting': notice(z.object({ sessionId: z.string(), waiting: z.array(LobbyEntrySchema) })),
  /** To the person decided about. */
  'lobby:decided': notice(z.object({ sessionId: z.string(), standing: z.enum(LOBBY_STANDINGS), message: z.string() })),
};
