import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineFrom, pocketSphinx, type Recognition } from '../../server/captions/engine';

const MODEL = '/usr/share/pocketsphinx/model/en-us';

/** A spoken clip made the way the notes say: espeak-ng, then sox to 16 kHz mono signed 16-bit raw PCM. */
function spokenClip(words: string): Buffer {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'balai-stt-'));
  const wav = path.join(dir, 'clip.wav');
  const raw = path.join(dir, 'clip.raw');
  execFileSync('espeak-ng', ['-s', '130', '-w', wav, words]);
  execFileSync('sox', [wav, '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'raw', raw]);
  return readFileSync(raw);
}

describe('speech-to-text engine', () => {
  it('is off unless configured, and refuses an engine without its model path', () => {
    expect(engineFrom({})).toBeNull();
    expect(() => engineFrom({ CAPTIONS_ENGINE: 'pocketsphinx' })).toThrow(/CAPTIONS_MODEL/);
    expect(() => pocketSphinx('/nowhere')).toThrow(/missing/);
  });

  it('PocketSphinx recognises words of a spoken English clip streamed in as 16 kHz PCM', async () => {
    const engine = engineFrom({ CAPTIONS_ENGINE: 'pocketsphinx', CAPTIONS_MODEL: MODEL })!;
    const heard: Recognition[] = [];
    const stream = engine.open((r) => heard.push(r));
    const pcm = spokenClip('welcome to the opening session');
    // Streamed in 100 ms chunks, as the floor tap delivers it.
    for (let i = 0; i < pcm.length; i += 3200) stream.write(pcm.subarray(i, i + 3200));
    stream.write(Buffer.alloc(32000)); // one second of silence closes the utterance
    await stream.end();
    const text = heard.map((h) => h.text).join(' ');
    expect(heard.every((h) => h.final)).toBe(true);
    expect(text).toMatch(/opening/);
  });
});
