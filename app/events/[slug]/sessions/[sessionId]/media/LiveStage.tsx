'use client';
import { removeBootStage } from '@/app/_lib/boot/boot-stage';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { NetworkQuality } from '@/app/_lib/media/network-quality';
import { useTranslations } from 'next-intl';
import type { RoomClient, RoomNotice } from '@/app/_lib/media/room-client';
import { Controls } from './Controls';
import { PeoplePanel } from './PeoplePanel';
import { PreJoin, type JoinChoice } from './PreJoin';
import { Stage } from './Stage';
import { CallView } from './CallView';
import { useCallLayout } from './call-layout';
import { useBootPrejoin, useRoomClient, useRoomState } from './use-room';
import { unlockAudio, useSoundBlocked } from '@/app/_lib/media/audio-unlock';
import { HallMicButton } from '@/app/_components/media/HallMicButton';
import { HallPhoneStart } from '@/app/_components/media/HallPhoneStart';
import { TalkHerePrompt } from '@/app/_components/media/TalkHerePrompt';

export interface LiveStageProps {
  sessionId: string;
  selfName: string;
  liveMode: 'webinar' | 'meeting';
  /** From the page's role check; only a hint for the pre-join screen, the server decides. */
  mayPublish: boolean;
  hall: boolean;
  /** A person's own phone in the hall: starts listen-only, the microphone only behind the echo warning. */
  listenFirst?: boolean;
}

declare global {
  interface Window {
    /** Receiving-side WebRTC stats of the stage, read by the end-to-end tests and support staff. */
    balaiMediaStats?: () => Promise<Array<{ source: string; kind: string; peerId: string; framesDecoded: number; packetsReceived: number; frameWidth: number | null }>>;
  }
}

function useStatsHook(client: RoomClient) {
  useEffect(() => {
    window.balaiMediaStats = async () => {
      const out = [];
      for (const s of client.state.streams) {
        const report = await client.inboundStats(s.producerId);
        let framesDecoded = 0;
        let packetsReceived = 0;
        let frameWidth: number | null = null;
        report?.forEach((r: { type: string; framesDecoded?: number; packetsReceived?: number; frameWidth?: number }) => {
          if (r.type !== 'inbound-rtp') return;
          framesDecoded += r.framesDecoded ?? 0;
          packetsReceived += r.packetsReceived ?? 0;
          if (r.frameWidth !== undefined) frameWidth = r.frameWidth;
        });
        out.push({ source: s.source, kind: s.kind, peerId: s.peerId, framesDecoded, packetsReceived, frameWidth });
      }
      return out;
    };
    return () => {
      window.balaiMediaStats = undefined;
    };
  }, [client]);
}

/** Long enough for this stage's first frame to replace the boot stage's without a blank moment. */
const BOOT_STAGE_HANDOVER_MS = 1_000;

