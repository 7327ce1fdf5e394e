'use client';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { ChannelReceiver, ReceiverState } from '@/app/_lib/media/channel-receiver';
import { useHydrated } from '@/app/_lib/use-hydrated';

declare global {
  interface Window {
    /** What the hall phone's receiver gets (end-to-end tests read it). */
    balaiReceiverStats?: () => Promise<{ language: string | null; consumerId: string | null; bytesReceived: number; videoConsumers: number }>;
  }
}

/** Language names without Intl.DisplayNames data shipped to the phone: the browser has them. */
function languageName(locale: string, code: string | null): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The hall phone's Listen tab: interpretation on earphones. The media client
 * (mediasoup-client) is downloaded only when Listen is tapped, so the phone
 * page stays within its budget for everyone who only asks questions.
 */
export function PhoneListen({ sessionId, sessionTitle, locale }: { sessionId: string; sessionTitle: string; locale: string }) {
  const t = useTranslations('language');
  const [receiver, setReceiver] = useState<ChannelReceiver | null>(null);
  const [state, setState] = useState<ReceiverState | null>(null);
  const [loading, setLoading] = useState(false);
  // A slow phone on the hall's Wi-Fi shows Listen disabled for a moment, never dead.
  const ready = useHydrated();
  const audio = useRef<HTMLAudioElement>(null);

  useEffect(() => () => receiver?.stop(), [receiver]);

  useEffect(() => {
    const el = audio.current;
    if (!el) return;
    el.srcObject = state?.track ? new MediaStream([state.track]) : null;
    if (state?.track) el.play().catch(() => undefined);
    // Lock screen and headset buttons: the browser shows what plays and lets the person pause it.
    if ('mediaSession' in navigator && state?.track) {
      navigator.mediaSession.metadata = new MediaMetadata({ title: t('languageOf', { name: languageName(locale, state.language) }), artist: sessionTitle, album: 'Balai' });
      navigator.mediaSession.setActionHandler('pause', () => el.pause());
      navigator.mediaSession.setActionHandler('play', () => void el.play());
    }
  }, [state?.track, state?.language, locale, sessionTitle, t]);

  const start = async () => {
    setLoading(true);
    const { ChannelReceiver } = await import('@/app/_lib/media/channel-receiver');
    const r = new ChannelReceiver(sessionId, setState);
    window.balaiReceiverStats = async () => ({ language: r.state.language, ...(await r.stats()) });
    setReceiver(r);
    setLoading(false);
    r.start();
    // Played from the tap, so the browser lets the sound start.
    audio.current?.play().catch(() => undefined);
  };

  return (
    <section className="card stack" aria-labelledby="phone-listen-title" data-testid="phone-listen">
      <h2 id="phone-listen-title" style={{ margin: 0, fontSize: '1.05rem' }}>
        {t('listenTitle')}
      </h2>
      {!receiver ? (
        <>
          <p className="muted" style={{ margin: 0 }}>
            {t('listenHint')}
          </p>
          <button type="button" onClick={() => void start()} disabled={loading || !ready} style={{ minHeight: 48 }}>
            {t('listen')}
          </button>
        </>
      ) : (
        <>
          <p role="status" style={{ margin: 0 }}>
            {state?.status === 'listening' ? t('listeningTo', { name: languageName(locale, state.language) }) : state?.status === 'waiting' ? t('waitingForRoom') : t('joining')}
          </p>
          {state && state.channels.length > 0 && (
            <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'grid', gap: '0.5rem' }}>
              <legend>{t('chooseLanguage')}</legend>
              {state.channels.map((c) => (
                <label key={c.channelId} style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', minHeight: 44 }}>
                  <input type="radio" name="phone-language" checked={state.language === c.language} onChange={() => void receiver.choose(c.language)} />
                  {languageName(locale, c.language)}
                </label>
              ))}
            </fieldset>
          )}
          <button type="button" className="secondary" onClick={() => setReceiver(null)}>
            {t('stopListening')}
          </button>
        </>
      )}
      <audio ref={audio} autoPlay data-testid="phone-listen-audio" />
    </section>
  );
}
