import { env } from '../../lib/env';
import { checkFfmpeg } from '../ffmpeg/ffmpeg';
import { recoverRecordings, stopAllRecordings } from './recorder';
import { closeAllComposers } from './stage-composer';
import { captionFont } from './caption-burner';
import { stopAllPushes } from '../streaming/rtmp-out';
import { disableAllIngests } from '../streaming/ingest';
import { disableAllWatch } from '../streaming/hls';

/**
 * Recording and streaming at start and shutdown: say plainly when FFmpeg is missing (everything
 * else still runs), finish recordings a crash left behind, and finish this process's recordings
 * when it stops.
 */
export async function startMediaOut(): Promise<void> {
  const check = await checkFfmpeg();
  if (!check.ok) console.warn(`\n[recording] Recording, streaming out, HLS and ingest are OFF: missing ${check.missing.join(', ')}.\n`);
  const font = await captionFont();
  if (!font.ok) console.warn(`[recording] Recordings cannot burn captions in: ${font.message}.`);
  // With several processes (REDIS_URL) another one may be recording right now; only a lone process knows a row is orphaned.
  if (!env().REDIS_URL) {
    void recoverRecordings().catch((err: unknown) => console.error('[recording] recovery failed', err));
  }
}

export async function stopMediaOut(): Promise<void> {
  await stopAllPushes();
  await disableAllIngests();
  await disableAllWatch();
  await stopAllRecordings();
  await closeAllComposers();
}
