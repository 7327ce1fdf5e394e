import { afterAll, describe, expect, it } from 'vitest';
import { startFfmpeg, type FfmpegProcess } from '../../server/ffmpeg/ffmpeg';
import { livePeerOf } from '../../server/sfu/rooms';
import { nextEvent, send, collectEvents } from '../fixtures/server';
import { useTestServer } from '../fixtures/test-server';
import { joinMedia, meetingWithModerator } from '../fixtures/media';
import type { ServerEventPayload } from '../../lib/contracts/realtime';

// The RTMP input listens on this helper's ports (3351–3369); see INGEST_RTMP_PORT_MIN/MAX.
const testServer = useTestServer();
const { as } = testServer;

process.env.INGEST_RTMP_PORT_MIN = '3360';
process.env.INGEST_RTMP_PORT_MAX = '3364';
process.env.INGEST_LISTEN_IP = '127.0.0.1';

const pushers: FfmpegProcess[] = [];

afterAll(async () => {
  for (const p of pushers) await p.stop(1000);
});

/** A hall mixer stand-in: FFmpeg pushing a test pattern and a tone over RTMP. */
function pushTestPattern(url: string): FfmpegProcess {
  const p = startFfmpeg(
    ['-re', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25', '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '25', '-c:a', 'aac', '-f', 'flv', url],
    'mixer',
  );
  pushers.push(p);
  return p;
}

describe('ingest from the hall mixer (RTMP in)', () => {
  it('only organizers and moderators see or open the input; the key is never sent to participants', async () => {
    const { session, p } = await meetingWithModerator(as);
    for (const event of ['ingest:get', 'ingest:enable', 'ingest:disable'] as const) {
      const ack = await send(p, event, { sessionId: session.id });
      expect(ack.ok ? null : ack.error.code).toBe('forbidden');
    }
    const bad = await send(p, 'ingest:enable', { sessionId: 'nope' });
    expect(bad.ok ? null : bad.error.code).toBe('invalid_payload');
  });

  it('a test pattern pushed over RTMP becomes a producer on the stage that a participant consumes; a wrong key is cut off; a dead feed leaves the stage and the input listens again', { timeout: 120_000 }, async () => {
    const { session, m, p } = await meetingWithModerator(as);
    await joinMedia(p, session.id);
    const watch = collectEvents(m, 'ingest:status', 60_000);
    const opened = await send(m, 'ingest:enable', { sessionId: session.id });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.data).toMatchObject({ enabled: true, url: expect.stringMatching(/^rtmp:\/\/.+:336\d\/live$/), streamKey: expect.stringMatching(/^[0-9a-f]{24}$/) });
    const port = new URL(opened.data.url!).port;

    // Someone with the wrong key is refused and told to nobody but the staff.
    // The input's listener may still be starting when the URL is handed out (CI once saw "connection refused"):
    // like a real mixer, the intruder tries again until it reaches it.
    const wrongKey = (s: ServerEventPayload<'ingest:status'>) => s.status.error === 'wrong-key';
    let intruder = pushTestPattern(`rtmp://127.0.0.1:${port}/live/wrong-key`);
    for (let attempt = 0; !watch.seen.some(wrongKey); attempt++) {
      const exited = await Promise.race([intruder.exited.then(() => true), watch.until(wrongKey).then(() => false)]);
      if (!exited || watch.seen.some(wrongKey)) break;
      if (attempt >= 10) throw new Error('the intruder never reached the input');
      await new Promise((r) => setTimeout(r, 300));
      intruder = pushTestPattern(`rtmp://127.0.0.1:${port}/live/wrong-key`);
    }
    await intruder.stop(1000);

    const added = new Promise<ServerEventPayload<'media:producer-added'>>((resolve) => {
      p.on('media:producer-added', (x) => x.kind === 'video' && resolve(x));
    });
    // The input listens again a moment after cutting the intruder off; a mixer retries until it is taken.
    await watch.until((s) => s.status.state === 'waiting' && s.status.error === 'wrong-key');
    const target = `${opened.data.url!.replace(/\/\/[^:]+:/, '//127.0.0.1:')}/${opened.data.streamKey}`;
    let mixer = pushTestPattern(target);
    for (let attempt = 0; !watch.seen.some((s) => s.status.state === 'live'); attempt++) {
      const exited = await Promise.race([mixer.exited.then(() => true), watch.until((s) => s.status.state === 'live').then(() => false)]);
      if (exited && attempt < 10) mixer = pushTestPattern(target);
      else if (exited) throw new Error('the mixer was never taken');
    }
    const video = await added;
    // The participant's live room has the mixer's camera, and frames flow into it.
    const { room } = livePeerOf(p.id!)!;
    const found = room.findProducer(video.producerId);
    expect(found?.source).toBe('camera');
    await expect.poll(async () => (await found!.producer.getStats()).reduce((n, s) => n + s.byteCount, 0), { timeout: 30_000 }).toBeGreaterThan(10_000);
    const consumed = await send(p, 'media:consume', { producerId: video.producerId });
    expect(consumed.ok ? null : consumed.error.code).toBe('conflict'); // no receive transport yet: the producer is real and routable

    // The mixer goes away: its peer leaves the stage, the input says so and listens again.
    const left = nextEvent(p, 'media:peer-left', 30_000);
    await mixer.stop(2000);
    await left;
    await watch.until((s) => s.status.error === 'disconnected');
    const view = await send(m, 'ingest:get', { sessionId: session.id });
    expect(view.ok && view.data.enabled).toBe(true);

    const closed = await send(m, 'ingest:disable', { sessionId: session.id });
    expect(closed.ok && closed.data).toMatchObject({ enabled: false, streamKey: null });
    // Nothing about the input ever reached the participant.
    expect(JSON.stringify(await send(p, 'recording:join', { sessionId: session.id }))).not.toContain(opened.data.streamKey!);
  });
});
