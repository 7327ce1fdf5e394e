'use client';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import { RoomClient, type RoomState } from '@/app/_lib/media/room-client';
import { RemoteAudio, Video } from '@/app/events/[slug]/sessions/[sessionId]/media/Tiles';
import { ChannelAudio } from './ChannelAudio';
import { useInterpretation, useLanguageName } from './use-interpretation';
import styles from './interpretation.module.css';

/** The interpreter's console: connect, then the booth. */
export function InterpreterConsole({ sessionId }: { sessionId: string }) {
  const t = useTranslations('language');
  const [client, setClient] = useState<RoomClient | null>(null);
  useEffect(() => () => void client?.leave(), [client]);
  if (!client) {
    return (
      <button
        type="button"
        onClick={() => {
          const c = new RoomClient({ sessionId });
          setClient(c);
          void c.join({});
        }}
      >
        {t('join')}
      </button>
    );
  }
  return <Booth client={client} />;
}

function Booth({ client }: { client: RoomClient }) {
  const t = useTranslations('language');
  const name = useLanguageName();
  const room: RoomState = useSyncExternalStore(client.subscribe, client.getState, client.getState);
  const { client: interp, state } = useInterpretation(client);
  const [micError, setMicError] = useState(false);

  if (room.status.kind !== 'joined' || !interp) return <p role="status">{room.status.kind === 'error' ? (room.status.message ?? '') : t('joining')}</p>;
  const language = state.interpreting[0] ?? null;
  const channel = state.channels.find((c) => c.language === language);
  const voice = state.voice;
  const holding = !!voice && !!channel && channel.holderUserId !== null && channel.holderUserId === state.userId;
  const videos = room.streams.filter((s) => s.kind === 'video' && s.track);
  const floorAudio = room.streams.filter((s) => s.kind === 'audio' && s.track);

  const startMic = async () => {
    if (!language) return;
    try {
      const media = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true } });
      await interp.startInterpreting(language, media.getAudioTracks()[0]!);
    } catch {
      setMicError(true);
    }
  };

  return (
    <div className={styles.console} data-testid="interpreter-console" data-room-key={room.roomKey ?? ''}>
      <div className={styles.consoleStage}>
        {videos.length === 0 && <p>{t('noStage')}</p>}
        {videos.map((s) => (
          <Video key={s.producerId} track={s.track!} source={s.source} />
        ))}
        {floorAudio.map((s) => (
          <RemoteAudio key={s.producerId} track={s.track!} />
        ))}
      </div>
      {language && channel && (
        <div className={styles.booth} data-testid="booth">
          <h2 style={{ margin: 0, fontSize: '1.1rem' }}>{t('yourChannel', { name: name(language) })}</h2>
          <p role="status" className={holding && !voice?.muted ? styles.live : undefined}>
            {holding ? t('youAreLive', { name: name(language) }) : channel.holderUserId ? t('partnerLive') : t('nobodyLive')}
          </p>
          <div className={styles.buttons}>
            {!voice && (
              <button type="button" onClick={() => void startMic()}>
                {t('startMic')}
              </button>
            )}
            {voice && (
              <button type="button" aria-pressed={voice.muted} onClick={() => void interp.setMuted(!voice.muted)}>
                {voice.muted ? t('unmute') : t('cough')}
              </button>
            )}
            {voice && holding && (
              <button type="button" onClick={() => void interp.handOver()}>
                {t('handOver')}
              </button>
            )}
            {voice && !channel.holderUserId && (
              <button type="button" onClick={() => void interp.take()}>
                {t('take')}
              </button>
            )}
          </div>
          {(micError || state.error) && (
            <p role="alert" className={styles.error}>
              {state.error ?? t('couldNotListen')}
            </p>
          )}
        </div>
      )}
      <fieldset className={styles.choices}>
        <legend>{t('whatYouHear')}</legend>
        <label>
          <input type="radio" name="relay" checked={!state.listening} onChange={() => void interp.listen(null, { floorOff: false })} /> {t('hearFloor')}
        </label>
        {state.channels
          .filter((c) => c.language !== language)
          .map((c) => (
            <label key={c.channelId}>
              <input type="radio" name="relay" checked={state.listening === c.language} onChange={() => void interp.listen(c.language, { floorOff: true })} />{' '}
              {t('relay', { name: name(c.language) })}
            </label>
          ))}
      </fieldset>
      {state.track && state.listening && <ChannelAudio track={state.track} language={state.listening} />}
    </div>
  );
}
