'use client';
import { createContext, useContext, useEffect, useRef } from 'react';

/** The side panels the call can open (one at a time). */
export const PANEL_IDS = ['people', 'chat', 'qa', 'polls', 'breakouts'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export interface Shortcut {
  /** `event.key`, lower case for letters (`m`, `h`, `?`). */
  key: string;
  /** Shown in the shortcuts dialog. */
  label: string;
  run(): void;
}

/**
 * What the session page's shell shares with the stage: whether the call fills
 * the window, which side panel is open, and the call's keyboard shortcuts.
 * Outside a shell (the hall device page) there is none and the stage renders inline.
 */
export interface CallLayout {
  inCall: boolean;
  setInCall(inCall: boolean): void;
  panel: PanelId | null;
  setPanel(panel: PanelId | null): void;
  /** Which panels this page has (a webinar viewer still has people, chat, Q&A…). */
  panels: readonly PanelId[];
  /** The element in the People panel the stage renders its live room list into. */
  peopleSlot: HTMLElement | null;
  shortcuts: ReadonlyMap<string, Shortcut>;
  addShortcut(shortcut: Shortcut): () => void;
  /** The page's own controls for the call's bar (reactions and the hand on the session page). */
  bar?: React.ReactNode;
}

export const CallLayoutContext = createContext<CallLayout | null>(null);

export function useCallLayout(): CallLayout | null {
  return useContext(CallLayoutContext);
}

/**
 * Registers a keyboard shortcut of the call while the component is mounted and the person is
 * in the call; it is listed in the shortcuts dialog (`?`). The hand (`H`) is registered this way
 * by the raised-hands component.
 */
export function useCallShortcut(key: string, label: string, run: () => void): void {
  const layout = useCallLayout();
  const latest = useRef(run);
  useEffect(() => {
    latest.current = run;
  });
  const add = layout?.addShortcut;
  useEffect(() => add?.({ key, label, run: () => latest.current() }), [add, key, label]);
}

/** Keys typed into a field are text, not shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
