import { access, rename, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import path from 'node:path';
import type { CaptionLine } from '../../lib/contracts/captions';
import { env } from '../../lib/env';
import { onCaptionLine } from '../captions/caption-feed';

/**
 * Captions burned into a composition: the session's current caption line, written to a small text
 * file that FFmpeg's drawtext re-reads every frame (so a new line shows without restarting the
 * encoder). A line stays up a few seconds after its last change, then the picture is clean again.
 */

/** drawtext does not wrap: lines are broken here, and only the last two are shown (like viewers' captions). */
export const CAPTION_LINE_CHARS = 52;
const SHOWN_LINES = 2;
const HOLD_MS = 6000;

export function captionText(line: Pick<CaptionLine, 'speakerName' | 'text'> | null): string {
  if (!line) return '';
  const words = `${line.speakerName ? `${line.speakerName}: ` : ''}${line.text}`.replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const piece = word.length > CAPTION_LINE_CHARS ? `${word.slice(0, CAPTION_LINE_CHARS - 1)}…` : word;
    if (current && current.length + 1 + piece.length > CAPTION_LINE_CHARS) {
      lines.push(current);
      current = piece;
    } else current = current ? `${current} ${piece}` : piece;
  }
  if (current) lines.push(current);
  // drawtext expands `%{...}` sequences in text files; `%%` is a literal percent sign.
  return lines.slice(-SHOWN_LINES).join('\n').replace(/%/g, '%%');
}

/** The font for burned captions, or a message saying what is missing. */
export async function captionFont(): Promise<{ ok: true; file: string } | { ok: false; message: string }> {
  const file = env().RECORDING_CAPTION_FONT;
  try {
    await access(file, constants.R_OK);
    return { ok: true, file };
  } catch {
    return { ok: false, message: `the caption font ${file} is missing (Debian: apt-get install fonts-dejavu-core, or set RECORDING_CAPTION_FONT)` };
  }
}

export class CaptionBurner {
  private stopListening: (() => void) | undefined;
  private clearTimer: NodeJS.Timeout | undefined;
  /** Writes run one after another, so the file always ends with the newest text. */
  private writing: Promise<void> = Promise.resolve();
  private shown = '';

  constructor(
    readonly sessionId: string,
    readonly textFile: string,
  ) {}

  /** Creates the (empty) text file and follows the session's caption lines. */
  async start(): Promise<void> {
    if (this.stopListening) return;
    await this.write('');
    this.stopListening = onCaptionLine(this.sessionId, (line) => this.show(line));
  }

  /** The text on the picture now (tests read it). */
  get text(): string {
    return this.shown;
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = undefined;
    if (this.clearTimer) clearTimeout(this.clearTimer);
  }

  private show(line: CaptionLine): void {
    if (this.clearTimer) clearTimeout(this.clearTimer);
    void this.write(captionText(line));
    this.clearTimer = setTimeout(() => void this.write(''), HOLD_MS);
  }

  private write(text: string): Promise<void> {
    this.shown = text;
    // drawtext may read while the file is written: a whole file is renamed into place instead.
    const tmp = path.join(path.dirname(this.textFile), `.${path.basename(this.textFile)}.tmp`);
    this.writing = this.writing
      .then(async () => {
        await writeFile(tmp, text);
        await rename(tmp, this.textFile);
      })
      .catch((err: unknown) => console.warn(`[compose ${this.sessionId}] caption text not written`, err));
    return this.writing;
  }
}
