'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { RoomClient } from '@/app/_lib/media/room-client';
import { ChannelAudio } from './ChannelAudio';
import { useInterpretation, useLanguageName } from './use-interpretation';
import styles from './interpretation.module.css';

/**
 * The call bar's language choice: the floor only, or one interpretation
 * channel with the floor turned down to a level the listener picks. Hidden
 * when the session offers no interpretation.
 */
export function LanguageControl({ client }: { client: RoomClient }) {
  const t = useTranslations('language');
  const name = useLanguageName();
  const { client: interp, state } = useInterpretation(client);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  if (!interp || state.channels.length === 0) return null;
  const current = state.listening ?? state.floorLanguage;
  return (
    <div className={styles.control} ref={box} data-testid="language-control">
      <button type="button" className="call-button" aria-expanded={open} aria-controls={menuId} onClick={() => setOpen(!open)}>
        <span aria-hidden="true" className={styles.code}>
          {(current ?? '').toUpperCase()}
        </span>
        <span className="call-label">{t('languageOf', { name: name(current) })}</span>
      </button>
      <div id={menuId} className={styles.menu} hidden={!open}>
        <fieldset className={styles.choices}>
          <legend>{t('chooseLanguage')}</legend>
          <label>
            <input type="radio" name={`${menuId}-lang`} checked={!state.listening} onChange={() => void interp.listen(null)} />{' '}
            {state.floorLanguage ? t('floorOnly', { name: name(state.floorLanguage) }) : t('floorOnlyUnknown')}
          </label>
          {state.channels.map((c) => (
            <label key={c.channelId}>
              <input type="radio" name={`${menuId}-lang`} checked={state.listening === c.language} onChange={() => void interp.listen(c.language)} />{' '}
              {c.live ? t('channelLive', { name: name(c.language) }) : t('channelQuiet', { name: name(c.language) })}
            </label>
          ))}
        </fieldset>
        {state.listening && (
          <label className={styles.level}>
            {t('originalLevel', { percent: Math.round(state.floorLevel * 100) })}
            <input type="range" min={0} max={100} step={5} value={Math.round(state.floorLevel * 100)} onChange={(e) => interp.setFloorLevel(Number(e.target.value) / 100)} />
          </label>
        )}
        {state.error && (
          <p role="alert" className={styles.error}>
            {t('couldNotListen')}
          </p>
        )}
      </div>
      {state.track && state.listening && <ChannelAudio track={state.track} language={state.listening} />}
    </div>
  );
}
