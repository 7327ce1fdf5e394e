/** Where a socket sits among the breakouts (shared by the live state and the pushes); the Socket.IO rooms are rooms.breakouts. */

export interface SocketPlace {
  sessionId: string;
  userId: string;
  runId?: string;
  roomId?: string;
  visitor: boolean;
}
