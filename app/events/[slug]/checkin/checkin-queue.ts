'use client';
import type { CheckinRoster } from '@/lib/contracts/attendance';

/**
 * What the helper's phone keeps across reloads and lost connections: the
 * roster (to answer at once, offline too) and the scans not yet confirmed by
 * the server. Each queued scan has the id generated when it was read, so
 * sending it again after a lost ack changes nothing on the server.
 */
export interface QueuedScan {
  eventId: string;
  scanId: string;
  code: string;
  scannedAt: string;
  /** The room door the scan was made at; absent (older queues) or null at the venue entrance. */
  venueRoom?: string | null;
}

const key = (eventId: string, what: 'roster' | 'queue' | 'point') => `balai.checkin.${eventId}.${what}`;

function read<T>(k: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(k);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    // Private mode or a corrupt entry: start empty rather than break the desk.
    return fallback;
  }
}

export const loadRoster = (eventId: string) => read<CheckinRoster | null>(key(eventId, 'roster'), null);
export const saveRoster = (roster: CheckinRoster) => localStorage.setItem(key(roster.eventId, 'roster'), JSON.stringify(roster));
export const loadQueue = (eventId: string) => read<QueuedScan[]>(key(eventId, 'queue'), []);
export const saveQueue = (eventId: string, queue: QueuedScan[]) => localStorage.setItem(key(eventId, 'queue'), JSON.stringify(queue));

/** Where this phone scans ('' = the venue entrance): a helper stays at one door, so a reload keeps it. */
export const loadPoint = (eventId: string) => read<string>(key(eventId, 'point'), '');
export const savePoint = (eventId: string, point: string) => localStorage.setItem(key(eventId, 'point'), JSON.stringify(point));
