import { randomUUID } from 'node:crypto';
import { joinLiveRoom, leaveLiveRoom, mainRoomKey } from '../sfu/rooms';
import type { LiveRoom, LivePeer } from '../sfu/live-room';
import { startRtpSource, type RtpSource } from './rtp-source';

/**
 * A server-side participant on a session's stage whose camera and microphone come from outside a
 * browser (the hall mixer's feed over RTMP through FFmpeg, or over WHIP). It is a live peer like a
 * browser's, owned by the person who set it up (their role decides what it may publish), without a
 * socket: leaving closes its media.
 */
export interface StageSource {
  peerId: string;
  source: RtpSource;
  close(): Promise<void>;
}

export interface StagePeer {
  room: LiveRoom;
  peer: LivePeer;
  /** Leaves the stage: the peer's transports and producers close, everyone sees it go. */
  leave(): void;
}

/** Joins the session's main room as a server-side peer on stage (a hall device). */
export async function joinStageAsSource(sessionId: string, owner: { userId: string; name: string }): Promise<StagePeer> {
  const socketId = `server:${randomUUID()}`;
  const { room, peer } = await joinLiveRoom({ key: mainRoomKey(sessionId) }, sessionId, {
    socketId,
    userId: owner.userId,
    name: owner.name,
    role: 'presenter',
    hall: true,
    onStage: true,
  });
  return { room, peer, leave: () => leaveLiveRoom(socketId) };
}

export async function addStageSource(sessionId: string, owner: { userId: string; name: string }, input: { args: string[]; videoMap: string; audioMap: string; onProgress?: (report: Record<string, string>) => void; onLog?: (text: string) => void }): Promise<StageSource> {
  const { room, peer, leave } = await joinStageAsSource(sessionId, owner);
  try {
    const source = await startRtpSource(room, peer, { ...input, input: input.args, label: `source ${sessionId}` });
    return {
      peerId: peer.peerId,
      source,
      async close() {
        await source.close();
        leave();
      },
    };
  } catch (err) {
    leave();
    throw err;
  }
}
