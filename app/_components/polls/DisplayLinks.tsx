'use client';
import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import type { DisplayLink } from '@/lib/contracts/polls';
import { request } from '../../_lib/realtime-client';

/**
 * The session's projector links. A link's secret is shown once, when it is
 * made (only its hash is stored); revoking cuts the projector off at once.
 */
export function DisplayLinks({ sessionId }: { sessionId: string }) {
  const t = useTranslations('polls');
  const [links, setLinks] = useState<DisplayLink[]>([]);
  const [fresh, setFresh] = useState<{ id: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [label, setLabel] = useState('');

  useEffect(() => {
    let cancelled = false;
    void request('display:links', { sessionId }).then((res) => {
      if (cancelled) return;
      if (res.ok) setLinks(res.data);
      else setError(res.error.message);
    });
    return () => {
      cancelled = true;
    };
  }, [sessionId]);

  async function create(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const res = await request('display:create-link', { sessionId, label });
    if (!res.ok) return setError(res.error.message);
    const { path, ...link } = res.data;
    setLinks((l) => [...l, link]);
    setFresh({ id: link.id, url: `${window.location.origin}${path}` });
    setLabel('');
  }

  async function revoke(linkId: string) {
    const res = await request('display:revoke-link', { linkId });
    if (!res.ok) return setError(res.error.message);
    setLinks((l) => l.map((x) => (x.id === linkId ? res.data : x)));
    if (fresh?.id === linkId) setFresh(null);
  }

  const active = links.filter((l) => !l.revokedAt);
  return (
    <section className="card stack" aria-labelledby="display-links-title">
      <h3 id="display-links-title">{t('displayLinks')}</h3>
      <p className="muted">{t('displayLinksHint')}</p>
      <form className="row" onSubmit={create}>
        <label className="grow">
          {t('linkLabel')}
          <input value={label} maxLength={80} onChange={(e) => setLabel(e.target.value)} placeholder={t('linkLabelPlaceholder')} />
        </label>
        <button type="submit">{t('createLink')}</button>
      </form>
      {fresh && (
        <div className="stack poll-fresh-link" role="status">
          <p>{t('linkCreated')}</p>
          <a href={fresh.url} target="_blank" rel="noreferrer" data-testid="display-link-url" className="poll-link-url">
            {fresh.url}
          </a>
        </div>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {active.length > 0 && (
        <ul className="stack poll-link-list">
          {active.map((l) => (
            <li key={l.id} className="row">
              <span className="grow">
                {l.label || t('unnamedLink')} <span className="muted">· {new Date(l.createdAt).toLocaleString()}</span>
              </span>
              <button type="button" className="danger small" onClick={() => void revoke(l.id)}>
                {t('revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
