'use client';
import { useCallback, useMemo } from 'react';
import { useTranslations } from 'next-intl';
import type { RoomClient, RoomState, RemoteStream } from '@/app/_lib/media/room-client';
import type { MediaPeer } from '@/lib/contracts/media';
import { RemoteAudio, Tile, Video } from './Tiles';

interface Props {
  client: RoomClient;
  state: RoomState;
  selfName: string;
  /** The hall device shows only the others (the projector does not need the room's own camera). */
  hall: boolean;
  /** Meetings show everyone; webinars only the stage and whoever sends media. */
  showEveryone: boolean;
}

/** The stage: a screen share large with its presenter's camera beside it, otherwise an adaptive grid. */
export function Stage({ client, state, selfName, hall, showEveryone }: Props) {
  const t = useTranslations('media');
  const byPeer = useMemo(() => {
    const map = new Map<string, { camera?: RemoteStream; mic?: RemoteStream; screen?: RemoteStream }>();
    for (const s of state.streams) {
      const entry = map.get(s.peerId) ?? {};
      if (s.source === 'camera') entry.camera = s;
      if (s.source === 'microphone') entry.mic = s;
      if (s.source === 'screen') entry.screen = s;
      map.set(s.peerId, entry);
    }
    return map;
  }, [state.streams]);

  const layer = useCallback((producerId: string) => (l: 0 | 1 | 2) => void client.preferLayer(producerId, l), [client]);
  const screens = state.streams.filter((s) => s.source === 'screen' && s.track);
  const ownScreen = state.screen.track;
  const visiblePeers = state.peers.filter((p) => p.onStage || byPeer.has(p.peerId) || showEveryone);
  const sharerIds = new Set(screens.map((s) => s.peerId));
  const ordered = [...visiblePeers].sort((a, b) => Number(sharerIds.has(b.peerId)) - Number(sharerIds.has(a.peerId)));

  const peerTile = (p: MediaPeer) => {
    const media = byPeer.get(p.peerId);
    const cam = media?.camera;
    return (
      <Tile
        key={p.peerId}
        name={p.name}
        badge={p.hall ? t('hallBadge') : p.onStage ? t('stageBadge') : undefined}
        speaking={state.activeSpeakerPeerId === p.peerId}
        micOff={!media?.mic || media.mic.paused}
        micOffLabel={t('micOff')}
        handRaised={p.handRaised}
        handLabel={t('handRaised')}
        testId="remote-tile"
      >
        {cam?.track && !state.listenOnly && !cam.paused ? (
          <Video track={cam.track} testId="remote-video" source="camera" onWidth={layer(cam.producerId)} />
        ) : undefined}
      </Tile>
    );
  };

  // Watchers (webinar audience, listen-only) have nothing to show of themselves.
  const selfTile = hall || !(state.grants.camera || state.grants.microphone) ? null : (
    <Tile
      key="self"
      name={t('you', { name: selfName })}
      speaking={state.activeSpeakerPeerId === state.peerId}
      micOff={!state.microphone.live || state.microphone.muted}
      micOffLabel={t('micOff')}
      handRaised={state.handRaised}
      handLabel={t('handRaised')}
      testId="self-tile"
    >
      {state.camera.live && state.camera.track ? <Video track={state.camera.track} mirror testId="self-video" /> : undefined}
    </Tile>
  );

  const hasScreen = screens.length > 0 || !!ownScreen;
  return (
    <div className={`media-stage${hasScreen ? ' has-screen' : ''}${hall ? ' hall' : ''}`}>
      {state.streams
        .filter((s) => s.kind === 'audio' && s.track)
        .map((s) => (
          <RemoteAudio key={s.producerId} track={s.track!} />
        ))}
      {hasScreen && (
        <div className="media-screens">
          {screens.map((s) => (
            <figure key={s.producerId} className="media-screen" aria-label={t('screenOf', { name: state.peers.find((p) => p.peerId === s.peerId)?.name ?? '' })}>
              <Video track={s.track!} testId="remote-screen" source="screen" />
              <figcaption>{t('screenOf', { name: state.peers.find((p) => p.peerId === s.peerId)?.name ?? '' })}</figcaption>
            </figure>
          ))}
          {ownScreen && !hall && (
            <figure className="media-screen own" aria-label={t('yourScreen')}>
              <Video track={ownScreen} testId="own-screen" />
              <figcaption>{t('yourScreen')}</figcaption>
            </figure>
          )}
        </div>
      )}
      <div className="media-grid" data-count={ordered.length + (selfTile ? 1 : 0)}>
        {ordered.map(peerTile)}
        {selfTile}
      </div>
      {ordered.length === 0 && <p className="muted">{showEveryone ? t('nobodyElse') : t('nobodyOnStage')}</p>}
    </div>
  );
}
