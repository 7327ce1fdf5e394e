import type { CaptionLine } from '../contracts/captions';
import { CAPTION_REPLAY } from '../contracts/captions';
import { recentCaptionLines, type CaptionRow } from '../db/queries/captions';

export function toCaptionLine(row: CaptionRow, final = true): CaptionLine {
  return {
    id: row.id,
    sessionId: row.sessionId,
    speakerName: row.speakerName,
    language: row.language,
    text: row.text,
    source: row.source === 'auto' ? 'auto' : 'human',
    final,
    at: row.startedAt.toISOString(),
  };
}

export async function recentCaptions(sessionId: string): Promise<CaptionLine[]> {
  return (await recentCaptionLines(sessionId, CAPTION_REPLAY)).map((r) => toCaptionLine(r));
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function vttTime(ms: number): string {
  const t = Math.max(0, Math.round(ms));
  return `${pad(Math.floor(t / 3_600_000))}:${pad(Math.floor(t / 60_000) % 60)}:${pad(Math.floor(t / 1000) % 60)}.${pad(t % 1000, 3)}`;
}

/** WebVTT cues from the session's first caption on; each cue names its speaker with a voice span. */
export function transcriptVtt(rows: CaptionRow[]): string {
  const origin = rows[0]?.startedAt.getTime() ?? 0;
  const cues = rows.map((r, i) => {
    const start = r.startedAt.getTime() - origin;
    // A cue lasts until the next line starts (a typed line's own end is the moment it was sent).
    const next = rows[i + 1]?.startedAt.getTime();
    const end = Math.max(start + 1000, (next ?? r.endedAt.getTime() + 2000) - origin);
    const speaker = r.speakerName.replace(/[<>&]/g, '');
    const text = r.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/-->/g, '→');
    return `${i + 1}\n${vttTime(start)} --> ${vttTime(end)}\n<v ${speaker}>${text}`;
  });
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

export function transcriptText(rows: CaptionRow[], timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  return rows.map((r) => `[${time.format(r.startedAt)}] ${r.speakerName} (${r.language}): ${r.text}`).join('\n') + (rows.length ? '\n' : '');
}