export function LiveStage({ sessionId, selfName, liveMode, mayPublish, hall, listenFirst = false }: LiveStageProps) {
  const t = useTranslations('media');
  const client = useRoomClient(sessionId, { hall, listenFirst, mayPublish: mayPublish || hall });
  const state = useRoomState(client);
  const bootPrejoin = useBootPrejoin(sessionId);
  const [error, setError] = useState<string | null>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const layout = useCallLayout();
  const soundBlocked = useSoundBlocked();
  useStatsHook(client);
  useEffect(() => {
    // For bench/join-time: when the stage could first show a stream (the page hydrated, the stage's code loaded).
    if (!performance.getEntriesByName('balai:stage-shown').length) performance.mark('balai:stage-shown');
    // The boot script's first picture (app/_lib/boot/boot-stage.ts) gives way to this stage when its own video
    // paints (Tiles.tsx), or shortly after it mounts when it shows none.
    const handOver = setTimeout(removeBootStage, BOOT_STAGE_HANDOVER_MS);
    return () => {
      clearTimeout(handOver);
      removeBootStage();
    };
  }, []);

  const status = state.status;
  const inCall = !hall && !!layout && (status.kind === 'joining' || status.kind === 'joined' || status.kind === 'reconnecting');
  const setInCall = layout?.setInCall;
  useEffect(() => {
    setInCall?.(inCall);
  }, [inCall, setInCall]);

  if (status.kind === 'idle' && listenFirst) return <HallPhoneStart sessionId={sessionId} onListen={() => void client.join({ listenOnly: true })} />;
  if (status.kind === 'idle' && bootPrejoin) return null;
  if (status.kind === 'idle') {
    return <PreJoin sessionId={sessionId} mayPublish={mayPublish || hall} hall={hall} onJoin={(choice: JoinChoice) => void client.join(choice)} />;
  }
  if (status.kind === 'left' || status.kind === 'removed') {
    return (
      <div className="stack">
        <p role="status">{status.kind === 'removed' ? t('removedByModerator') : t('youLeft')}</p>
        {status.kind === 'left' && (
          <p>
            <button type="button" onClick={() => client.reset()}>
              {t('joinAgain')}
            </button>
          </p>
        )}
      </div>
    );
  }

  const statusLine = (
    <p className="muted media-status" role="status" aria-live="polite" style={{ margin: 0 }}>
      <span className={`status-dot ${status.kind === 'joined' ? 'live' : ''}`} aria-hidden="true" />{' '}
      {status.kind === 'joined' && (state.roomKey?.startsWith('breakout:') ? t('statusLiveBreakout') : t('statusLive'))}
      {status.kind === 'joining' && t('statusJoining')}
      {status.kind === 'reconnecting' && t('statusReconnecting')}
    </p>
  );
  const alerts = (
    <>
      {status.kind === 'error' && (
        <p className="alert error" role="alert">
          {status.message ?? t('joinFailed')}
        </p>
      )}
      {soundBlocked && (
        <p className="alert warn" role="alert" data-testid="sound-blocked">
          {t('soundBlocked')}{' '}
          <button type="button" onClick={unlockAudio}>
            {t('turnOnSound')}
          </button>
        </p>
      )}
      {state.notice && <NoticeBar notice={state.notice} onClose={() => client.dismissNotice()} />}
      {error && (
        <p className="alert error" role="alert">
          {error}{' '}
          <button type="button" className="secondary" onClick={() => setError(null)}>
            {t('dismiss')}
          </button>
        </p>
      )}
      {listenFirst ? <HallMicButton client={client} state={state} /> : <TalkHerePrompt client={client} state={state} autoMic={!hall} />}
    </>
  );
  // A hall phone's microphone is turned on only through HallMicButton's echo warning, not the bar's button.
  const micOn = state.microphone.live && !state.microphone.muted;
  const barState = listenFirst && !micOn ? { ...state, grants: { ...state.grants, microphone: false } } : state;

  if (layout && !hall) {
    return (
      <CallView client={client} state={barState} layout={layout} selfName={selfName} showEveryone={liveMode === 'meeting'} statusLine={statusLine} alerts={alerts}>
        {(state.grants.moderate || liveMode === 'meeting') &&
          layout.peopleSlot &&
          createPortal(<PeoplePanel client={client} state={state} onError={setError} />, layout.peopleSlot)}
      </CallView>
    );
  }

  // The hall device (its own page, no side panels): the stage inline, full screen on demand.
  return (
    <div className="media-room stack" ref={stageRef} data-room-key={state.roomKey ?? ''} data-peer-id={state.peerId ?? ''}>
      {statusLine}
      {alerts}
      <Stage
        client={client}
        state={state}
        selfName={selfName}
        hall={hall}
        showEveryone={liveMode === 'meeting' && !hall}
        view="auto"
        pinned={null}
        onPin={() => undefined}
        quality={NO_QUALITY}
        narrow={false}
      />
      <Controls client={client} state={state} hall={hall} onFullscreen={() => void stageRef.current?.requestFullscreen?.()} onLeave={() => void client.leave()} />
      {!hall && (state.grants.moderate || liveMode === 'meeting') && <PeoplePanel client={client} state={state} onError={setError} />}
    </div>
  );
}

const NO_QUALITY: ReadonlyMap<string, NetworkQuality> = new Map<string, NetworkQuality>();

function NoticeBar({ notice, onClose }: { notice: RoomNotice & { id: number }; onClose(): void }) {
  const t = useTranslations('media');
  let text: string;
  switch (notice.kind) {
    case 'muted-by-moderator':
      text = t('notice.mutedByModerator');
      break;
    case 'screen-stopped-by-moderator':
      text = t('notice.screenStopped');
      break;
    case 'permission-lost':
      text = t('notice.permissionLost');
      break;
    case 'refused':
      text = notice.message ?? t('notice.failed');
      break;
    case 'device':
      text = t(`deviceProblem.${notice.problem}`, { device: t(`device.${notice.device}`) });
      break;
    case 'moved':
      text = t('notice.moved');
      break;
  }
  return (
    <p className="alert warn" role="alert" data-testid="media-notice">
      {text}{' '}
      <button type="button" className="secondary" onClick={onClose}>
        {t('dismiss')}
      </button>
    </p>
  );
}
