import { describe, expect, it } from 'vitest';
import { splicePacket, spliceState } from '../../server/interpretation/rtp-splice';

function rtp(seq: number, ts: number, ssrc: number, pt = 111): Buffer {
  const b = Buffer.alloc(20);
  b[0] = 0x80;
  b[1] = pt;
  b.writeUInt16BE(seq, 2);
  b.writeUInt32BE(ts, 4);
  b.writeUInt32BE(ssrc, 8);
  return b;
}
const head = (b: Buffer) => ({ seq: b.readUInt16BE(2), ts: b.readUInt32BE(4), ssrc: b.readUInt32BE(8), pt: b[1]! & 0x7f, marker: (b[1]! & 0x80) !== 0 });

describe('splicing interpreters into one channel stream', () => {
  it('keeps one SSRC and payload type, and sequence numbers without a gap across a hand-over', () => {
    const state = spliceState(4242, 100);
    const a1 = rtp(65534, 1000, 1);
    const a2 = rtp(65535, 1960, 1);
    splicePacket(state, 'A', a1, 0);
    splicePacket(state, 'A', a2, 20);
    const b1 = rtp(17, 900_000, 2);
    splicePacket(state, 'B', b1, 60);
    expect(head(a1)).toEqual({ seq: 65534, ts: 1000, ssrc: 4242, pt: 100, marker: true });
    expect(head(a2)).toMatchObject({ seq: 65535, ts: 1960, marker: false });
    // The partner's first packet follows directly: next sequence number (wrapping), timestamps advanced by the 40 ms that passed.
    expect(head(b1)).toEqual({ seq: 0, ts: 1960 + 40 * 48, ssrc: 4242, pt: 100, marker: true });
    const b2 = rtp(18, 900_960, 2);
    splicePacket(state, 'B', b2, 80);
    expect(head(b2)).toMatchObject({ seq: 1, ts: 1960 + 40 * 48 + 960, marker: false });
  });

  it('advances timestamps by at least one packet when sources switch at the same instant', () => {
    const state = spliceState(1, 100);
    splicePacket(state, 'A', rtp(5, 5000, 1), 100);
    const b = rtp(9, 1, 2);
    splicePacket(state, 'B', b, 100);
    expect(head(b).ts).toBe(5000 + 960);
  });

  it('wraps timestamps past 2^32', () => {
    const state = spliceState(1, 100);
    splicePacket(state, 'A', rtp(1, 0xffff_fc00, 1), 0);
    const b = rtp(1, 10, 2);
    splicePacket(state, 'B', b, 20);
    expect(head(b).ts).toBe((0xffff_fc00 + 960) >>> 0);
  });

  it('leaves anything that is not RTP version 2 alone', () => {
    const state = spliceState(1, 100);
    const junk = Buffer.from([0x00, 0x01, 0x02]);
    expect(splicePacket(state, 'A', junk, 0)).toBe(false);
    expect(state.source).toBeNull();
  });
});
