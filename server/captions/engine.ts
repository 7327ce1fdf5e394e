import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * Speech-to-text behind one interface: 16 kHz mono signed 16-bit PCM in,
 * recognised text out. The engine and its model are chosen by configuration
 * (CAPTIONS_ENGINE, CAPTIONS_MODEL) and never fetched at run time.
 */
export interface Recognition {
  text: string;
  /** The engine closed an utterance (a pause): the line is final. */
  final: boolean;
}

export interface SpeechStream {
  write(pcm: Buffer): void;
  /** No more audio: resolves once the engine has said everything it recognised. */
  end(): Promise<void>;
  close(): void;
}

export interface SpeechEngine {
  readonly name: string;
  open(onText: (r: Recognition) => void): SpeechStream;
}

export const CAPTION_ENGINES = ['pocketsphinx'] as const;
export type CaptionEngineName = (typeof CAPTION_ENGINES)[number];

/**
 * CMU PocketSphinx (Debian's pocketsphinx + pocketsphinx-en-us), reading raw
 * PCM on stdin and printing one line per utterance. `model` is a directory
 * holding the acoustic model folder `en-us`, `en-us.lm.bin` and
 * `cmudict-en-us.dict` (Debian: /usr/share/pocketsphinx/model/en-us).
 */
export function pocketSphinx(model: string): SpeechEngine {
  const files = { hmm: path.join(model, 'en-us'), lm: path.join(model, 'en-us.lm.bin'), dict: path.join(model, 'cmudict-en-us.dict') };
  for (const f of Object.values(files)) if (!existsSync(f)) throw new Error(`CAPTIONS_MODEL: ${f} is missing`);
  return {
    name: 'pocketsphinx',
    open(onText) {
      // Node hands a child a socket as stdin, which pocketsphinx cannot open as `/dev/stdin`: `cat` turns it
      // into a real pipe. stdbuf: stdout is a pipe too, and block buffering would hold lines back until it fills.
      const child: ChildProcessWithoutNullStreams = spawn(
        'sh',
        ['-c', 'cat | exec stdbuf -oL pocketsphinx_continuous -infile /dev/stdin "$@"', 'sh', '-hmm', files.hmm, '-lm', files.lm, '-dict', files.dict, '-logfn', '/dev/null'],
        { stdio: ['pipe', 'pipe', 'pipe'] },
      );
      const done = new Promise<void>((resolve) => child.once('close', () => resolve()));
      child.stdin.on('error', () => undefined); // the engine exited; `done` reports it
      child.stderr.resume();
      createInterface({ input: child.stdout }).on('line', (line) => {
        const text = line.trim();
        if (text) onText({ text, final: true });
      });
      return {
        write(pcm) {
          if (!child.stdin.destroyed) child.stdin.write(pcm);
        },
        async end() {
          child.stdin.end();
          await done;
        },
        close() {
          child.kill('SIGKILL');
        },
      };
    },
  };
}

/** The configured engine, or null when captions are off (nothing set). */
export function engineFrom(config: { CAPTIONS_ENGINE?: CaptionEngineName; CAPTIONS_MODEL?: string }): SpeechEngine | null {
  if (!config.CAPTIONS_ENGINE) return null;
  if (!config.CAPTIONS_MODEL) throw new Error('CAPTIONS_ENGINE is set but CAPTIONS_MODEL (the model path) is not');
  switch (config.CAPTIONS_ENGINE) {
    case 'pocketsphinx':
      return pocketSphinx(config.CAPTIONS_MODEL);
  }
}
