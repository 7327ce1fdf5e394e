/** The Socket.IO rooms of breakouts, and where a socket sits among them (shared by the live state and the pushes). */
export const channels = {
  /** Everyone who looked at a session's breakouts: lifecycle pushes and broadcasts. */
  session: (sessionId: string) => `breakouts:${sessionId}`,
  room: (roomId: string) => `breakout-room:${roomId}`,
  /** Moderators watching the control room of a run. */
  control: (runId: string) => `breakout-control:${runId}`,
};

export interface SocketPlace {
  sessionId: string;
  userId: string;
  runId?: string;
  roomId?: string;
  visitor: boolean;
}
