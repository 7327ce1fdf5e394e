import { describe, expect, it } from 'vitest';
import { qualityFrom, receivingSample, type NetworkSample } from '../../app/_lib/media/network-quality';

describe('qualityFrom()', () => {
  it.each([
    [{ lossRate: null, rttMs: null, availableKbps: null }, 'unknown'],
    [{ lossRate: 0, rttMs: 20, availableKbps: 2500 }, 'good'],
    [{ lossRate: 0.02, rttMs: 120, availableKbps: null }, 'good'],
    [{ lossRate: 0.05, rttMs: 40, availableKbps: 2500 }, 'fair'],
    [{ lossRate: 0, rttMs: 350, availableKbps: 2500 }, 'fair'],
    [{ lossRate: 0, rttMs: 40, availableKbps: 300 }, 'fair'],
    [{ lossRate: 0.15, rttMs: 40, availableKbps: 2500 }, 'poor'],
    [{ lossRate: 0, rttMs: 800, availableKbps: null }, 'poor'],
    [{ lossRate: null, rttMs: null, availableKbps: 100 }, 'poor'],
  ] as [NetworkSample, string][])('%o is %s', (sample, expected) => {
    expect(qualityFrom(sample)).toBe(expected);
  });
});

describe('receivingSample()', () => {
  const report = (received: number, lost: number) =>
    new Map<string, Record<string, unknown>>([
      ['in', { type: 'inbound-rtp', packetsReceived: received, packetsLost: lost }],
      ['pair', { type: 'candidate-pair', nominated: true, currentRoundTripTime: 0.05 }],
    ]) as unknown as RTCStatsReport;

  it('measures loss between two samples, not since the start', () => {
    const previous = { received: 0, lost: 0 };
    expect(receivingSample(report(1000, 100), previous).lossRate).toBeCloseTo(100 / 1100);
    const second = receivingSample(report(1900, 100), previous);
    expect(second.lossRate).toBe(0);
    expect(second.rttMs).toBe(50);
  });

  it('reports no loss figure when nothing arrived or was lost', () => {
    const previous = { received: 10, lost: 0 };
    expect(receivingSample(report(10, 0), previous).lossRate).toBeNull();
  });
});
