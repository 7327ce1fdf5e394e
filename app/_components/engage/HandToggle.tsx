'use client';
import { useTranslations } from 'next-intl';
import styles from './engage.module.css';
import { useHandShortcut, type Hands } from './use-hands';
import { useHydrated } from '../../_lib/use-hydrated';

/** Raise or lower one's own hand (button, or H where `shortcut` is on). */
export function HandToggle({ hands, shortcut = false }: { hands: Hands; shortcut?: boolean }) {
  const t = useTranslations('engage');
  useHandShortcut(() => void hands.toggle(), shortcut);
  const up = hands.mine !== null;
  const ready = useHydrated();
  return (
    <div className="stack" style={{ gap: 4 }}>
      <div className="row">
        <button type="button" className={`${styles.handButton} secondary`} aria-pressed={up} disabled={!ready} onClick={() => void hands.toggle()} aria-keyshortcuts={shortcut ? 'H' : undefined}>
          <span aria-hidden="true">✋</span> {up ? t('lowerHand') : t('raiseHand')}
        </button>
        {shortcut && <span className={`muted ${styles.shortcutHint}`}>{t('handShortcut')}</span>}
      </div>
      <p className={`${styles.note} muted`} role="status" aria-live="polite">
        {hands.invited ? t('invitedToStage') : up ? t('handIsUp') : ''}
      </p>
      {hands.error && (
        <p className="alert error" role="alert">
          {hands.error}
        </p>
      )}
    </div>
  );
}
