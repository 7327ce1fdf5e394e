import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { probe } from '../../server/ffmpeg/probe';
import { signTileBox } from '../../server/recording/compose-args';
import { existingComposer } from '../../server/recording/stage-composer';
import { finalPath, listSegments, segmentDir } from '../../server/recording/storage';
import { syncChannels } from '../../server/interpretation/channels';
import { findLivePeer, liveRoomsOfSession, mainRoomKey } from '../../server/sfu/rooms';
import { findRecording } from '../../lib/db/queries/recordings';
import { addMember, createUser, send, type TestSocket, type TestUser } from '../fixtures/server';
import { useTestServer } from '../fixtures/test-server';
import { audioStreams, colourOnStage, meanVolume, regionColour, untilListed, untilSegmentHolds, recordingCast } from '../fixtures/recording';

/**
 * What the composed recording shows and carries beyond the stage itself: the sign-language
 * interpreter's tile, burned-in captions, and one audio track per interpretation language. Cameras
 * of one flat colour make regions of the picture checkable with FFmpeg's signalstats.
 */

const testServer = useTestServer();
const { as } = testServer;

const closers: Array<() => Promise<void>> = [];

// Each test's FFmpeg sources stop with it: a small shared machine cannot run them all at once.
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

// Flat colours as FFmpeg's YUV (BT.601): blue is high in U, lime low in U and V, black-on-anything neutral.
const isBlue = (c: { u: number }) => c.u > 200;
const isLime = (c: { u: number; v: number }) => c.u < 100 && c.v < 100;

async function newSession() {
  const { event, session, presenter, participant, m, p } = await recordingCast(as);
  await send(m, 'recording:join', { sessionId: session.id });
  return { event, session, m, p, presenter, participant };
}

async function stage(sessionId: string, owner: TestUser, colour: string, size?: string, tone?: number) {
  const source = await colourOnStage(sessionId, { userId: owner.id, name: owner.name }, colour, size, tone);
  closers.push(() => source.close());
  return source;
}

/** Records until the file holds `seconds` of picture (however long a busy machine takes to get there), then stops. */
async function recordFor(m: TestSocket, sessionId: string, seconds: number, options: { burnCaptions?: boolean; during?: (dir: string) => Promise<void> } = {}) {
  const started = await send(m, 'recording:start', { sessionId, clientId: randomUUID(), burnCaptions: options.burnCaptions ?? false });
  if (!started.ok) throw new Error(started.error.message);
  const dir = segmentDir(sessionId, started.data.recordingId);
  await untilSegmentHolds(dir, seconds);
  await options.during?.(dir);
  const stopped = await send(m, 'recording:stop', { sessionId });
  expect(stopped.ok).toBe(true);
  const row = await untilListed(m, async () => {
    const r = await findRecording(started.data.recordingId);
    return r && (r.status === 'ready' || r.status === 'failed') ? r : undefined;
  }, 60_000);
  expect(row.status).toBe('ready');
  const file = finalPath(sessionId, row.id);
  const info = await probe(file);
  expect(info?.video).toMatchObject({ codec: 'h264', width: 1280, height: 720 });
  return { row, file, durationSec: info!.durationSec, started: started.data };
}

describe('the sign-language interpreter in the recording', () => {
  it('overlays the marked interpreter’s camera in the bottom-right corner over the speaker', { timeout: 120_000 }, async () => {
    const { event, session, m, presenter } = await newSession();
    const signer = await createUser('Sign Interpreter');
    await addMember(event.id, signer, 'participant');
    const marked = await send(m, 'interpretation:set-sign-interpreter', { sessionId: session.id, userId: signer.id });
    expect(marked.ok && marked.data.signInterpreterId).toBe(signer.id);
    await stage(session.id, presenter, '0x0000FF');
    await stage(session.id, signer, '0x00FF00', '320x180', 660);

    const { file, durationSec } = await recordFor(m, session.id, 6);
    const at = Math.max(1, durationSec / 2);
    const tile = signTileBox();
    // Inside the tile (a margin off its edges, where scaling blends): the interpreter's lime.
    const inTile = await regionColour(file, at, { x: tile.x + 16, y: tile.y + 16, width: tile.width - 32, height: tile.height - 32 });
    expect(isLime(inTile), JSON.stringify(inTile)).toBe(true);
    // The rest of the picture: the presenter's blue, large (the interpreter never takes the stage).
    const elsewhere = await regionColour(file, at, { x: 100, y: 100, width: 400, height: 300 });
    expect(isBlue(elsewhere), JSON.stringify(elsewhere)).toBe(true);
    const leftOfTile = await regionColour(file, at, { x: tile.x - 120, y: tile.y + 16, width: 80, height: 80 });
    expect(isBlue(leftOfTile), JSON.stringify(leftOfTile)).toBe(true);
  });
});

