'use client';
import { useId, useRef, useState, type ReactNode } from 'react';
import { Icon, type IconName } from './icons';
import { useDismiss } from './use-dismiss';

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
    <div className="call-popover" ref={ref}>
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
