'use client';
import { useTranslations } from 'next-intl';

interface Props {
  sessionId: string;
  /** Joins with nothing sent: no camera, no microphone, video paused. */
  onListen(): void;
}

/**
 * What a phone in the hall sees instead of the camera and microphone preview:
 * the Q&A first, listening second, and nothing of its own sent (see
 * `listensFirst` in lib/domain/media-policy.ts).
 */
export function HallPhoneStart({ sessionId, onListen }: Props) {
  const t = useTranslations('media.hallPhone');
  return (
    <div className="media-prejoin stack" data-testid="hall-phone-start">
      <h3 style={{ margin: 0 }}>{t('title')}</h3>
      <p className="muted" style={{ margin: 0 }}>
        {t('explain')}
      </p>
      <div className="row">
        <a className="button" href={`/q/${sessionId}`}>
          {t('openQa')}
        </a>
        <button type="button" className="secondary" onClick={onListen}>
          {t('listen')}
        </button>
      </div>
    </div>
  );
}
