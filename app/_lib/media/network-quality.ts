/**
 * Network quality in three levels, from what WebRTC's getStats() reports: packet loss, round-trip
 * time and the bandwidth the congestion controller estimates. Pure, so the thresholds are tested
 * in a table (tests/unit/network-quality.test.ts); the stage polls the stats and shows the level.
 */
export type NetworkQuality = 'good' | 'fair' | 'poor' | 'unknown';

export interface NetworkSample {
  /** Lost / (received + lost) since the previous sample, 0–1; null when nothing was expected. */
  lossRate: number | null;
  /** Round trip in milliseconds, if reported. */
  rttMs: number | null;
  /** Available bandwidth in kbit/s (outgoing for one's own, incoming where the browser reports it). */
  availableKbps: number | null;
}

export function qualityFrom({ lossRate, rttMs, availableKbps }: NetworkSample): NetworkQuality {
  if (lossRate === null && rttMs === null && availableKbps === null) return 'unknown';
  const loss = lossRate ?? 0;
  const rtt = rttMs ?? 0;
  if (loss >= 0.1 || rtt >= 600 || (availableKbps !== null && availableKbps < 150)) return 'poor';
  if (loss >= 0.03 || rtt >= 300 || (availableKbps !== null && availableKbps < 500)) return 'fair';
  return 'good';
}

interface Counters {
  received: number;
  lost: number;
}

type Stat = Record<string, unknown> & { type: string };
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The nominated candidate pair's round trip and available bandwidth. */
function pairOf(report: RTCStatsReport): { rttMs: number | null; outKbps: number | null; inKbps: number | null } {
  let out = { rttMs: null as number | null, outKbps: null as number | null, inKbps: null as number | null };
  report.forEach((r: Stat) => {
    if (r.type !== 'candidate-pair' || !(r.nominated || r.state === 'succeeded')) return;
    const rtt = num(r.currentRoundTripTime);
    const outBps = num(r.availableOutgoingBitrate);
    const inBps = num(r.availableIncomingBitrate);
    out = { rttMs: rtt === null ? out.rttMs : rtt * 1000, outKbps: outBps === null ? out.outKbps : outBps / 1000, inKbps: inBps === null ? out.inKbps : inBps / 1000 };
  });
  return out;
}

/** Receiving side of one stream: loss since the last sample (`previous` is updated in place). */
export function receivingSample(report: RTCStatsReport, previous: Counters): NetworkSample {
  let received = 0;
  let lost = 0;
  report.forEach((r: Stat) => {
    if (r.type !== 'inbound-rtp') return;
    received += num(r.packetsReceived) ?? 0;
    lost += num(r.packetsLost) ?? 0;
  });
  const dReceived = received - previous.received;
  const dLost = Math.max(0, lost - previous.lost);
  previous.received = received;
  previous.lost = lost;
  const pair = pairOf(report);
  return { lossRate: dReceived + dLost > 0 ? dLost / (dReceived + dLost) : null, rttMs: pair.rttMs, availableKbps: pair.inKbps };
}

/** Sending side (one's own connection): what the SFU reports back about our packets, and the outgoing estimate. */
export function sendingSample(report: RTCStatsReport): NetworkSample {
  let loss: number | null = null;
  let rtt: number | null = null;
  report.forEach((r: Stat) => {
    if (r.type !== 'remote-inbound-rtp') return;
    const f = num(r.fractionLost);
    if (f !== null) loss = Math.max(loss ?? 0, f);
    const t = num(r.roundTripTime);
    if (t !== null) rtt = Math.max(rtt ?? 0, t * 1000);
  });
  const pair = pairOf(report);
  return { lossRate: loss, rttMs: rtt ?? pair.rttMs, availableKbps: pair.outKbps };
}
