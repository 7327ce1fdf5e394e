'use client';
import { SignLanguagePin } from '@/app/_components/interpretation/SignLanguagePin';
import { useSessionLanguages } from '@/app/_components/interpretation/use-session-languages';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import '../../../../../call.css';
import type { RoomClient, RoomState, RemoteStream } from '@/app/_lib/media/room-client';
import type { NetworkQuality } from '@/app/_lib/media/network-quality';
import type { MediaPeer } from '@/lib/contracts/media';
import { QualityBars, RemoteAudio, Tile, Video } from './Tiles';

export type StageView = 'auto' | 'speaker' | 'gallery';

interface Props {
  client: RoomClient;
  state: RoomState;
  selfName: string;
  /** The hall device shows only the others (the projector does not need the room's own camera). */
  hall: boolean;
  /** Meetings show everyone; webinars only the stage and whoever sends media. */
  showEveryone: boolean;
  view: StageView;
  /** Pinned by this person only (a peer id, or `self`). */
  pinned: string | null;
  onPin(key: string | null): void;
  quality: ReadonlyMap<string, NetworkQuality>;
  sinkId?: string;
  /** Phone-sized window: 2×2 gallery pages, film strip below the speaker. */
  narrow: boolean;
}

interface Person {
  key: string;
  name: string;
  peer: MediaPeer | null;
  camera?: RemoteStream;
  mic?: RemoteStream;
}

/** Gallery pages: 3×3 on a laptop, 2×2 on a phone. */
const pageSizeFor = (narrow: boolean) => (narrow ? 4 : 9);

function columnsFor(n: number, narrow: boolean): number {
  if (narrow) return n <= 2 ? 1 : 2;
  return n <= 1 ? 1 : n <= 4 ? 2 : 3;
}

/**
 * The stage. Speaker view: one large tile (pinned here, else spotlighted by a moderator, else a
 * screen share, else the active speaker) and a film strip of the others. Gallery: a grid, one page
 * at a time; cameras on other pages are paused on the server, so they cost nothing.
 */
