import { z } from 'zod';
import { ATTENDANCE_MODES, ROLES } from '../domain/roles';
import { notice, request } from './define';

export const PeerSchema = z.object({
  userId: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  attendanceMode: z.enum(ATTENDANCE_MODES),
  country: z.string().nullable(),
  organisation: z.string(),
});
export type Peer = z.infer<typeof PeerSchema>;

export const PresenceJoinSchema = z.object({ sessionId: z.uuid() });
export const PresenceSnapshotSchema = z.object({ sessionId: z.string(), peers: z.array(PeerSchema) });
export type PresenceSnapshot = z.infer<typeof PresenceSnapshotSchema>;

export const presenceClientEvents = {
  'presence:join': request(PresenceJoinSchema, PresenceSnapshotSchema),
  'presence:leave': request(PresenceJoinSchema, z.object({})),
};

export const presenceServerEvents = {
  'presence:joined': notice(z.object({ sessionId: z.string(), peer: PeerSchema })),
  'presence:left': notice(z.object({ sessionId: z.string(), userId: z.string() })),
};
