import { describe, expect, it } from 'vitest';
import { mayWatchRecording } from '../../lib/domain/recording-visibility';
import { chooseStageLayout, type StageStream } from '../../lib/domain/stage-layout';
import { composeArgs, composeFilter, floorOnly, mp4Output, signTileBox, tsOutput } from '../../server/recording/compose-args';
import { captionText, CAPTION_LINE_CHARS } from '../../server/recording/caption-burner';
import { iso639_2 } from '../../lib/domain/language-tags';
import { redactUrl } from '../../server/ffmpeg/ffmpeg';
import { recordingClientEvents } from '../../lib/contracts/recording';

describe('mayWatchRecording', () => {
  it.each([
    ['organizer', 'staff', false, true],
    ['moderator', 'staff', false, true],
    ['presenter', 'staff', false, false],
    ['participant', 'staff', false, false],
    ['participant', 'participants', false, true],
    [null, 'participants', false, false],
    [null, 'public', false, false],
    [null, 'public', true, true],
    ['participant', 'public', false, true],
  ] as const)('%s, %s, link %s → %s', (role, visibility, link, expected) => {
    expect(mayWatchRecording(role, visibility, link)).toBe(expected);
  });
});

const s = (producerId: string, peerId: string, source: StageStream['source'], paused = false): StageStream => ({
  producerId,
  peerId,
  userId: `user-${peerId}`,
  kind: source === 'microphone' || source === 'screen-audio' ? 'audio' : 'video',
  source,
  paused,
});

describe('chooseStageLayout', () => {
  it('shows a placeholder and silence with nobody sending', () => {
    expect(chooseStageLayout({ streams: [], activeSpeakerPeerId: null, spotlightPeerId: null })).toEqual({ main: null, side: null, audio: [], sign: null });
  });
  it('puts the active speaker large, full frame', () => {
    const streams = [s('camA', 'a', 'camera'), s('camB', 'b', 'camera'), s('micB', 'b', 'microphone'), s('micA', 'a', 'microphone', true)];
    expect(chooseStageLayout({ streams, activeSpeakerPeerId: 'b', spotlightPeerId: null })).toEqual({ main: 'camB', side: null, audio: ['micB'], sign: null });
  });
  it('prefers the spotlight over the active speaker', () => {
    const streams = [s('camA', 'a', 'camera'), s('camB', 'b', 'camera')];
    expect(chooseStageLayout({ streams, activeSpeakerPeerId: 'b', spotlightPeerId: 'a' }).main).toBe('camA');
  });
  it('puts a screen share large with the sharer’s camera beside it', () => {
    const streams = [s('camA', 'a', 'camera'), s('camB', 'b', 'camera'), s('scrB', 'b', 'screen'), s('micA', 'a', 'microphone')];
    expect(chooseStageLayout({ streams, activeSpeakerPeerId: 'a', spotlightPeerId: null })).toEqual({ main: 'scrB', side: 'camB', audio: ['micA'], sign: null });
  });
  it('puts the sign-language interpreter in the corner, never large, even as the active speaker', () => {
    const streams = [s('camA', 'a', 'camera'), s('camS', 'sign', 'camera'), s('micS', 'sign', 'microphone')];
    expect(chooseStageLayout({ streams, activeSpeakerPeerId: 'sign', spotlightPeerId: null, signUserId: 'user-sign' })).toEqual({ main: 'camA', side: null, audio: ['micS'], sign: 'camS' });
  });
  it('keeps the sign tile beside a screen share, and over the placeholder when nobody else shows video', () => {
    const share = [s('scrA', 'a', 'screen'), s('camA', 'a', 'camera'), s('camS', 'sign', 'camera')];
    expect(chooseStageLayout({ streams: share, activeSpeakerPeerId: null, spotlightPeerId: null, signUserId: 'user-sign' })).toMatchObject({ main: 'scrA', side: 'camA', sign: 'camS' });
    const alone = [s('camS', 'sign', 'camera')];
    expect(chooseStageLayout({ streams: alone, activeSpeakerPeerId: null, spotlightPeerId: null, signUserId: 'user-sign' })).toMatchObject({ main: null, sign: 'camS' });
  });
  it('has no sign tile when the interpreter’s camera is off or nobody is marked', () => {
    const streams = [s('camA', 'a', 'camera'), s('camS', 'sign', 'camera', true)];
    expect(chooseStageLayout({ streams, activeSpeakerPeerId: null, spotlightPeerId: null, signUserId: 'user-sign' }).sign).toBeNull();
    expect(chooseStageLayout({ streams: [s('camS', 'sign', 'camera')], activeSpeakerPeerId: null, spotlightPeerId: null }).sign).toBeNull();
  });
  it('skips paused cameras', () => {
    const streams = [s('camA', 'a', 'camera', true), s('camB', 'b', 'camera')];
    expect(chooseStageLayout({ streams, activeSpeakerPeerId: 'a', spotlightPeerId: null }).main).toBe('camB');
  });
});

