/**
 * Speech-to-text real-time factor and caption delay on this machine, with the
 * configured engine (default: Debian's PocketSphinx and its en-US model).
 *
 *   npm run bench:stt [-- --model /usr/share/pocketsphinx/model/en-us --runs 3]
 *
 * Real-time factor: a spoken clip (espeak-ng → sox, 16 kHz mono PCM) is fed as
 * fast as the engine takes it; RTF = processing time / audio duration (below 1
 * keeps up with live speech), with and without the engine's start-up (model
 * load, measured on its own; paid once per speaker stream). Caption delay: the
 * same clip fed in real time in 100 ms chunks, as the floor tap delivers it;
 * delay = from the end of the speech (silence begins) to the last recognised
 * line. Prints one JSON line, with the load average (the figures depend on it).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { engineFrom } from '../server/captions/engine';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const model = opt('model', process.env.CAPTIONS_MODEL ?? '/usr/share/pocketsphinx/model/en-us');
const runs = Number(opt('runs', '3'));
const TEXT =
  'Good morning everyone and welcome to the opening session. Today we talk about small and medium industries, ' +
  'the markets they serve and the support they need to grow across the region.';

function clip(): { pcm: Buffer; seconds: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'balai-stt-bench-'));
  const wav = path.join(dir, 'speech.wav');
  const raw = path.join(dir, 'speech.raw');
  execFileSync('espeak-ng', ['-s', '150', '-w', wav, TEXT]);
  execFileSync('sox', [wav, '-r', '16000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-t', 'raw', raw]);
  const pcm = readFileSync(raw);
  return { pcm, seconds: pcm.length / 32000 };
}

const SILENCE = Buffer.alloc(32000); // one second
const CHUNK = 3200; // 100 ms, as the floor tap delivers it

/** The engine started and stopped with half a second of silence: its start-up (model load), paid once per speaker. */
async function startup(): Promise<number> {
  const engine = engineFrom({ CAPTIONS_ENGINE: 'pocketsphinx', CAPTIONS_MODEL: model })!;
  const start = performance.now();
  const stream = engine.open(() => undefined);
  stream.write(SILENCE.subarray(0, 16000));
  await stream.end();
  return performance.now() - start;
}

/** The clip fed as fast as the engine takes it; returns the wall time and what was recognised. */
async function flatOut(pcm: Buffer): Promise<{ ms: number; text: string }> {
  const engine = engineFrom({ CAPTIONS_ENGINE: 'pocketsphinx', CAPTIONS_MODEL: model })!;
  const heard: string[] = [];
  const start = performance.now();
  const stream = engine.open((r) => heard.push(r.text));
  stream.write(pcm);
  stream.write(SILENCE);
  await stream.end();
  return { ms: performance.now() - start, text: heard.join(' ') };
}

/**
 * The clip fed in real time (100 ms chunks paced by the wall clock, so a slow
 * timer never feeds slower than speech), then silence as a live microphone
 * sends it. Delay: from the end of the speech to the last line recognised
 * after it. NaN if no line came within 10 s of silence.
 */
async function delay(pcm: Buffer): Promise<number> {
  const engine = engineFrom({ CAPTIONS_ENGINE: 'pocketsphinx', CAPTIONS_MODEL: model })!;
  let lastLineAt = 0;
  const stream = engine.open(() => {
    lastLineAt = performance.now();
  });
  const start = performance.now();
  const pace = async (i: number) => {
    const due = start + i * 100 - performance.now();
    if (due > 0) await new Promise((r) => setTimeout(r, due));
  };
  const chunks = Math.ceil(pcm.length / CHUNK);
  for (let i = 0; i < chunks; i++) {
    await pace(i);
    stream.write(pcm.subarray(i * CHUNK, (i + 1) * CHUNK));
  }
  await pace(chunks);
  const speechEnded = performance.now();
  for (let i = 1; i <= 100 && lastLineAt <= speechEnded; i++) {
    stream.write(Buffer.alloc(CHUNK));
    await pace(chunks + i);
  }
  await stream.end();
  return lastLineAt > speechEnded ? lastLineAt - speechEnded : Number.NaN;
}

function wordsHeard(text: string): string {
  const words = (t: string) => new Set(t.toLowerCase().match(/[a-z]+/g) ?? []);
  const said = words(TEXT);
  const heard = words(text);
  return `${[...said].filter((w) => heard.has(w)).length}/${said.size}`;
}

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]! : Number.NaN);

async function main() {
  const { pcm, seconds } = clip();
  const startups: number[] = [];
  const factors: number[] = [];
  const steady: number[] = [];
  const delays: number[] = [];
  let text = '';
  for (let i = 0; i < runs; i++) startups.push(await startup());
  const start = median(startups);
  for (let i = 0; i < runs; i++) {
    const run = await flatOut(pcm);
    text = run.text;
    factors.push(run.ms / 1000 / seconds);
    // Without the start-up: how fast the engine goes through speech once running (a speaker's stream stays open).
    steady.push(Math.max(0, run.ms - start) / 1000 / seconds);
  }
  for (let i = 0; i < runs; i++) delays.push(await delay(pcm));
  const heard = delays.filter((d) => !Number.isNaN(d));
  const [load1, load5] = os.loadavg();
  console.log(
    JSON.stringify({
      engine: 'pocketsphinx',
      model,
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      loadAverage: { '1min': Number(load1!.toFixed(2)), '5min': Number(load5!.toFixed(2)) },
      audioSeconds: Number(seconds.toFixed(2)),
      startupMs: { median: Math.round(start), runs: startups.map((d) => Math.round(d)) },
      realTimeFactor: { median: Number(median(factors).toFixed(3)), runs: factors.map((f) => Number(f.toFixed(3))) },
      realTimeFactorWithoutStartup: { median: Number(median(steady).toFixed(3)), runs: steady.map((f) => Number(f.toFixed(3))) },
      captionDelayMs: { median: heard.length ? Math.round(median(heard)) : null, runs: delays.map((d) => (Number.isNaN(d) ? null : Math.round(d))), missed: delays.length - heard.length },
      recognised: text,
      // Not a word error rate: how many of the clip's distinct words appear anywhere in what came out (espeak-ng's voice is hard for PocketSphinx).
      wordsHeard: wordsHeard(text),
    }),
  );
}

void main();
