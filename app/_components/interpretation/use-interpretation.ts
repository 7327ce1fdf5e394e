'use client';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useLocale } from 'next-intl';
import type { RoomClient } from '@/app/_lib/media/room-client';
import { InterpretationClient, type InterpretationState } from '@/app/_lib/media/interpretation-client';

declare global {
  interface Window {
    /** The channel this tab listens to and what arrived on it (end-to-end tests read it). */
    balaiInterpretationStats?: () => Promise<{ language: string | null; producerId: string | null; consumerId: string | null; bytesReceived: number; packetsReceived: number }>;
  }
}

const EMPTY: InterpretationState = { floorLanguage: null, channels: [], interpreting: [], userId: null, listening: null, floorLevel: 0.2, track: null, voice: null, error: null };
const noop = () => () => undefined;

/** One InterpretationClient per room client while the component is mounted. */
export function useInterpretation(room: RoomClient): { client: InterpretationClient | null; state: InterpretationState } {
  const [client, setClient] = useState<InterpretationClient | null>(null);
  useEffect(() => {
    const c = new InterpretationClient(room);
    setClient(c);
    window.balaiInterpretationStats = async () => {
      const report = await c.stats();
      let bytesReceived = 0;
      let packetsReceived = 0;
      report?.forEach((r: { type: string; bytesReceived?: number; packetsReceived?: number }) => {
        if (r.type !== 'inbound-rtp') return;
        bytesReceived += r.bytesReceived ?? 0;
        packetsReceived += r.packetsReceived ?? 0;
      });
      const channel = c.state.channels.find((ch) => ch.language === c.state.listening);
      return { language: c.state.listening, producerId: channel ? channel.channelId : null, consumerId: c.consumerId(), bytesReceived, packetsReceived };
    };
    return () => {
      c.dispose();
      window.balaiInterpretationStats = undefined;
    };
  }, [room]);
  const state = useSyncExternalStore(client?.subscribe ?? noop, client?.getState ?? (() => EMPTY), () => EMPTY);
  return { client, state };
}

/** A language code in the reader's language ("id" → "Indonesian" / "Indonesia"). */
export function useLanguageName(): (code: string | null) => string {
  const locale = useLocale();
  const [names] = useState(() => {
    try {
      return new Intl.DisplayNames([locale], { type: 'language' });
    } catch {
      return null;
    }
  });
  return (code) => (code ? (names?.of(code) ?? code) : '');
}
