'use client';
import { useEffect, useRef, useState } from 'react';
import type { RoomClient, RoomState } from '@/app/_lib/media/room-client';
import { qualityFrom, receivingSample, sendingSample, type NetworkQuality } from '@/app/_lib/media/network-quality';

const QUALITY_EVERY_MS = 2000;

/**
 * Network quality per received camera (keyed by peer id) and for oneself (`self`), from getStats
 * every two seconds. A stream whose connection is poor is received at its lowest simulcast layer
 * (the server's setPreferredLayers) until it is good again.
 */
export function useNetworkQuality(client: RoomClient, joined: boolean): ReadonlyMap<string, NetworkQuality> {
  const [quality, setQuality] = useState<ReadonlyMap<string, NetworkQuality>>(new Map());
  const counters = useRef(new Map<string, { received: number; lost: number }>());
  const capped = useRef(new Set<string>());
  useEffect(() => {
    if (!joined) return;
    let stopped = false;
    const measure = async () => {
      const next = new Map<string, NetworkQuality>();
      const own = await client.outboundStats();
      if (own) next.set('self', qualityFrom(sendingSample(own)));
      for (const s of client.state.streams) {
        if (s.kind !== 'video' || s.source !== 'camera' || !s.consumerId) continue;
        const report = await client.inboundStats(s.producerId);
        if (!report) continue;
        const previous = counters.current.get(s.producerId) ?? { received: 0, lost: 0 };
        counters.current.set(s.producerId, previous);
        const level = qualityFrom(receivingSample(report, previous));
        next.set(s.peerId, level);
        if (level === 'poor' && !capped.current.has(s.producerId)) {
          capped.current.add(s.producerId);
          await client.capLayer(s.producerId, 0);
        } else if (level === 'good' && capped.current.delete(s.producerId)) {
          await client.capLayer(s.producerId, null);
        }
      }
      if (!stopped) setQuality(next);
    };
    const timer = setInterval(() => void measure().catch((err: unknown) => console.warn('[media] stats', err)), QUALITY_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [client, joined]);
  return quality;
}

/**
 * How loud (0–1 peak, after the browser's noise suppression, which flattens steady noise to about
 * 0.01) the microphone must be, how often within a window, before "you are muted" shows.
 */
const SPEECH_LEVEL = 0.015;
const SPEECH_TICKS = 3;
const SPEECH_WINDOW_MS = 1500;
const HINT_MS = 4000;

/**
 * True for a few seconds when the microphone picks up sound while the person is muted. A paused
 * producer disables its track, so the level is read from a clone (which still hears the device);
 * nothing of it is sent.
 */
export function useMutedSpeechHint(state: RoomState): boolean {
  const [hint, setHint] = useState(false);
  const track = state.microphone.track;
  const muted = state.microphone.muted || (!!track && !state.microphone.live && state.grants.microphone);
  useEffect(() => {
    if (!track || !muted || track.readyState === 'ended') {
      setHint(false);
      return;
    }
    const probe = track.clone();
    probe.enabled = true;
    const ctx = new AudioContext();
    const source = ctx.createMediaStreamSource(new MediaStream([probe]));
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 2048;
    source.connect(analyser);
    const data = new Float32Array(analyser.fftSize);
    let loud: number[] = [];
    let hideAt = 0;
    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(data);
      let peak = 0;
      for (const v of data) peak = Math.max(peak, Math.abs(v));
      const now = performance.now();
      loud = loud.filter((t) => now - t < SPEECH_WINDOW_MS);
      if (peak >= SPEECH_LEVEL) loud.push(now);
      if (loud.length >= SPEECH_TICKS) {
        hideAt = now + HINT_MS;
        setHint(true);
      }
      if (hideAt && now > hideAt) {
        hideAt = 0;
        setHint(false);
      }
    }, 100);
    return () => {
      clearInterval(timer);
      source.disconnect();
      probe.stop();
      void ctx.close();
      setHint(false);
    };
  }, [track, muted]);
  return hint;
}
