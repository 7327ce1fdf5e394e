import { describe, expect, it } from 'vitest';
import { clientEvents } from '../../lib/contracts/realtime';
import { normaliseLanguages } from '../../lib/domain/languages';
import { mergeLine } from '../../app/_components/captions/use-captions';
import { transcriptText, transcriptVtt } from '../../lib/services/captions';

const S = '3f1a1c1e-8a40-4c55-9f0e-1d2b3c4d5e6f';

describe('language access contracts', () => {
  it.each([
    ['interpretation:configure', { sessionId: S, floorLanguage: 'en', languages: ['id', 'vi', 'pt-BR'] }, true],
    ['interpretation:configure', { sessionId: S, floorLanguage: 'EN', languages: [] }, false],
    ['interpretation:configure', { sessionId: S, floorLanguage: 'en', languages: ['bahasa'] }, false],
    ['interpretation:assign', { sessionId: S, userId: S, language: 'th', assigned: true }, true],
    ['interpretation:assign', { sessionId: S, userId: S, language: 'th', assigned: true, breakoutRoomId: 'room-1' }, false],
    ['interpretation:listen', { channelId: null }, true],
    ['interpretation:listen', { channelId: S }, true],
    ['interpretation:listen', { channelId: 'id' }, false],
    ['interpretation:mute', { channelId: S, muted: 'yes' }, false],
    ['interpretation:set-sign-interpreter', { sessionId: S, userId: null }, true],
    ['captions:send', { sessionId: S, lineId: S, text: 'Halo', language: 'id', final: false }, true],
    ['captions:send', { sessionId: S, lineId: S, text: '', language: 'id', final: true }, false],
    ['captions:send', { sessionId: S, lineId: S, text: 'Halo', language: 'id', final: true, speakerName: 'x'.repeat(81) }, false],
    ['captions:set-display', { sessionId: S, onDisplay: 1 }, false],
    ['display:sign-open', {}, true],
    ['display:sign-watch', { rtpCapabilities: { codecs: [] } }, true],
    ['display:sign-watch', { rtpCapabilities: { codecs: 'vp8' } }, false],
    ['display:sign-resume', { consumerId: S }, true],
    ['display:sign-resume', { consumerId: '' }, false],
    ['display:sign-connect', { dtlsParameters: { fingerprints: [] } }, false],
  ] as const)('%s %j → valid: %s', (name, payload, valid) => {
    expect(clientEvents[name].payload.safeParse(payload).success).toBe(valid);
  });

  it('keeps the floor out of the interpretation languages and drops duplicates, in order', () => {
    expect(normaliseLanguages('en', ['id', 'en', 'vi', 'id'])).toEqual(['id', 'vi']);
  });
});

describe('caption lines', () => {
  const line = (id: string, text: string, final = true) => ({ id, sessionId: S, speakerName: 'Sari', language: 'en', text, source: 'human' as const, final, at: '2026-11-29T00:00:00Z' });
  it('replaces a line being typed and appends new ones', () => {
    const typed = mergeLine([line('a', 'Hel', false)], line('a', 'Hello'));
    expect(typed).toEqual([line('a', 'Hello')]);
    expect(mergeLine(typed, line('b', 'World')).map((l) => l.id)).toEqual(['a', 'b']);
  });

  it('writes WebVTT cues from the first line with the speaker as a voice, escaping markup', () => {
    const t0 = new Date('2026-11-29T02:00:00Z');
    const rows = [
      { id: 'a', sessionId: S, userId: null, speakerName: 'Dr Sari', language: 'en', text: 'Good <b>morning</b>', source: 'human', startedAt: t0, endedAt: t0 },
      { id: 'b', sessionId: S, userId: null, speakerName: 'Budi', language: 'id', text: 'Selamat pagi', source: 'auto', startedAt: new Date(t0.getTime() + 4500), endedAt: new Date(t0.getTime() + 6000) },
    ];
    expect(transcriptVtt(rows)).toBe(
      'WEBVTT\n\n1\n00:00:00.000 --> 00:00:04.500\n<v Dr Sari>Good &lt;b&gt;morning&lt;/b&gt;\n\n2\n00:00:04.500 --> 00:00:08.000\n<v Budi>Selamat pagi\n',
    );
    expect(transcriptText(rows, 'Asia/Jakarta')).toBe('[09:00:00] Dr Sari (en): Good <b>morning</b>\n[09:00:04] Budi (id): Selamat pagi\n');
  });
});