describe('captions burned into the recording', () => {
  it('shows a caption line in the caption region while it is shown, and a clean picture before', { timeout: 120_000 }, async () => {
    const { session, m, p, presenter, participant } = await newSession();
    expect((await send(m, 'captions:assign', { sessionId: session.id, userId: participant.id, assigned: true })).ok).toBe(true);
    await stage(session.id, presenter, '0x0000FF');
    const text = 'Welcome to the burned caption test';
    const { file, durationSec, started } = await recordFor(m, session.id, 4, {
      burnCaptions: true,
      during: async (dir) => {
        const sent = await send(p, 'captions:send', { sessionId: session.id, lineId: randomUUID(), text, language: 'en', final: true, speakerName: 'Ana' });
        expect(sent.ok).toBe(true);
        // The line reached the composition's caption text (drawtext reads it every frame).
        expect(existingComposer(session.id)?.captionText).toBe(`Ana: ${text}`);
        // Four more seconds of picture while the line is up (it stays six seconds after its last change).
        const segments = await listSegments(dir);
        const now = (await probe(segments[segments.length - 1]!))?.durationSec ?? 0;
        await untilSegmentHolds(dir, now + 4);
      },
    });
    expect(started.burnCaptions).toBe(true);
    // The caption box sits centred near the bottom: a strip through its middle.
    const strip = { x: 540, y: 640, width: 200, height: 36 };
    const before = await regionColour(file, 1, strip);
    expect(isBlue(before), `before the line: ${JSON.stringify(before)}`).toBe(true);
    const late = await Promise.all([1.5, 2.5, 3.5].map((back) => regionColour(file, Math.max(0, durationSec - back), strip)));
    // The dark box with white letters over blue pulls U well down towards neutral.
    expect(late.some((c) => c.u < 185), `while the line is shown: ${JSON.stringify(late)}`).toBe(true);
    // Above the caption region the picture is untouched.
    const above = await regionColour(file, Math.max(0, durationSec - 2.5), { x: 540, y: 300, width: 200, height: 60 });
    expect(isBlue(above), JSON.stringify(above)).toBe(true);
  });

  it('is off by default: nothing is burned in', { timeout: 60_000 }, async () => {
    const { session, m } = await newSession();
    const started = await send(m, 'recording:start', { sessionId: session.id, clientId: randomUUID() });
    expect(started.ok && started.data.burnCaptions).toBe(false);
    expect(existingComposer(session.id)?.captionText ?? null).toBeNull();
    expect((await send(m, 'recording:stop', { sessionId: session.id })).ok).toBe(true);
  });

  it('refuses a burnCaptions that is not a boolean', async () => {
    const { session, m } = await newSession();
    const ack = await send(m, 'recording:start', { sessionId: session.id, clientId: randomUUID(), burnCaptions: 'yes' });
    expect(ack.ok ? null : ack.error.code).toBe('invalid_payload');
  });
});

describe('one audio track per interpretation language', () => {
  it('writes the floor first, then each language tagged with its ISO 639-2 code; a live channel carries the interpreter', { timeout: 120_000 }, async () => {
    const { event, session, m, presenter } = await newSession();
    const configured = await send(m, 'interpretation:configure', { sessionId: session.id, floorLanguage: 'en', languages: ['id', 'fr'] });
    expect(configured.ok).toBe(true);
    await stage(session.id, presenter, '0x0000FF', '640x360', 440);
    // An interpreter's voice (a server-side microphone) held in the Indonesian channel.
    const interpreter = await createUser('Interpreter');
    await addMember(event.id, interpreter, 'participant');
    const voice = await stage(session.id, interpreter, '0xFF0000', '320x180', 880);
    const room = liveRoomsOfSession(session.id).find((r) => r.key === mainRoomKey(session.id))!;
    const channels = await syncChannels(room);
    const peer = findLivePeer(voice.peerId)!.peer;
    const mic = [...peer.producers.values()].find((p) => p.source === 'microphone')!.producer;
    expect(await channels.get('id')!.addVoice(peer, mic)).toBe(true);
    expect(channels.get('id')!.live).toBe(true);
    expect(channels.get('fr')!.live).toBe(false);

    const { file } = await recordFor(m, session.id, 6);
    const tracks = await audioStreams(file);
    expect(tracks.map((t) => [t.codec, t.language])).toEqual([
      ['aac', 'eng'],
      ['aac', 'ind'],
      ['aac', 'fra'],
    ]);
    // The Indonesian track carries the interpreter; nobody interprets into French: silence.
    expect(await meanVolume(file, 1)).toBeGreaterThan(-50);
    expect(await meanVolume(file, 2)).toBeLessThan(-80);
    expect(await meanVolume(file, 0)).toBeGreaterThan(-50);
  });

  it('has a single floor track when the session has no interpretation', { timeout: 90_000 }, async () => {
    const { session, m, presenter } = await newSession();
    await stage(session.id, presenter, '0x0000FF');
    const { file } = await recordFor(m, session.id, 4);
    expect((await audioStreams(file)).length).toBe(1);
  });
});
