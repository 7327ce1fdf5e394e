'use client';
import { useEffect, useRef, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { intlLocale } from '@/lib/i18n/format';
import type { ChatMessage } from '@/lib/contracts/chat';
import { realtime, request, listen } from '@/app/_lib/realtime-client';

type Status = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

/** The session chat: persisted, live, moderators can delete. Resyncs its history on every reconnect. */
export function ChatPanel({ sessionId }: { sessionId: string }) {
  const t = useTranslations('media');
  // Messages arrive over the socket only, so the browser's own zone is safe here; the language is Balai's, not the browser's.
  const clock = new Intl.DateTimeFormat(intlLocale(useLocale()), { hour: '2-digit', minute: '2-digit' });
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [canModerate, setCanModerate] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'loading' });
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const socket = realtime();
    let cancelled = false;
    const load = async () => {
      const res = await request('chat:history', { sessionId });
      if (cancelled) return;
      if (res.ok) {
        setMessages(res.data.messages);
        setCanModerate(res.data.canModerate);
        setStatus({ kind: 'ready' });
      } else setStatus({ kind: 'error', message: res.error.message });
    };
    const onPosted = (m: ChatMessage) => {
      if (m.sessionId === sessionId) setMessages((list) => (list.some((x) => x.id === m.id) ? list : [...list, m]));
    };
    const onDeleted = ({ sessionId: s, messageId }: { sessionId: string; messageId: string }) => {
      if (s === sessionId) setMessages((list) => list.filter((m) => m.id !== messageId));
    };
    const unlisten = listen(socket, { connect: load, 'chat:posted': onPosted, 'chat:deleted': onDeleted });
    if (socket.connected) void load();
    return () => {
      cancelled = true;
      unlisten();
    };
  }, [sessionId]);

  useEffect(() => {
    // Scroll the list only, never the page (scrollIntoView would move the stage away).
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length]);

  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    const body = draft.trim();
    if (!body) return;
    setSending(true);
    setSendError(null);
    // One id per message: a retry after a timeout cannot post it twice.
    const clientId = crypto.randomUUID();
    let res = await request('chat:send', { sessionId, clientId, body });
    if (!res.ok && res.error.code === 'internal') res = await request('chat:send', { sessionId, clientId, body });
    setSending(false);
    if (res.ok) {
      setDraft('');
      const m = res.data;
      setMessages((list) => (list.some((x) => x.id === m.id) ? list : [...list, m]));
    } else setSendError(res.error.message);
  };

  const remove = async (id: string) => {
    const res = await request('chat:delete', { messageId: id });
    if (!res.ok) setSendError(res.error.message);
  };

  return (
    <section className="card media-chat" aria-labelledby="chat-heading">
      <h2 id="chat-heading" style={{ marginTop: 0 }}>
        {t('chatTitle')}
      </h2>
      {status.kind === 'loading' && <p className="muted">{t('chatLoading')}</p>}
      {status.kind === 'error' && (
        <p className="alert error" role="alert">
          {status.message}
        </p>
      )}
      <ol className="media-chat-list" ref={list} aria-live="polite" aria-label={t('chatMessages')}>
        {messages.map((m) => (
          <li key={m.id} data-testid="chat-message">
            <span className="media-chat-meta">
              <strong>{m.name}</strong> <time dateTime={m.createdAt}>{clock.format(new Date(m.createdAt))}</time>
            </span>
            <span className="media-chat-body">{m.body}</span>
            {canModerate && (
              <button type="button" className="secondary media-chat-delete" onClick={() => void remove(m.id)} aria-label={t('deleteMessageOf', { name: m.name })}>
                {t('delete')}
              </button>
            )}
          </li>
        ))}
      </ol>
      {status.kind === 'ready' && messages.length === 0 && <p className="muted">{t('chatEmpty')}</p>}
      <form onSubmit={send} className="stack" style={{ gap: 6 }}>
        <label htmlFor="chat-input" className="visually-hidden">
          {t('chatLabel')}
        </label>
        <textarea
          id="chat-input"
          rows={2}
          maxLength={1000}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            // Enter sends, Shift+Enter is a new line; not while an input method is composing a word.
            if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing) return;
            e.preventDefault();
            e.currentTarget.form?.requestSubmit();
          }}
          placeholder={t('chatPlaceholder')}
        />
        {sendError && (
          <p className="alert error" role="alert" style={{ margin: 0 }}>
            {sendError}
          </p>
        )}
        <div className="row">
          <button type="submit" disabled={sending || !draft.trim()}>
            {sending ? t('sending') : t('send')}
          </button>
        </div>
      </form>
    </section>
  );
}
