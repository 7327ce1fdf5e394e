'use client';
import { useSyncExternalStore } from 'react';

/**
 * How loud the floor (the room's own voices) plays in this tab, 0–1. A listener
 * who chose an interpretation channel turns the floor down to a level they pick;
 * an interpreter relaying another channel turns it off. One store per tab, read
 * by every remote audio element.
 */
let volume = 1;
const listeners = new Set<() => void>();

export function setFloorVolume(next: number): void {
  const v = Math.min(1, Math.max(0, next));
  if (v === volume) return;
  volume = v;
  for (const l of listeners) l();
}

export const floorVolume = () => volume;

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useFloorVolume(): number {
  return useSyncExternalStore(subscribe, floorVolume, () => 1);
}
