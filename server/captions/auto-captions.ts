import { randomUUID } from 'node:crypto';
import type { types } from 'mediasoup';
import { storeCaptionLine } from '../../lib/db/queries/captions';
import { env } from '../../lib/env';
import { toCaptionLine } from '../../lib/services/captions';
import { poolWorkers } from '../sfu/worker-pool';
import { findLivePeer } from '../sfu/rooms';
import { engineFrom, type SpeechEngine } from './engine';
import { tapFloor } from './floor-tap';

/**
 * Automatic captions: every floor microphone in a session's main room is
 * tapped (PlainTransport → FFmpeg → 16 kHz PCM) into the configured engine,
 * one stream per speaker, so each line carries the speaker's name. Off unless
 * CAPTIONS_ENGINE and CAPTIONS_MODEL are set. Interpreters' channel audio is
 * never tapped: it is not a floor microphone.
 */

type Publish = (line: ReturnType<typeof toCaptionLine>) => Promise<void>;

let engine: SpeechEngine | null | undefined;
export function captionsEnabled(): boolean {
  if (engine === undefined) {
    const { CAPTIONS_ENGINE, CAPTIONS_MODEL } = env();
    engine = engineFrom({ CAPTIONS_ENGINE, CAPTIONS_MODEL });
  }
  return engine !== null;
}

/** For tests: use this engine instead of the configured one (null: off). */
export function setCaptionEngine(next: SpeechEngine | null | undefined): void {
  engine = next;
}

const watched = new WeakSet<types.Worker>();

/** Starts watching the workers' routers for floor microphones; a no-op when captions are off. */
export function startAutoCaptions(publish: Publish): void {
  if (!captionsEnabled()) return;
  for (const worker of poolWorkers()) {
    if (watched.has(worker)) continue;
    watched.add(worker);
    worker.observer.on('newrouter', (router) =>
      router.observer.on('newtransport', (transport) =>
        transport.observer.on('newproducer', (producer) => void caption(router, producer, publish)),
      ),
    );
  }
}

async function caption(router: types.Router, producer: types.Producer, publish: Publish): Promise<void> {
  const { source, peerId } = producer.appData as { source?: string; peerId?: string };
  if (source !== 'microphone' || !peerId || !engine) return;
  const found = findLivePeer(peerId);
  // Main rooms only (the floor); a microphone piped to a second router is captioned once, on its own.
  if (!found || !found.room.key.startsWith('main:') || found.peer.router !== router) return;
  const { room, peer } = found;
  const language = env().CAPTIONS_LANGUAGE;
  let utteranceStart = Date.now();
  const stream = engine.open((r) => {
    if (!r.final) return;
    const startedAt = new Date(utteranceStart);
    utteranceStart = Date.now();
    void storeCaptionLine({ id: randomUUID(), sessionId: room.sessionId, userId: peer.userId, speakerName: peer.name, language, text: r.text, source: 'auto', startedAt })
      .then((row) => publish(toCaptionLine(row)))
      .catch((err: unknown) => console.error('[captions] could not store a line', err));
  });
  try {
    const tap = await tapFloor(router, producer.id, (pcm) => stream.write(pcm));
    producer.observer.once('close', () => {
      tap.close();
      void stream.end();
    });
  } catch (err) {
    stream.close();
    console.error('[captions] could not tap the floor', err);
  }
}
