'use client';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { Icon, type IconName } from './icons';

/**
 * A round button in the call's bar that opens a small tray above it (reactions, the recording's
 * controls), as Meet does: the bar keeps one row of buttons however many tools a page adds.
 * Escape or a press outside closes it (so two trays never cover each other); presses inside keep it open.
 */
export function CallBarPopover({ icon, label, active = false, children }: { icon: IconName; label: string; active?: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const trayId = useId();
  useDismiss(open, ref, () => setOpen(false));
  return (
    <div className="call-more call-popover" ref={ref}>
      <button type="button" className={`call-button round${active ? ' active' : ''}`} aria-expanded={open} aria-controls={trayId} onClick={() => setOpen(!open)}>
        <Icon name={icon} />
        <span className="call-label">{label}</span>
      </button>
      <div id={trayId} className="call-popover-tray" hidden={!open}>
        {children}
      </div>
    </div>
  );
}

/** Closes a menu or tray on Escape and on a press outside `ref`. */
export function useDismiss(open: boolean, ref: React.RefObject<HTMLElement | null>, close: () => void): void {
  const latest = useRef(close);
  useEffect(() => {
    latest.current = close;
  });
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && latest.current();
    const onPointer = (e: Event) => !ref.current?.contains(e.target as Node) && latest.current();
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, ref]);
}
