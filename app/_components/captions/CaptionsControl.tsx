'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { useCaptions } from './use-captions';
import styles from './captions.module.css';

const SIZES = ['small', 'medium', 'large'] as const;
type Size = (typeof SIZES)[number];
const SIZE_KEY = { small: 'sizeSmall', medium: 'sizeMedium', large: 'sizeLarge' } as const;

/** The call bar's captions toggle and size; the lines show over the stage while on. */
export function CaptionsControl({ sessionId }: { sessionId: string }) {
  const t = useTranslations('language');
  const [on, setOn] = useState(false);
  const [size, setSize] = useState<Size>('medium');
  const { lines } = useCaptions(sessionId, on);
  const shown = lines.slice(-2);
  return (
    <div className={styles.control}>
      <button type="button" className="call-button" aria-pressed={on} onClick={() => setOn(!on)}>
        <span aria-hidden="true" className={styles.cc}>
          CC
        </span>
        <span className="call-label">{on ? t('captionsOn') : t('captionsOff')}</span>
      </button>
      {on && (
        <label className={styles.size}>
          <span className="visually-hidden">{t('captionSize')}</span>
          <select value={size} onChange={(e) => setSize(e.target.value as Size)} aria-label={t('captionSize')}>
            {SIZES.map((s) => (
              <option key={s} value={s}>
                {t(SIZE_KEY[s])}
              </option>
            ))}
          </select>
        </label>
      )}
      {on && (
        <div className={`${styles.overlay} ${styles[size]}`} role="log" aria-live="polite" aria-label={t('captionsRegion')} data-testid="captions">
          {shown.map((l) => (
            <p key={l.id} lang={l.language}>
              <span className={styles.speaker}>{l.speakerName}:</span> {l.text}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
