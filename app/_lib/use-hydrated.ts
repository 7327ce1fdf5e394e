'use client';
import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React has taken the page over.
 * A button whose work is JavaScript (a reaction, a hand, Listen) is rendered disabled until then:
 * on a slow phone in the hall a tap before hydration would otherwise do nothing and say nothing.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
