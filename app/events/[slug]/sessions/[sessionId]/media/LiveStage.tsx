'use client';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { RoomClient, RoomNotice } from '@/app/_lib/media/room-client';
import { Controls } from './Controls';
import { PeoplePanel } from './PeoplePanel';
import { PreJoin, type JoinChoice } from './PreJoin';
import { Stage } from './Stage';
import { useRoomClient, useRoomState } from './use-room';

export interface LiveStageProps {
  sessionId: string;
  selfName: string;
  liveMode: 'webinar' | 'meeting';
  /** From the page's role check; only a hint for the pre-join screen, the server decides. */
  mayPublish: boolean;
  hall: boolean;
}

declare global {
  interface Window {
    /** Receiving-side WebRTC stats of the stage, read by the end-to-end tests and support staff. */
    balaiMediaStats?: () => Promise<Array<{ source: string; kind: string; peerId: string; framesDecoded: number; packetsReceived: number }>>;
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
        report?.forEach((r: { type: string; framesDecoded?: number; packetsReceived?: number }) => {
          if (r.type !== 'inbound-rtp') return;
          framesDecoded += r.framesDecoded ?? 0;
          packetsReceived += r.packetsReceived ?? 0;
        });
        out.push({ source: s.source, kind: s.kind, peerId: s.peerId, framesDecoded, packetsReceived });
      }
      return out;
    };
    return () => {
      window.balaiMediaStats = undefined;
    };
  }, [client]);
}

export function LiveStage({ sessionId, selfName, liveMode, mayPublish, hall }: LiveStageProps) {
  const t = useTranslations('media');
  const client = useRoomClient(sessionId, hall);
  const state = useRoomState(client);
  const [error, setError] = useState<string | null>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  useStatsHook(client);

  const status = state.status;
  if (status.kind === 'idle') {
    return <PreJoin mayPublish={mayPublish || hall} hall={hall} onJoin={(choice: JoinChoice) => void client.join(choice)} />;
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

  return (
    <div className="media-room stack" ref={stageRef} data-room-key={state.roomKey ?? ''} data-peer-id={state.peerId ?? ''}>
      <p className="muted" role="status" aria-live="polite" style={{ margin: 0 }}>
        <span className={`status-dot ${status.kind === 'joined' ? 'live' : ''}`} aria-hidden="true" />{' '}
        {status.kind === 'joined' && (state.roomKey?.startsWith('breakout:') ? t('statusLiveBreakout') : t('statusLive'))}
        {status.kind === 'joining' && t('statusJoining')}
        {status.kind === 'reconnecting' && t('statusReconnecting')}
      </p>
      {status.kind === 'error' && (
        <p className="alert error" role="alert">
          {status.message ?? t('joinFailed')}
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
      <Stage client={client} state={state} selfName={selfName} hall={hall} showEveryone={liveMode === 'meeting' && !hall} />
      <Controls
        client={client}
        state={state}
        hall={hall}
        onFullscreen={() => void stageRef.current?.requestFullscreen?.()}
        onLeave={() => void client.leave()}
      />
      {!hall && (state.grants.moderate || liveMode === 'meeting') && <PeoplePanel client={client} state={state} onError={setError} />}
    </div>
  );
}

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
