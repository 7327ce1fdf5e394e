'use client';
import { useSyncExternalStore } from 'react';

/**
 * The call's sound when the browser's autoplay policy refuses it: a person who goes straight into the
 * call (skipping the device check) may not have clicked anything on the page yet, and Chromium then
 * refuses to play sound. The refused elements wait here and play on the person's next click or key
 * press, or on the "Turn on sound" button the stage shows while any is waiting.
 */
const blocked = new Set<HTMLMediaElement>();
const listeners = new Set<() => void>();
let armed = false;

const changed = () => {
  for (const l of listeners) l();
};

export function playWithSound(el: HTMLMediaElement): void {
  el.play().then(
    () => {
      if (blocked.delete(el)) changed();
    },
    (err: unknown) => {
      // Anything else (the element was removed, a newer srcObject) is not ours to report.
      if (!(err instanceof DOMException) || err.name !== 'NotAllowedError') return;
      blocked.add(el);
      changed();
      arm();
    },
  );
}

/** Forgets an element that left the page. */
export function forgetAudio(el: HTMLMediaElement): void {
  if (blocked.delete(el)) changed();
}

/** Plays everything that waits; call it from a click or key press (a user activation). */
export function unlockAudio(): void {
  for (const el of [...blocked]) playWithSound(el);
}

function arm(): void {
  if (armed) return;
  armed = true;
  const once = () => {
    armed = false;
    document.removeEventListener('pointerdown', once, true);
    document.removeEventListener('keydown', once, true);
    unlockAudio();
  };
  document.addEventListener('pointerdown', once, true);
  document.addEventListener('keydown', once, true);
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useSoundBlocked(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => blocked.size > 0,
    () => false,
  );
}
