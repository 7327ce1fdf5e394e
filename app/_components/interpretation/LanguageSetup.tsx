'use client';
import { useCallback, useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { LanguageSetup as Setup } from '@/lib/contracts/interpretation';
import { request } from '@/app/_lib/realtime-client';
import { useLanguageName } from './use-interpretation';
import styles from './interpretation.module.css';

/**
 * The session settings' language box (organizers and moderators): the floor
 * language, the interpretation languages, and up to two interpreters each.
 * Shows what the server answered, never the click.
 */
export function LanguageSetup({ sessionId }: { sessionId: string }) {
  const t = useTranslations('language');
  const name = useLanguageName();
  const [setup, setSetup] = useState<Setup | null>(null);
  const [floor, setFloor] = useState('');
  const [languages, setLanguages] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [picked, setPicked] = useState<Record<string, string>>({});

  const apply = useCallback((s: Setup) => {
    setSetup(s);
    setFloor(s.floorLanguage ?? '');
    setLanguages(s.languages.join(', '));
  }, []);

  useEffect(() => {
    void request('interpretation:setup', { sessionId }).then((res) => {
      if (res.ok) apply(res.data);
    });
  }, [sessionId, apply]);

  if (!setup || setup.members.length === 0) return null;

  const answer = (res: Awaited<ReturnType<typeof request<'interpretation:configure'>>>) => {
    if (res.ok) {
      apply(res.data);
      setMessage({ ok: true, text: t('saved') });
    } else setMessage({ ok: false, text: res.error.message });
  };

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const list = languages
      .split(/[,\s]+/)
      .map((l) => l.trim())
      .filter(Boolean);
    answer(await request('interpretation:configure', { sessionId, floorLanguage: floor.trim(), languages: list }));
  };

  const setSigner = async (userId: string) => {
    answer(await request('interpretation:set-sign-interpreter', { sessionId, userId: userId || null }));
  };

  const reload = async () => {
    const res = await request('interpretation:setup', { sessionId });
    if (res.ok) apply(res.data);
  };

  const assignCaptioner = async (userId: string, assigned: boolean) => {
    const res = await request('captions:assign', { sessionId, userId, assigned });
    if (res.ok) await reload();
    else setMessage({ ok: false, text: res.error.message });
  };

  const showOnDisplay = async (onDisplay: boolean) => {
    const res = await request('captions:set-display', { sessionId, onDisplay });
    if (res.ok) await reload();
    else setMessage({ ok: false, text: res.error.message });
  };

  const assign = async (userId: string, language: string, assigned: boolean, breakoutRoomId: string | null = null) => {
    answer(await request('interpretation:assign', { sessionId, userId, language, assigned, breakoutRoomId }));
  };

  return (
    <section className={styles.setup} aria-labelledby="language-setup-title" data-testid="language-setup">
      <h2 id="language-setup-title" style={{ margin: 0, fontSize: '1.1rem' }}>
        {t('setupTitle')}
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        {t('setupHint')}
      </p>
      <form className={styles.setupRow} onSubmit={(e) => void save(e)}>
        <label>
          {t('floorLanguage')}
          <input value={floor} onChange={(e) => setFloor(e.target.value)} required maxLength={10} size={6} />
        </label>
        <label>
          {t('interpretationLanguages')}
          <input value={languages} onChange={(e) => setLanguages(e.target.value)} maxLength={120} aria-describedby="language-codes-hint" />
        </label>
        <button type="submit">{t('saveLanguages')}</button>
      </form>
      <p id="language-codes-hint" className="muted" style={{ margin: 0 }}>
        {t('languageCodesHint')}
      </p>
      {message && (
        <p className={message.ok ? 'alert' : 'alert error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {setup.languages.map((language) => {
        const interpreters = setup.interpreters.filter((i) => i.language === language);
        const selectId = `interpreter-${language}`;
        return (
          <div key={language} className={styles.booth}>
            <h3 style={{ margin: 0, fontSize: '1rem' }}>{t('interpretersFor', { name: name(language) })}</h3>
            {interpreters.length === 0 ? (
              <p className="muted" style={{ margin: 0 }}>
                {t('noInterpreters')}
              </p>
            ) : (
              <ul className={styles.list}>
                {interpreters.map((i) => (
                  <li key={i.userId}>
                    {i.name}{' '}
                    {setup.breakoutRooms.length > 0 && (
                      <select
                        aria-label={t('roomOf', { name: i.name })}
                        value={i.breakoutRoomId ?? ''}
                        onChange={(e) => void assign(i.userId, language, true, e.target.value || null)}
                      >
                        <option value="">{t('mainRoom')}</option>
                        {setup.breakoutRooms.map((r) => (
                          <option key={r.id} value={r.id}>
                            {r.name}
                          </option>
                        ))}
                      </select>
                    )}{' '}
                    <button type="button" className="secondary" onClick={() => void assign(i.userId, language, false)} aria-label={t('remove', { name: i.name })}>
                      ×
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {interpreters.length < 2 && (
              <div className={styles.setupRow}>
                <label htmlFor={selectId}>{t('addInterpreter')}</label>
                <select id={selectId} value={picked[language] ?? ''} onChange={(e) => setPicked({ ...picked, [language]: e.target.value })}>
                  <option value="">{t('chooseMember')}</option>
                  {setup.members
                    .filter((m) => !interpreters.some((i) => i.userId === m.userId))
                    .map((m) => (
                      <option key={m.userId} value={m.userId}>
                        {m.name}
                      </option>
                    ))}
                </select>
                <button type="button" disabled={!picked[language]} onClick={() => void assign(picked[language]!, language, true)}>
                  {t('add')}
                </button>
              </div>
            )}
          </div>
        );
      })}
      <div className={styles.booth}>
        <label htmlFor="sign-interpreter">
          <strong>{t('signTitle')}</strong>
        </label>
        <select id="sign-interpreter" value={setup.signInterpreterId ?? ''} onChange={(e) => void setSigner(e.target.value)} aria-describedby="sign-hint">
          <option value="">{t('signNone')}</option>
          {setup.members.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </select>
        <p id="sign-hint" className="muted" style={{ margin: 0 }}>
          {t('signHint')}
        </p>
      </div>
      <div className={styles.booth}>
        <h3 style={{ margin: 0, fontSize: '1rem' }}>{t('captionersTitle')}</h3>
        <ul className={styles.list}>
          {setup.captioners.map((c) => (
            <li key={c.userId}>
              {c.name}{' '}
              <button type="button" className="secondary" onClick={() => void assignCaptioner(c.userId, false)} aria-label={t('remove', { name: c.name })}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <div className={styles.setupRow}>
          <label htmlFor="captioner-pick">{t('addCaptioner')}</label>
          <select id="captioner-pick" value={picked.captioner ?? ''} onChange={(e) => setPicked({ ...picked, captioner: e.target.value })}>
            <option value="">{t('chooseMember')}</option>
            {setup.members
              .filter((m) => !setup.captioners.some((c) => c.userId === m.userId))
              .map((m) => (
                <option key={m.userId} value={m.userId}>
                  {m.name}
                </option>
              ))}
          </select>
          <button type="button" disabled={!picked.captioner} onClick={() => void assignCaptioner(picked.captioner!, true)}>
            {t('add')}
          </button>
        </div>
        <label>
          <input type="checkbox" checked={setup.captionsOnDisplay} onChange={(e) => void showOnDisplay(e.target.checked)} /> {t('captionsOnDisplay')}
        </label>
      </div>
    </section>
  );
}
