'use client';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { BreakoutMessage, MyBreakoutRoom } from '@/lib/contracts/breakouts';
import { realtime, request, listen } from '@/app/_lib/realtime-client';
import { uuid } from '@/app/_lib/uuid';

/** A room's chat and shared notes. Both reload on reconnect; notes save with compare-and-set. */
export function RoomWork({ room, disabled }: { room: MyBreakoutRoom; disabled: boolean }) {
  return (
    <div className="grid-2">
      <RoomChat roomId={room.id} disabled={disabled} />
      <RoomNotes room={room} disabled={disabled} />
    </div>
  );
}

function RoomChat({ roomId, disabled }: { roomId: string; disabled: boolean }) {
  const t = useTranslations('breakouts');
  const [messages, setMessages] = useState<BreakoutMessage[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState('');
  const [pending, setPending] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const socket = realtime();
    let cancelled = false;
    const load = async () => {
      const res = await request('breakout:chat-history', { roomId });
      if (cancelled) return;
      if (res.ok) {
        setMessages(res.data.messages);
        setError(null);
      } else setError(res.error.message);
    };
    const onPosted = (m: BreakoutMessage) => {
      if (m.roomId === roomId) setMessages((l) => (l.some((x) => x.id === m.id) ? l : [...l, m]));
    };
    const unlisten = listen(socket, { connect: load, 'breakout:chat-posted': onPosted });
    void load();
    return () => {
      cancelled = true;
      unlisten();
    };
  }, [roomId]);

  useEffect(() => {
    list.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [messages.length]);

  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    const body = draft.trim();
    if (!body) return;
    const clientId = pending ?? uuid();
    setPending(clientId);
    const res = await request('breakout:chat-send', { roomId, clientId, body });
    if (res.ok) {
      setMessages((l) => (l.some((x) => x.id === res.data.id) ? l : [...l, res.data]));
      setDraft('');
      setPending(null);
      setError(null);
    } else setError(res.error.message);
  };

  return (
    <div className="stack">
      <h3 style={{ margin: 0 }}>{t('roomChat')}</h3>
      <ol className="breakouts-chat" ref={list} aria-label={t('roomChat')} aria-live="polite">
        {messages.map((m) => (
          <li key={m.id} data-testid="breakout-chat-message">
            <strong>{m.name}</strong> {m.body}
          </li>
        ))}
        {messages.length === 0 && <li className="muted">{t('chatEmpty')}</li>}
      </ol>
      <form className="row" onSubmit={send}>
        <label className="visually-hidden" htmlFor={`chat-${roomId}`}>
          {t('messageLabel')}
        </label>
        <input
          id={`chat-${roomId}`}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value);
            setPending(null);
          }}
          maxLength={1000}
          placeholder={t('messagePlaceholder')}
          disabled={disabled}
          style={{ flex: 1, minWidth: 0 }}
        />
        <button type="submit" disabled={disabled || !draft.trim()}>
          {t('send')}
        </button>
      </form>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

type NotesStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'copied' } | { kind: 'error'; message: string };

function RoomNotes({ room, disabled }: { room: MyBreakoutRoom; disabled: boolean }) {
  const t = useTranslations('breakouts');
  const [text, setText] = useState(room.notes);
  const [rev, setRev] = useState(room.notesRev);
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<NotesStatus>({ kind: 'idle' });
  const [copyId, setCopyId] = useState<string | null>(null);

  useEffect(() => {
    if (!dirty) {
      setText(room.notes);
      setRev(room.notesRev);
    }
    // Only when the server's copy changes; local edits are kept until saved.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [room.id, room.notes, room.notesRev]);

  useEffect(() => {
    const socket = realtime();
    const onChanged = (n: { roomId: string; notes: string; notesRev: number; by: string }) => {
      if (n.roomId !== room.id) return;
      setDirty((d) => {
        if (!d) {
          setText(n.notes);
          setRev(n.notesRev);
        } else setStatus({ kind: 'error', message: t('notesChangedBy', { name: n.by }) });
        return d;
      });
    };
    socket.on('breakout:notes-changed', onChanged);
    return () => {
      socket.off('breakout:notes-changed', onChanged);
    };
  }, [room.id, t]);

  const save = async () => {
    setStatus({ kind: 'saving' });
    const res = await request('breakout:notes-save', { roomId: room.id, notes: text, baseRev: rev });
    if (res.ok) {
      setRev(res.data.notesRev);
      setDirty(false);
      setStatus({ kind: 'saved' });
    } else setStatus({ kind: 'error', message: res.error.message });
  };

  const copy = async () => {
    const id = copyId ?? uuid();
    setCopyId(id);
    const res = await request('breakout:notes-copy', { roomId: room.id, copyId: id, section: 'objectives' });
    if (res.ok) {
      setCopyId(null);
      setStatus({ kind: 'copied' });
    } else setStatus({ kind: 'error', message: res.error.message });
  };

  return (
    <div className="stack">
      <label htmlFor={`notes-${room.id}`}>
        <strong>{t('notes')}</strong>
        {room.cohortName && <span className="hint"> {t('notesKeptWithCohort', { name: room.cohortName })}</span>}
      </label>
      <textarea
        id={`notes-${room.id}`}
        rows={6}
        value={text}
        maxLength={20_000}
        disabled={disabled}
        onChange={(e) => {
          setText(e.target.value);
          setDirty(true);
          setStatus({ kind: 'idle' });
        }}
      />
      <div className="row">
        <button type="button" onClick={save} disabled={disabled || !dirty || status.kind === 'saving'}>
          {t('saveNotes')}
        </button>
        {!room.visiting && (
          <button type="button" className="secondary" onClick={copy} disabled={dirty || !text.trim()}>
            {t('copyToPlan')}
          </button>
        )}
        <span role="status" className="muted">
          {status.kind === 'saving' && t('saving')}
          {status.kind === 'saved' && t('saved')}
          {status.kind === 'copied' && t('copied')}
        </span>
      </div>
      {status.kind === 'error' && (
        <p className="alert error" role="alert">
          {status.message}
        </p>
      )}
    </div>
  );
}
