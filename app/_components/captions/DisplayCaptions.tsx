'use client';
import { useEffect, useState } from 'react';
import { useTranslations } from 'next-intl';
import type { CaptionLine } from '@/lib/contracts/captions';
import { realtime } from '@/app/_lib/realtime-client';
import { mergeLine } from './use-captions';
import styles from './captions.module.css';

/** Captions on the projector, while the organizer shows them there (the server sends lines only then). */
export function DisplayCaptions({ sessionId }: { sessionId: string }) {
  const t = useTranslations('language');
  const [on, setOn] = useState(false);
  const [lines, setLines] = useState<CaptionLine[]>([]);
  useEffect(() => {
    const socket = realtime();
    const onChanged = (n: { sessionId: string; onDisplay: boolean; lines: CaptionLine[] }) => {
      if (n.sessionId !== sessionId) return;
      setOn(n.onDisplay);
      setLines(n.lines);
    };
    const onLine = (line: CaptionLine) => {
      if (line.sessionId === sessionId) setLines((ls) => mergeLine(ls, line));
    };
    socket.on('captions:display-changed', onChanged);
    socket.on('captions:line', onLine);
    return () => {
      socket.off('captions:display-changed', onChanged);
      socket.off('captions:line', onLine);
    };
  }, [sessionId]);
  if (!on || lines.length === 0) return null;
  return (
    <div className={styles.display} role="log" aria-live="polite" aria-label={t('captionsRegion')} data-testid="display-captions">
      {lines.slice(-2).map((l) => (
        <p key={l.id} lang={l.language}>
          <span className={styles.speaker}>{l.speakerName}:</span> {l.text}
        </p>
      ))}
    </div>
  );
}
