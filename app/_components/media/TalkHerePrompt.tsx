'use client';
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { RoomClient, RoomState } from '@/app/_lib/media/room-client';

/** Whether to ask: in a breakout room where this person may talk, with neither camera nor microphone on yet. */
export function shouldOfferTalk(state: RoomState): boolean {
  return (
    state.status.kind === 'joined' &&
    Boolean(state.roomKey?.startsWith('breakout:')) &&
    state.grants.microphone &&
    !state.microphone.track &&
    !state.camera.track
  );
}

/**
 * People who watched a webinar join without camera or microphone; in a
 * breakout room everyone may talk. One clear prompt, one button that turns
 * both on (per room: dismissing it in one room does not hide it in the next).
 */
export function TalkHerePrompt({ client, state, autoMic }: { client: RoomClient; state: RoomState; autoMic: boolean }) {
  const t = useTranslations('media.talkHere');
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The organizer's "join breakouts with microphone on": once per room arrived in, instead of asking.
  const [autoOn, setAutoOn] = useState<string | null>(null);
  const offer = shouldOfferTalk(state);
  const autoNow = autoMic && offer && state.settings.breakoutMicOn && autoOn !== state.roomKey;
  useEffect(() => {
    if (!autoNow) return;
    setAutoOn(state.roomKey);
    void client.setMicrophoneMuted(false);
  }, [autoNow, client, state.roomKey]);
  if (autoOn && autoOn === state.roomKey && dismissed !== state.roomKey) {
    return (
      <p className="alert ok" role="status" data-testid="breakout-mic-auto">
        {t('autoMicOn')}{' '}
        <button type="button" className="secondary" onClick={() => setDismissed(state.roomKey)}>
          {t('ok')}
        </button>
      </p>
    );
  }
  if (!offer || dismissed === state.roomKey || autoNow) return null;
  const turnOn = async () => {
    setBusy(true);
    try {
      await client.setMicrophoneMuted(false);
      if (state.grants.camera && !state.listenOnly) await client.setCameraOn(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="alert ok stack" style={{ gap: '0.4rem' }} role="region" aria-labelledby="talk-here-title" data-testid="talk-here">
      <p style={{ margin: 0 }}>
        <strong id="talk-here-title">{t('title')}</strong> {t('explain')}
      </p>
      <p className="row" style={{ margin: 0 }}>
        <button type="button" disabled={busy} onClick={() => void turnOn()}>
          {t('turnOn')}
        </button>
        <button type="button" className="secondary" onClick={() => setDismissed(state.roomKey)}>
          {t('notNow')}
        </button>
      </p>
    </div>
  );
}
