'use client';
import { useTranslations } from 'next-intl';
import type { RoomClient, RoomState } from '@/app/_lib/media/room-client';

interface Props {
  client: RoomClient;
  state: RoomState;
  hall: boolean;
  onFullscreen(): void;
  onLeave(): void;
}

export function Controls({ client, state, hall, onFullscreen, onLeave }: Props) {
  const t = useTranslations('media');
  const micOn = state.microphone.live && !state.microphone.muted;
  const sharing = !!state.screen.track;
  return (
    <div className="media-controls row" role="toolbar" aria-label={t('controls')}>
      {state.grants.microphone && (
        <button type="button" className={micOn ? 'secondary' : undefined} aria-pressed={!micOn} onClick={() => void client.setMicrophoneMuted(micOn)}>
          {micOn ? t('mute') : t('unmute')}
        </button>
      )}
      {state.grants.camera && !state.listenOnly && (
        <button type="button" className="secondary" aria-pressed={state.camera.live} onClick={() => void client.setCameraOn(!state.camera.live)}>
          {state.camera.live ? t('cameraOff') : t('cameraOn')}
        </button>
      )}
      {state.grants.screen && !hall && (
        <button type="button" className="secondary" aria-pressed={sharing} onClick={() => (sharing ? client.stopScreen() : void client.shareScreen())}>
          {sharing ? t('stopSharing') : t('shareScreen')}
        </button>
      )}
      {!hall && (
        <button type="button" className="secondary" aria-pressed={state.handRaised} onClick={() => void client.raiseHand(!state.handRaised)}>
          {state.handRaised ? t('lowerHand') : t('raiseHand')}
        </button>
      )}
      {!hall && (
        <button type="button" className="secondary" aria-pressed={state.listenOnly} onClick={() => void client.setListenOnly(!state.listenOnly)}>
          {state.listenOnly ? t('showVideo') : t('listenOnlyButton')}
        </button>
      )}
      {hall && (
        <button type="button" className="secondary" onClick={onFullscreen}>
          {t('fullscreen')}
        </button>
      )}
      <button type="button" className="danger" onClick={onLeave}>
        {t('leave')}
      </button>
    </div>
  );
}