describe('composeFilter', () => {
  it('mixes every sound and numbers inputs in SDP order', () => {
    const f = composeFilter({ main: true, side: true, audio: 2 });
    expect(f).toContain('[0:0]');
    expect(f).toContain('[0:1]');
    expect(f).toContain('[0:3]');
    expect(f).toContain('amix=inputs=2');
  });
  it('makes a placeholder and silence without inputs', () => {
    const f = composeFilter({ main: false, side: false, audio: 0 });
    expect(f).not.toContain('[0:');
    expect(f).toContain('anullsrc');
  });
});

describe('composeFilter: sign tile, captions, language tracks', () => {
  const captions = { textFile: '/tmp/balai-compose-x/captions.txt', fontFile: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' };
  it('overlays the sign camera (the input after main and side) in the bottom-right corner', () => {
    const f = composeFilter({ main: true, side: true, sign: true, audio: 1 });
    const tile = signTileBox();
    expect(tile.x + tile.width).toBeLessThan(1280);
    expect(tile.y + tile.height).toBeLessThan(720);
    expect(f).toContain(`[0:2]setpts=PTS-STARTPTS,scale=${tile.width}:${tile.height}:force_original_aspect_ratio=decrease,setsar=1[g]`);
    expect(f).toContain(`[stage][g]overlay=x=${tile.x + tile.width}-w:y=${tile.y + tile.height}-h`);
    // The floor's sound is the next input.
    expect(f).toContain('[0:3]asetpts');
  });
  it('overlays the sign tile on the placeholder as input 0 when nobody else shows video', () => {
    const f = composeFilter({ main: false, side: false, sign: true, audio: 0 });
    expect(f).toContain('realtime[stage]');
    expect(f).toContain('[0:0]setpts=PTS-STARTPTS');
    expect(f).toMatch(/\[stage\]\[g\]overlay/);
  });
  it('burns captions with drawtext re-reading the text file, left of the sign tile when there is one', () => {
    const plain = composeFilter({ main: true, side: false, audio: 1, captions });
    expect(plain).toContain(`drawtext=fontfile=${captions.fontFile}:textfile=${captions.textFile}:reload=1`);
    expect(plain).toContain('x=(1280-text_w)/2');
    const signed = composeFilter({ main: true, side: false, sign: true, audio: 1, captions });
    expect(signed).toContain(`x=(${signTileBox().x - 24}-text_w)/2`);
    expect(signed.indexOf('[signed]drawtext')).toBeGreaterThan(signed.indexOf('overlay=x=1256-w'));
    expect(composeFilter({ main: true, side: false, audio: 1 })).not.toContain('drawtext');
  });
  it('refuses a path that could break out of the filter graph', () => {
    expect(() => composeFilter({ main: true, side: false, audio: 1, captions: { ...captions, textFile: "/tmp/x':reload=0" } })).toThrow(/unsafe path/);
  });
  it('adds one track per language: live channels are inputs after the floor, the others silence', () => {
    const f = composeFilter({ main: true, side: false, audio: 2, languages: [{ tag: 'ind', live: true }, { tag: 'fra', live: false }] });
    expect(f).toContain('[0:3]asetpts=PTS-STARTPTS,aresample=48000:async=1000[l0]');
    expect(f).toContain('anullsrc=r=48000:cl=stereo[l1]');
    expect(f).not.toContain('arealtime[l1]');
    const args = composeArgs('/tmp/x.sdp', { main: true, side: false, audio: 2, floorTag: 'eng', languages: [{ tag: 'ind', live: true }, { tag: 'fra', live: false }] }, [mp4Output('/tmp/a.mp4')]);
    const maps = args.flatMap((a, i) => (a === '-map' ? [args[i + 1]] : []));
    expect(maps).toEqual(['[v]', '[a]', '[l0]', '[l1]']);
    const tags = args.flatMap((a, i) => (a.startsWith('-metadata:s:a:') ? [`${a.slice(14)}=${args[i + 1]}`] : []));
    expect(tags).toEqual(['0=language=eng', '1=language=ind', '2=language=fra']);
  });
  it('paces silent tracks by the wall clock when there is no input at all', () => {
    expect(composeFilter({ main: false, side: false, audio: 0, languages: [{ tag: 'ind', live: false }] })).toContain('anullsrc=r=48000:cl=stereo,arealtime[l0]');
  });
  it('gives live streams the picture and the floor only', () => {
    expect(floorOnly(tsOutput(5000))).toBe("[select=\\'v:0,a:0\\':f=mpegts:onfail=ignore]udp://127.0.0.1:5000?pkt_size=1316");
  });
});

describe('iso639_2', () => {
  it.each([
    ['en', 'eng'],
    ['id', 'ind'],
    ['pt-BR', 'por'],
    ['zh', 'zho'],
    ['fil', 'fil'],
    ['xx', 'und'],
    [null, 'und'],
  ])('%s → %s', (code, tag) => {
    expect(iso639_2(code)).toBe(tag);
  });
});

describe('captionText', () => {
  it('names the speaker, wraps long lines and keeps the last two', () => {
    const text = captionText({ speakerName: 'Ana', text: 'word '.repeat(40) });
    const lines = text.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.length <= CAPTION_LINE_CHARS)).toBe(true);
    expect(captionText({ speakerName: 'Ana', text: 'Hello there' })).toBe('Ana: Hello there');
  });
  it('escapes drawtext expansions and is empty without a line', () => {
    expect(captionText({ speakerName: '', text: '100% %{pts}' })).toBe('100%% %%{pts}');
    expect(captionText(null)).toBe('');
  });
});

describe('redactUrl', () => {
  it('hides stream keys and credentials', () => {
    expect(redactUrl('could not open rtmp://a.rtmp.youtube.com/live2/abcd-efgh-1234: refused')).not.toContain('abcd-efgh-1234');
    expect(redactUrl('rtmps://user:secret@host/app/key')).not.toContain('secret');
  });
});

describe('recording contract', () => {
  it('refuses a start without a client id and accepts one with it', () => {
    const schema = recordingClientEvents['recording:start'].payload;
    expect(schema.safeParse({ sessionId: crypto.randomUUID() }).success).toBe(false);
    expect(schema.safeParse({ sessionId: crypto.randomUUID(), clientId: crypto.randomUUID() }).success).toBe(true);
  });
  it('refuses an unknown visibility', () => {
    const schema = recordingClientEvents['recording:set-visibility'].payload;
    expect(schema.safeParse({ recordingId: crypto.randomUUID(), visibility: 'everyone' }).success).toBe(false);
  });
});
