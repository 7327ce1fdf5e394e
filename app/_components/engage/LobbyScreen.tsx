'use client';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { PreJoin, type JoinChoice } from '../../events/[slug]/sessions/[sessionId]/media/PreJoin';
import styles from './engage.module.css';

/** Waiting (with the call's own device check meanwhile) or turned away with the moderator's message. */
export function LobbyScreen({ sessionId, standing, message }: { sessionId: string; standing: 'waiting' | 'denied'; message: string }) {
  const t = useTranslations('engage');
  const [checked, setChecked] = useState(false);
  if (standing === 'denied') {
    return (
      <section className={`${styles.lobby} stack`} aria-labelledby="lobby-title" data-testid="lobby-denied">
        <h2 id="lobby-title">{t('deniedTitle')}</h2>
        <p role="alert">{t('deniedExplain')}</p>
        {message && (
          <figure className={styles.message}>
            <figcaption className="muted">{t('messageFromModerator')}</figcaption>
            <blockquote className={styles.quote} data-testid="lobby-message">
              {message}
            </blockquote>
          </figure>
        )}
      </section>
    );
  }
  const done = (choice: JoinChoice) => {
    // The check is only a check: the call opens its own devices once the person is let in.
    choice.camera?.stop();
    choice.microphone?.stop();
    setChecked(true);
  };
  return (
    <section className={`${styles.lobby} stack`} aria-labelledby="lobby-title" data-testid="lobby-waiting">
      <h2 id="lobby-title">{t('waitingTitle')}</h2>
      <p role="status" aria-live="polite">
        {t('waitingExplain')}
      </p>
      {checked ? (
        <p className="alert" role="status">
          {t('deviceChecked')}
        </p>
      ) : (
        <PreJoin sessionId={sessionId} mayPublish hall={false} remember={false} onJoin={done} />
      )}
    </section>
  );
}
