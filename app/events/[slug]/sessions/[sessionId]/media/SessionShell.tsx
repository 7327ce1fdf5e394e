'use client';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import '../../../../../call.css';
import { CallLayoutContext, isTyping, type CallLayout, type PanelId, type Shortcut } from './call-layout';

interface Props {
  stage: React.ReactNode;
  /** The session's side panels; they stay mounted in and out of the call (their sockets and drafts live on). */
  panels: Array<{ id: PanelId; node: React.ReactNode }>;
  /** Extra controls the call's bar shows beside its own (see CallLayout.bar). */
  bar?: React.ReactNode;
}

/**
 * The session page's layout. Before joining: the stage first, the panels beside or below it.
 * In the call: the same elements (never re-mounted) fill the window, the stage dark, and one
 * panel at a time opens at the side.
 */
export function SessionShell({ stage, panels, bar }: Props) {
  const t = useTranslations('media.call');
  const [inCall, setInCall] = useState(false);
  const [panel, setPanel] = useState<PanelId | null>(null);
  const [peopleSlot, setPeopleSlot] = useState<HTMLElement | null>(null);
  const [shortcuts, setShortcuts] = useState<ReadonlyMap<string, Shortcut>>(new Map());

  const addShortcut = useCallback((shortcut: Shortcut) => {
    setShortcuts((map) => new Map(map).set(shortcut.key, shortcut));
    return () =>
      setShortcuts((map) => {
        if (map.get(shortcut.key)?.run !== shortcut.run) return map;
        const next = new Map(map);
        next.delete(shortcut.key);
        return next;
      });
  }, []);

  const wasInCall = useRef(false);
  useEffect(() => {
    if (!inCall) {
      setPanel(null);
      // Leaving gives the page back from its top, whatever moved the document behind the full-window call
      // (a panel's focus, a list that grew): the title and the "Join again" card are what one looks for.
      if (wasInCall.current) window.scrollTo({ top: 0 });
      wasInCall.current = false;
      return;
    }
    wasInCall.current = true;
    // The call owns the window: the page behind it does not scroll.
    document.documentElement.classList.add('in-call');
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        // An open <dialog> closes itself on Escape; otherwise Escape closes the side panel.
        if (document.querySelector('dialog[open]')) return;
        setPanel(null);
        return;
      }
      if (isTyping(e.target) || document.querySelector('dialog[open]')) return;
      const shortcut = shortcuts.get(e.key.length === 1 ? e.key.toLowerCase() : e.key);
      if (!shortcut) return;
      e.preventDefault();
      shortcut.run();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.documentElement.classList.remove('in-call');
      document.removeEventListener('keydown', onKey);
    };
  }, [inCall, shortcuts]);

  const ids = useMemo(() => panels.map((p) => p.id), [panels]);
  const layout: CallLayout = useMemo(
    () => ({ inCall, setInCall, panel, setPanel, panels: ids, peopleSlot, shortcuts, addShortcut, bar }),
    [inCall, panel, ids, peopleSlot, shortcuts, addShortcut, bar],
  );

  return (
    <CallLayoutContext.Provider value={layout}>
      <div className={`session-shell${inCall ? ' in-call' : ''}${inCall && panel ? ' panel-open' : ''}`}>
        <div className="shell-stage">{stage}</div>
        <aside className="shell-side" aria-label={t('panelsLabel')}>
          {inCall && panel && (
            <div className="shell-side-head row">
              <h2>{t(`panels.${panel}`)}</h2>
              <button type="button" className="secondary" onClick={() => setPanel(null)}>
                {t('closePanel')}
              </button>
            </div>
          )}
          {panels.map((p) => (
            <div key={p.id} className="shell-panel" data-panel={p.id} hidden={inCall && panel !== p.id}>
              {p.id === 'people' && <div ref={setPeopleSlot} />}
              {p.node}
            </div>
          ))}
        </aside>
      </div>
    </CallLayoutContext.Provider>
  );
}
