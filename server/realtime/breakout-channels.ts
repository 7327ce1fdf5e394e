import { rooms as roomNames } from '../../lib/realtime/rooms';

/** The Socket.IO rooms of breakouts, and where a socket sits among them (shared by the live state and the pushes). */
export const channels = roomNames.breakouts;

export interface SocketPlace {
  sessionId: string;
  userId: string;
  runId?: string;
  roomId?: string;
  visitor: boolean;
}
