/**
 * Splices several RTP audio sources into one continuous stream, so a channel's
 * listeners see one SSRC with gap-free sequence numbers whoever speaks. When
 * the source changes (a hand-over) the new source's sequence numbers continue
 * where the last packet left off and its timestamps continue by the wall time
 * that passed, so the receiver's jitter buffer sees a short pause, not a new
 * stream (which would reset it and drop audio).
 */

export interface SpliceState {
  /** The channel's own SSRC and payload type, written into every packet. */
  readonly ssrc: number;
  readonly payloadType: number;
  readonly clockRate: number;
  source: string | null;
  seqOffset: number;
  tsOffset: number;
  lastSeq: number | null;
  lastTs: number | null;
  lastAtMs: number;
}

export function spliceState(ssrc: number, payloadType: number, clockRate = 48000): SpliceState {
  return { ssrc, payloadType, clockRate, source: null, seqOffset: 0, tsOffset: 0, lastSeq: null, lastTs: null, lastAtMs: 0 };
}

const RTP_MIN_HEADER = 12;

/** Rewrites `packet` in place as the next packet of the channel; false when it is not RTP version 2. */
export function splicePacket(state: SpliceState, sourceId: string, packet: Buffer, nowMs: number): boolean {
  if (packet.length < RTP_MIN_HEADER || packet[0]! >> 6 !== 2) return false;
  const inSeq = packet.readUInt16BE(2);
  const inTs = packet.readUInt32BE(4);
  let marker = packet[1]! & 0x80;
  if (state.source !== sourceId) {
    if (state.lastSeq === null || state.lastTs === null) {
      state.seqOffset = 0;
      state.tsOffset = 0;
    } else {
      // At least one packet's worth of time (20 ms) so timestamps strictly increase.
      const elapsed = Math.max(20, nowMs - state.lastAtMs);
      const nextTs = state.lastTs + Math.round((elapsed * state.clockRate) / 1000);
      state.seqOffset = (state.lastSeq + 1 - inSeq) & 0xffff;
      state.tsOffset = (nextTs - inTs) >>> 0;
    }
    state.source = sourceId;
    // A new talk spurt: the marker bit lets the receiver resynchronise its playout.
    marker = 0x80;
  }
  const outSeq = (inSeq + state.seqOffset) & 0xffff;
  const outTs = (inTs + state.tsOffset) >>> 0;
  packet.writeUInt16BE(outSeq, 2);
  packet.writeUInt32BE(outTs, 4);
  packet.writeUInt32BE(state.ssrc >>> 0, 8);
  packet[1] = marker | (state.payloadType & 0x7f);
  state.lastSeq = outSeq;
  state.lastTs = outTs;
  state.lastAtMs = nowMs;
  return true;
}
