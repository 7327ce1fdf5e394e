'use client';
import { useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { RoomClient, RoomState } from '@/app/_lib/media/room-client';
import { useCallLayout, type PanelId } from './call-layout';
import { Icon, type IconName } from './icons';
import { useDismiss } from './use-dismiss';
import type { StageView } from './Stage';
import { LanguageControl } from '@/app/_components/interpretation/LanguageControl';
import { CaptionsControl } from '@/app/_components/captions/CaptionsControl';

interface Props {
  client: RoomClient;
  state: RoomState;
  hall: boolean;
  onFullscreen(): void;
  onLeave(): void;
  /** The call's side panels and layout; absent on the hall device page. */
  call?: {
    panels: readonly PanelId[];
    panel: PanelId | null;
    setPanel(panel: PanelId | null): void;
    view: StageView;
    setView(view: StageView): void;
    openSettings(): void;
    openShortcuts(): void;
  };
}

const PANEL_ICONS: Record<PanelId, IconName> = { people: 'people', chat: 'chat', qa: 'qa', polls: 'polls', breakouts: 'breakouts' };

/** The control bar at the bottom of the call: every button is a real button with a name; toggles say whether they are on. */
export function Controls({ client, state, hall, onFullscreen, onLeave, call }: Props) {
  const t = useTranslations('media');
  const tc = useTranslations('media.call');
  const [moreOpen, setMoreOpen] = useState(false);
  const moreRef = useRef<HTMLDivElement>(null);
  const pageBar = useCallLayout()?.bar;
  const micOn = state.microphone.live && !state.microphone.muted;
  const sharing = !!state.screen.track;

  useDismiss(moreOpen, moreRef, () => setMoreOpen(false));

  const panelButton = (id: PanelId) => (
    <button
      key={id}
      type="button"
      className="call-button"
      aria-pressed={call?.panel === id}
      onClick={() => {
        call?.setPanel(call.panel === id ? null : id);
        setMoreOpen(false);
      }}
    >
      <Icon name={PANEL_ICONS[id]} />
      <span className="call-label">{tc(`panels.${id}`)}</span>
    </button>
  );

  return (
    <div className="media-controls" role="toolbar" aria-label={t('controls')}>
      <div className="call-bar-main">
        {state.grants.microphone && (
          <button type="button" className={`call-button round${micOn ? '' : ' off'}`} aria-pressed={!micOn} onClick={() => void client.setMicrophoneMuted(micOn)}>
            <Icon name="mic" off={!micOn} />
            <span className="call-label">{micOn ? t('mute') : t('unmute')}</span>
          </button>
        )}
        {state.grants.camera && !state.listenOnly && (
          <button
            type="button"
            className={`call-button round${state.camera.live ? '' : ' off'}`}
            aria-pressed={state.camera.live}
            onClick={() => void client.setCameraOn(!state.camera.live)}
          >
            <Icon name="camera" off={!state.camera.live} />
            <span className="call-label">{state.camera.live ? t('cameraOff') : t('cameraOn')}</span>
          </button>
        )}
        {state.grants.screen && !hall && (
          <button type="button" className={`call-button round${sharing ? ' active' : ''}`} aria-pressed={sharing} onClick={() => (sharing ? client.stopScreen() : void client.shareScreen())}>
            <Icon name="screen" />
            <span className="call-label">{sharing ? t('stopSharing') : t('shareScreen')}</span>
          </button>
        )}
        {!hall && (
          <button type="button" className={`call-button round${state.handRaised ? ' active' : ''}`} aria-pressed={state.handRaised} onClick={() => void client.raiseHand(!state.handRaised)}>
            <Icon name="hand" />
            <span className="call-label">{state.handRaised ? t('lowerHand') : t('raiseHand')}</span>
          </button>
        )}
        {hall && (
          <button type="button" className="secondary" onClick={onFullscreen}>
            {t('fullscreen')}
          </button>
        )}
        {!hall && <LanguageControl client={client} />}
        <CaptionsControl sessionId={client.sessionId} />
        {call && (
          <div className="call-more" ref={moreRef}>
            <button type="button" className="call-button round" aria-expanded={moreOpen} aria-controls="call-more-menu" onClick={() => setMoreOpen(!moreOpen)}>
              <Icon name="more" />
              <span className="call-label">{tc('more')}</span>
            </button>
            <div id="call-more-menu" className="call-more-menu" hidden={!moreOpen}>
              <div className="call-more-group" role="group" aria-label={tc('layout')}>
                <button type="button" aria-pressed={call.view === 'speaker'} onClick={() => call.setView(call.view === 'speaker' ? 'auto' : 'speaker')}>
                  {tc('speakerView')}
                </button>
                <button type="button" aria-pressed={call.view === 'gallery'} onClick={() => call.setView(call.view === 'gallery' ? 'auto' : 'gallery')}>
                  {tc('galleryView')}
                </button>
              </div>
              <button type="button" aria-pressed={state.listenOnly} onClick={() => void client.setListenOnly(!state.listenOnly)}>
                {state.listenOnly ? t('showVideo') : t('listenOnlyButton')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setMoreOpen(false);
                  call.openSettings();
                }}
              >
                {tc('settings')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setMoreOpen(false);
                  call.openShortcuts();
                }}
              >
                {tc('shortcuts')}
              </button>
              {/* Shown here only when the bar is too narrow for them (a container query in call.css). */}
              <div className="call-more-group call-more-panels">{call.panels.map(panelButton)}</div>
            </div>
          </div>
        )}
        {!call && !hall && (
          <button type="button" className="secondary" aria-pressed={state.listenOnly} onClick={() => void client.setListenOnly(!state.listenOnly)}>
            {state.listenOnly ? t('showVideo') : t('listenOnlyButton')}
          </button>
        )}
        <button type="button" className="call-button round leave" onClick={onLeave}>
          <Icon name="leave" />
          <span className="call-label">{t('leave')}</span>
        </button>
      </div>
      {call && pageBar && <div className="call-bar-page">{pageBar}</div>}
      {call && <div className="call-bar-panels">{call.panels.map(panelButton)}</div>}
    </div>
  );
}
