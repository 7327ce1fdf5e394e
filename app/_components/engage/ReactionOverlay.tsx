'use client';
import styles from './engage.module.css';
import { useReactionFloats } from './use-reactions';

/**
 * Floating reactions over the stage, the presenter view or the projector.
 * Decorative (aria-hidden): the counts are not worth interrupting a screen reader for.
 * Each float is moved back by its own share of its width, so one near the right edge (with its "×3") stays inside.
 */
export function ReactionOverlay({ sessionId, join = true, large = false }: { sessionId: string; join?: boolean; large?: boolean }) {
  const floats = useReactionFloats(sessionId, join);
  return (
    <div className={`${styles.overlay} ${large ? styles.overlayLarge : ''}`} aria-hidden="true" data-testid="reaction-overlay">
      {floats.map((f) => (
        <span key={f.key} className={styles.float} style={{ left: `${f.left}%`, translate: `-${f.left}% 0` }} data-testid="reaction-float" data-emoji={f.emoji} data-count={f.count}>
          {f.emoji}
          {f.count > 1 && <span className={styles.count}>×{f.count}</span>}
        </span>
      ))}
    </div>
  );
}
