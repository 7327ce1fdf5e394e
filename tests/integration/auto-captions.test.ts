import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { createRouter } from '../../server/sfu/worker-pool';
import { MEDIA_CODECS } from '../../server/sfu/config';
import { tapFloor } from '../../server/captions/floor-tap';
import { engineFrom } from '../../server/captions/engine';
import { addMember, connectAs, createEventWithSession, createUser, send, startTestServer, type TestSocket } from '../fixtures/server';
import { joinMedia } from '../fixtures/media';
import { livePeerOf } from '../../server/sfu/rooms';
import { transcriptOf } from '../../lib/db/queries/captions';

// Automatic captions on for this server: Debian's PocketSphinx with its US-English model.
process.env.CAPTIONS_ENGINE = 'pocketsphinx';
process.env.CAPTIONS_MODEL = '/usr/share/pocketsphinx/model/en-us';

let server: RunningServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.disconnect());
  await server.close();
});

/** Sends a spoken clip as Opus RTP (FFmpeg, in real time) to a port; resolves when it has all been sent. */
function sendSpeech(wav: string, port: number, ssrc: number): Promise<void> {
  const sender = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-re', '-i', wav, '-c:a', 'libopus', '-ar', '48000', '-ac', '2', '-payload_type', '101', '-ssrc', String(ssrc), '-f', 'rtp', `rtp://127.0.0.1:${port}`]);
  return new Promise<void>((resolve, reject) => {
    sender.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`sender exited ${code}`))));
  });
}

/**
 * Spoken English (espeak-ng) with 1.5 s of silence before and after it, as a WAV file: the chain
 * (FFmpeg starting, the consumer resuming) may lose its first moments, and those should be silence.
 */
function spokenWav(words: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'balai-floor-'));
  const raw = path.join(dir, 'speech.wav');
  const padded = path.join(dir, 'padded.wav');
  execFileSync('espeak-ng', ['-s', '130', '-w', raw, words]);
  execFileSync('sox', [raw, '-r', '48000', '-c', '2', padded, 'pad', '1.5', '1.5']);
  return padded;
}

// The speech travels in real time over UDP (FFmpeg → mediasoup → FFmpeg → engine). When the 2-core machine is
// saturated for a moment (another file's encoders finishing), packets are dropped and PocketSphinx hears
// fragments ("op ed for"); a second try shows whether the chain works, which is what these tests are for.
describe('automatic captions from floor audio', { retry: 1 }, () => {
  it('takes a producer out through a PlainTransport and FFmpeg into PocketSphinx, and words come out', async () => {
    const router = await createRouter(MEDIA_CODECS);
    try {
      // The floor: a real Opus RTP stream sent by FFmpeg into a mediasoup producer.
      const input = await router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: true });
      const producer = await input.produce({
        kind: 'audio',
        rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 101, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 424242 }] },
        appData: { source: 'microphone' },
      });
      const engine = engineFrom({ CAPTIONS_ENGINE: 'pocketsphinx', CAPTIONS_MODEL: '/usr/share/pocketsphinx/model/en-us' })!;
      const heard: string[] = [];
      const stream = engine.open((r) => heard.push(r.text));
      let pcmBytes = 0;
      const tap = await tapFloor(router, producer.id, (pcm) => {
        pcmBytes += pcm.length;
        stream.write(pcm);
      });
      // Give FFmpeg in the tap a moment to open its socket (the tap resumes its consumer after 300 ms).
      await new Promise((r) => setTimeout(r, 600));
      const wav = spokenWav('welcome to the opening session');
      const sender = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-re', '-i', wav, '-c:a', 'libopus', '-ar', '48000', '-ac', '2', '-payload_type', '101', '-ssrc', '424242', '-f', 'rtp', `rtp://127.0.0.1:${input.tuple.localPort}`]);
      await new Promise<void>((resolve, reject) => {
        sender.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`sender exited ${code}`))));
      });
      tap.close();
      await stream.end();
      // About 4 s of 16 kHz mono 16-bit PCM reached the engine, and it recognised the speech
      // (PocketSphinx may mishear a word of a clip that went through Opus, not all of them).
      expect(pcmBytes).toBeGreaterThan(16000 * 2 * 2);
      expect(heard.join(' ')).toMatch(/welcome|opening|session/);
    } finally {
      router.close();
    }
  });
});

describe('automatic captions in a session', { retry: 1 }, () => {
  it('captions a floor microphone of the main room with the speaker name, stores the line and sends it to viewers', async () => {
    const organizer = await createUser('Organizer');
    const { event, session } = await createEventWithSession(organizer, 'meeting');
    const speakerUser = await createUser('Siti Speaker');
    const viewerUser = await createUser('Vera Viewer');
    await addMember(event.id, speakerUser, 'participant');
    await addMember(event.id, viewerUser, 'participant');
    const speaker = await connectAs(server, speakerUser);
    const viewer = await connectAs(server, viewerUser);
    sockets.push(speaker, viewer);
    const joined = await send(viewer, 'captions:join', { sessionId: session.id });
    expect(joined.ok && joined.data.automatic).toBe(true);
    await joinMedia(speaker, session.id);
    const { room, peer } = livePeerOf(speaker.id!)!;

    // The speaker's microphone, as a producer of their peer in the main room (sent over RTP instead of WebRTC).
    const input = await room.router.createPlainTransport({ listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: true, comedia: true });
    // Under load the engine may split the sentence into several lines: collect them until the word arrives.
    const lines: Array<{ id: string; text: string; speakerName: string; language: string; source: string; final: boolean; sessionId: string }> = [];
    const heard = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line with "welcome", "opening" or "session": ${JSON.stringify(lines)}`)), 60_000);
      viewer.on('captions:line', (l) => {
        lines.push(l);
        if (/welcome|opening|session/.test(lines.map((x) => x.text).join(' '))) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    await input.produce({
      kind: 'audio',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 101, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 515151 }] },
      appData: { source: 'microphone', peerId: peer.peerId },
    });
    await new Promise((r) => setTimeout(r, 800));
    await sendSpeech(spokenWav('welcome to the opening session'), input.tuple.localPort, 515151);
    await heard;
    for (const got of lines) expect(got).toMatchObject({ sessionId: session.id, speakerName: 'Siti Speaker', language: 'en', source: 'auto', final: true });
    const stored = (await transcriptOf(session.id)).map((r) => r.id);
    for (const got of lines) expect(stored).toContain(got.id);
    input.close();
  }, 90_000);
});