export function Stage({ client, state, selfName, hall, showEveryone, view, pinned, onPin, quality, sinkId, narrow }: Props) {
  const t = useTranslations('media');
  const tc = useTranslations('media.call');
  const [page, setPage] = useState(0);
  const [fill, setFill] = useState(false);
  const screenRef = useRef<HTMLElement>(null);

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
  const screen = state.streams.find((s) => s.source === 'screen' && s.track) ?? null;
  const ownScreen = state.screen.track;
  const showSelf = !hall && (state.grants.camera || state.grants.microphone);

  const languages = useSessionLanguages(client.sessionId);
  const interpreters = useMemo(() => new Set(languages?.interpreters.map((i) => i.userId)), [languages]);

  const people: Person[] = useMemo(() => {
    // Interpreters are heard only in their channel: no tile of their own (the people panel lists them),
    // unless they put a camera or a screen on the stage.
    const shown = (p: MediaPeer) => !interpreters.has(p.userId) || !!byPeer.get(p.peerId)?.camera || !!byPeer.get(p.peerId)?.screen;
    const visible = state.peers.filter((p) => shown(p) && (p.onStage || byPeer.has(p.peerId) || showEveryone));
    const list: Person[] = visible.map((p) => ({ key: p.peerId, name: p.name, peer: p, camera: byPeer.get(p.peerId)?.camera, mic: byPeer.get(p.peerId)?.mic }));
    if (showSelf) list.push({ key: 'self', name: t('you', { name: selfName }), peer: null });
    return list;
  }, [state.peers, byPeer, showEveryone, showSelf, selfName, t, interpreters]);

  const selfKey = (peerId: string | null) => (peerId && peerId === state.peerId ? 'self' : peerId);
  const has = (key: string | null) => !!key && people.some((p) => p.key === key);
  const spotlight = selfKey(state.spotlightPeerId);
  const focusKey =
    (has(pinned) && pinned) ||
    (has(spotlight) && spotlight) ||
    (screen && screen.peerId) ||
    (has(selfKey(state.activeSpeakerPeerId)) && selfKey(state.activeSpeakerPeerId) !== 'self' && selfKey(state.activeSpeakerPeerId)) ||
    people.find((p) => p.key !== 'self')?.key ||
    people[0]?.key ||
    null;
  const mode = view === 'auto' ? (has(pinned) || has(spotlight) || screen ? 'speaker' : 'gallery') : view;
  const showScreenLarge = mode === 'speaker' && !!screen && !has(pinned) && !has(spotlight);

  const pageSize = pageSizeFor(narrow);
  const pages = Math.max(1, Math.ceil(people.length / pageSize));
  const current = Math.min(page, pages - 1);
  const onPage = mode === 'gallery' ? people.slice(current * pageSize, (current + 1) * pageSize) : people;

  // Cameras not on the gallery page are paused on the server; back on the page, resumed.
  const pausedRef = useRef(new Set<string>());
  useEffect(() => {
    const shown = new Set(onPage.map((p) => p.camera?.producerId).filter(Boolean));
    for (const s of state.streams) {
      if (s.source !== 'camera' || !s.consumerId) continue;
      const off = !shown.has(s.producerId);
      if (off === pausedRef.current.has(s.producerId)) continue;
      if (off) pausedRef.current.add(s.producerId);
      else pausedRef.current.delete(s.producerId);
      void client.setVideoPaused(s.producerId, off);
    }
  }, [client, onPage, state.streams]);

  const tile = (p: Person, className?: string) => {
    const isSelf = p.key === 'self';
    const cam = p.camera;
    // One's own connection is shown once, in the call's top bar.
    const level = isSelf ? undefined : quality.get(p.key);
    const pinnedHere = pinned === p.key;
    const spotlit = spotlight === p.key;
    const peerId = isSelf ? state.peerId : p.key;
    const actions = hall ? undefined : (
      <>
        <button type="button" className="media-tile-button" aria-pressed={pinnedHere} onClick={() => onPin(pinnedHere ? null : p.key)}>
          {pinnedHere ? tc('unpin', { name: p.name }) : tc('pin', { name: p.name })}
        </button>
        {state.grants.moderate && peerId && (
          <button type="button" className="media-tile-button" aria-pressed={spotlit} onClick={() => void client.setSpotlight(spotlit ? null : peerId)}>
            {spotlit ? tc('endSpotlight', { name: p.name }) : tc('spotlight', { name: p.name })}
          </button>
        )}
      </>
    );
    const badge = spotlit ? tc('spotlighted') : pinnedHere ? tc('pinned') : p.peer?.hall ? t('hallBadge') : p.peer?.onStage ? t('stageBadge') : undefined;
    const qualityBars = level ? <QualityBars level={level} label={tc(`quality.${level}`)} /> : undefined;
    if (isSelf) {
      return (
        <Tile
          key="self"
          name={p.name}
          className={className}
          badge={badge}
          speaking={state.activeSpeakerPeerId === state.peerId}
          micOff={!state.microphone.live || state.microphone.muted}
          micOffLabel={t('micOff')}
          handRaised={state.handRaised}
          handLabel={t('handRaised')}
          testId="self-tile"
          actions={actions}
          quality={qualityBars}
        >
          {state.camera.live && state.camera.track ? <Video track={state.camera.track} mirror testId="self-video" /> : undefined}
        </Tile>
      );
    }
    return (
      <Tile
        key={p.key}
        name={p.name}
        className={className}
        badge={badge}
        speaking={state.activeSpeakerPeerId === p.key}
        micOff={!p.mic || p.mic.paused}
        micOffLabel={t('micOff')}
        handRaised={p.peer?.handRaised}
        handLabel={t('handRaised')}
        testId="remote-tile"
        actions={actions}
        quality={qualityBars}
      >
        {cam?.track && !state.listenOnly && !cam.paused ? <Video track={cam.track} testId="remote-video" source="camera" onWidth={layer(cam.producerId)} /> : undefined}
      </Tile>
    );
  };

  const screenName = screen ? (state.peers.find((p) => p.peerId === screen.peerId)?.name ?? '') : '';
  const ownScreenTile = ownScreen && !hall && (
    <figure className="media-tile media-screen own" aria-label={t('yourScreen')}>
      <Video track={ownScreen} testId="own-screen" />
      <figcaption>
        <span className="media-tile-name">{t('yourScreen')}</span>
      </figcaption>
    </figure>
  );

  let main: React.ReactNode;
  if (mode === 'speaker') {
    const focus = showScreenLarge ? null : people.find((p) => p.key === focusKey);
    // The presenter's camera comes first in the strip, beside their screen.
    const others = people.filter((p) => p !== focus).sort((a, b) => Number(b.key === screen?.peerId) - Number(a.key === screen?.peerId));
    main = (
      <div className="stage-speaker">
        <div className="stage-focus" data-testid="stage-focus">
          {showScreenLarge && screen ? (
            <figure className={`media-screen${fill ? ' fill' : ''}`} aria-label={t('screenOf', { name: screenName })} ref={screenRef}>
              <Video track={screen.track!} testId="remote-screen" source="screen" />
              <figcaption>
                <span className="media-tile-name">{t('screenOf', { name: screenName })}</span>
                <button type="button" className="media-tile-button" aria-pressed={fill} onClick={() => setFill(!fill)}>
                  {tc('fillScreen')}
                </button>
                <button type="button" className="media-tile-button" onClick={() => void screenRef.current?.requestFullscreen?.()}>
                  {tc('fullscreenShare')}
                </button>
              </figcaption>
            </figure>
          ) : (
            focus && tile(focus, 'focus')
          )}
        </div>
        {(others.length > 0 || ownScreenTile) && (
          <div className="stage-strip" data-testid="film-strip">
            {ownScreenTile}
            {others.map((p) => tile(p))}
          </div>
        )}
      </div>
    );
  } else {
    const items = onPage.length + (screen ? 1 : 0);
    const cols = columnsFor(items, narrow);
    main = (
      <div className="stage-gallery">
        <div
          className="media-grid"
          data-testid="gallery"
          style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${Math.max(1, Math.ceil(items / cols))}, minmax(0, 1fr))` }}
        >
          {screen && (
            <figure className="media-tile media-screen" aria-label={t('screenOf', { name: screenName })}>
              <Video track={screen.track!} testId="remote-screen" source="screen" />
              <figcaption>
                <span className="media-tile-name">{t('screenOf', { name: screenName })}</span>
              </figcaption>
            </figure>
          )}
          {onPage.map((p) => tile(p))}
        </div>
        {/* One's own share stays small: the others see it large, the presenter sees the people. */}
        {ownScreenTile && <div className="stage-own-screen">{ownScreenTile}</div>}
        {pages > 1 && (
          <nav className="stage-pages row" aria-label={tc('pageOf', { page: current + 1, pages })}>
            <button type="button" className="secondary" disabled={current === 0} onClick={() => setPage(current - 1)} aria-label={tc('previousPage')}>
              ‹
            </button>
            <span data-testid="gallery-page">{tc('pageOf', { page: current + 1, pages })}</span>
            <button type="button" className="secondary" disabled={current >= pages - 1} onClick={() => setPage(current + 1)} aria-label={tc('nextPage')}>
              ›
            </button>
          </nav>
        )}
      </div>
    );
  }

  return (
    <div className={`media-stage${hall ? ' hall' : ''}`} data-layout={mode}>
      {state.streams
        .filter((s) => s.kind === 'audio' && s.track)
        .map((s) => (
          <RemoteAudio key={s.producerId} track={s.track!} sinkId={sinkId} />
        ))}
      {main}
      <SignLanguagePin setup={languages} state={state} />
      {/* Alone: said from where the person stands — on a webinar's stage alone is not "nobody on the stage". */}
      {people.every((p) => p.key === 'self') && !screen && (
        <p className="media-empty">{showEveryone ? t('nobodyElse') : people.length > 0 ? t('onlyYouOnStage') : t('nobodyOnStage')}</p>
      )}
    </div>
  );
}
