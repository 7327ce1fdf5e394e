'use client';
import { useEffect, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { RoomState } from '@/app/_lib/media/room-client';
import type { LanguageSetup } from '@/lib/contracts/interpretation';
import styles from './sign-language.module.css';

/**
 * The session's sign-language interpreter, pinned over the stage in every
 * layout (gallery, speaker, screen share, the hall's projector output): a
 * fixed overlay the viewer can move (drag, or the arrow keys) and resize, and
 * hide for themselves only.
 */
export function SignLanguagePin({ setup, state }: { setup: LanguageSetup | null; state: RoomState }) {
  const t = useTranslations('language');
  const [hidden, setHidden] = useState(false);
  const [pos, setPos] = useState({ right: 16, bottom: 96 });
  const video = useRef<HTMLVideoElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const signerId = setup?.signInterpreterId ?? null;
  const peer = signerId ? state.peers.find((p) => p.userId === signerId) : undefined;
  const stream = peer ? state.streams.find((s) => s.peerId === peer.peerId && s.source === 'camera' && s.track) : undefined;
  const track = stream?.track ?? null;

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    el.srcObject = track ? new MediaStream([track]) : null;
    if (track) el.play().catch(() => undefined);
  }, [track, hidden]);

  if (!signerId || !peer) return null;
  if (hidden) {
    return (
      <button type="button" className={styles.show} onClick={() => setHidden(false)}>
        {t('showSigner')}
      </button>
    );
  }

  const drag = (e: React.PointerEvent) => {
    if ((e.target as HTMLElement).closest('button')) return;
    const start = { x: e.clientX, y: e.clientY, ...pos };
    const el = box.current;
    el?.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => setPos({ right: Math.max(0, start.right - (ev.clientX - start.x)), bottom: Math.max(0, start.bottom - (ev.clientY - start.y)) });
    const up = () => {
      el?.removeEventListener('pointermove', move);
      el?.removeEventListener('pointerup', up);
    };
    el?.addEventListener('pointermove', move);
    el?.addEventListener('pointerup', up);
  };
  const keys = (e: React.KeyboardEvent) => {
    const step = 24;
    const moves: Record<string, [number, number]> = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    setPos((p) => ({ right: Math.max(0, p.right + m[0]), bottom: Math.max(0, p.bottom + m[1]) }));
  };

  return (
    <div
      ref={box}
      className={styles.pin}
      style={{ right: pos.right, bottom: pos.bottom }}
      onPointerDown={drag}
      onKeyDown={keys}
      tabIndex={0}
      role="group"
      aria-label={t('signerLabel', { name: peer.name })}
      data-testid="sign-language-pin"
      data-peer-id={peer.peerId}
    >
      <video ref={video} autoPlay playsInline muted />
      <div className={styles.bar}>
        <span>{peer.name}</span>
        <button type="button" onClick={() => setHidden(true)}>
          {t('hideForMe')}
        </button>
      </div>
    </div>
  );
}
