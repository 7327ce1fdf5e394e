'use client';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import type { RoomClient, RoomState } from '@/app/_lib/media/room-client';
import { useCallShortcut, type CallLayout } from './call-layout';
import { SettingsDialog, ShortcutsDialog } from './CallDialogs';
import { Controls } from './Controls';
import { Stage, type StageView } from './Stage';
import { QualityBars } from './Tiles';
import { useMutedSpeechHint, useNetworkQuality } from './use-call-signals';

interface Props {
  client: RoomClient;
  state: RoomState;
  layout: CallLayout;
  selfName: string;
  showEveryone: boolean;
  statusLine: React.ReactNode;
  alerts: React.ReactNode;
  /** The live room's people list, rendered into the People panel. */
  children?: React.ReactNode;
}

const PHONE = '(max-width: 640px)';
const subscribePhone = (onChange: () => void) => {
  const query = window.matchMedia(PHONE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};
const useNarrow = () =>
  useSyncExternalStore(
    subscribePhone,
    () => window.matchMedia(PHONE).matches,
    () => false,
  );

/** The joined call: fills the window (the session shell makes room), stage above, control bar below. */
export function CallView({ client, state, layout, selfName, showEveryone, statusLine, alerts, children }: Props) {
  const tc = useTranslations('media.call');
  const [view, setView] = useState<StageView>('auto');
  const [pinned, setPinned] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'settings' | 'shortcuts' | null>(null);
  const [sinkId, setSinkId] = useState('');
  const narrow = useNarrow();
  const joined = state.status.kind === 'joined';
  const quality = useNetworkQuality(client, joined);
  const mutedHint = useMutedSpeechHint(state);
  const toolbar = useRef<HTMLDivElement>(null);

  // Focus goes to the first call control once joined, so keyboard users start in the call.
  const focused = useRef(false);
  useEffect(() => {
    if (!joined || focused.current) return;
    focused.current = true;
    toolbar.current?.querySelector<HTMLButtonElement>('[role="toolbar"] button')?.focus();
  }, [joined]);

  // Moved into a breakout room: its panel (members, timer, help) opens beside the call.
  const { setPanel } = layout;
  const inBreakout = !!state.roomKey?.startsWith('breakout:');
  useEffect(() => {
    if (inBreakout) setPanel('breakouts');
  }, [inBreakout, setPanel]);

  const micOn = state.microphone.live && !state.microphone.muted;
  useCallShortcut('m', tc('shortcut.m'), () => {
    if (state.grants.microphone) void client.setMicrophoneMuted(micOn);
  });
  useCallShortcut('v', tc('shortcut.v'), () => {
    if (state.grants.camera && !state.listenOnly) void client.setCameraOn(!state.camera.live);
  });
  useCallShortcut('?', tc('shortcut.help'), () => setDialog('shortcuts'));

  const self = quality.get('self');
  return (
    <div className="media-room call" ref={toolbar} data-room-key={state.roomKey ?? ''} data-peer-id={state.peerId ?? ''} aria-label={tc('region')} role="region">
      <div className="call-top">
        {statusLine}
        {self && <QualityBars level={self} label={tc(`yourQuality.${self}`)} />}
      </div>
      <div className="call-alerts">
        {alerts}
        {state.screen.track && (
          <p className="call-sharing" role="status">
            {tc('youAreSharing')}{' '}
            <button type="button" onClick={() => client.stopScreen()}>
              {tc('stopPresenting')}
            </button>
          </p>
        )}
        {mutedHint && (
          <p className="call-muted-hint" role="status" data-testid="muted-hint">
            {tc('mutedHint')}
          </p>
        )}
      </div>
      <div className="call-stage">
        <Stage
          client={client}
          state={state}
          selfName={selfName}
          hall={false}
          showEveryone={showEveryone}
          view={view}
          pinned={pinned}
          onPin={setPinned}
          quality={quality}
          sinkId={sinkId}
          narrow={narrow}
        />
      </div>
      <Controls
        client={client}
        state={state}
        hall={false}
        onFullscreen={() => undefined}
        onLeave={() => void client.leave()}
        call={{
          panels: layout.panels,
          panel: layout.panel,
          setPanel: layout.setPanel,
          view,
          setView,
          openSettings: () => setDialog('settings'),
          openShortcuts: () => setDialog('shortcuts'),
        }}
      />
      {dialog === 'settings' && <SettingsDialog client={client} state={state} sinkId={sinkId} onSinkId={setSinkId} onClose={() => setDialog(null)} />}
      {dialog === 'shortcuts' && <ShortcutsDialog shortcuts={layout.shortcuts} onClose={() => setDialog(null)} />}
      {children}
    </div>
  );
}
