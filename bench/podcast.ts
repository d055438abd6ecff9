// The benchmark's long recording: espeak-ng reads seeded prose paragraph by paragraph, with pauses, into an MP3.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ffprobe, nativeFfmpeg, speak } from '../tests/support/media';
import { paragraphs } from './prose';

export interface Recording {
  /** The MP3 a user would drop on the page. */
  file: string;
  /** Every word spoken, in order (what the fake transcriber "hears"). */
  text: string;
  seconds: number;
  sentences: number;
  words: number;
}

/** How the file is encoded: a typical spoken-word podcast (44.1 kHz stereo MP3 at 128 kb/s). */
const ENCODING = ['-ar', '44100', '-ac', '2', '-c:a', 'libmp3lame', '-b:a', '128k'];
/** Silence before the first word, and the longest stretch of silence left at the end. */
const LEAD_IN = 0.5;
const MAX_TAIL = 3;
/** Bump when the text or the way it is spoken changes, so a cached recording is not reused. */
const VERSION = 1;

const duration = async (file: string) => Number((await ffprobe(file)).format.duration);

/** A WAV of `seconds` of silence at espeak-ng's format (22.05 kHz mono), made once per length. */
async function silence(dir: string, seconds: number): Promise<string> {
  const file = join(dir, `silence-${seconds.toFixed(1)}.wav`);
  if (!existsSync(file)) {
    await nativeFfmpeg(['-f', 'lavfi', '-i', 'anullsrc=r=22050:cl=mono', '-t', seconds.toFixed(1), file]);
  }
  return file;
}

/**
 * Exactly `minutes` of narration: paragraphs at 150-175 words a minute, 0.7-1.9 s apart, as many as
 * fit (a paragraph that would overrun is skipped for a shorter one), padded with silence to the end.
 * Cached under `dir`, so repeated runs measure the app, not espeak-ng.
 */
export async function recordPodcast(minutes: number, dir: string): Promise<Recording> {
  const target = Math.round(minutes * 60 * 100) / 100;
  const home = join(dir, `podcast-${target}s-v${VERSION}`);
  const file = join(home, 'narration.mp3');
  const script = join(home, 'script.txt');
  if (existsSync(file) && existsSync(script)) return describe(file, await readFile(script, 'utf8'));

  const parts = join(home, 'parts');
  await mkdir(parts, { recursive: true });
  const list: string[] = [await silence(parts, LEAD_IN)];
  const spoken: string[] = [];
  let total = LEAD_IN;
  let misses = 0;
  let i = 0;
  for (const paragraph of paragraphs()) {
    if (target - total < MAX_TAIL || misses >= 10) break;
    const wav = join(parts, `p${i}.wav`);
    await speak(paragraph.text, wav, { wpm: 150 + ((i * 7) % 26) });
    const seconds = await duration(wav);
    const pause = 0.7 + ((i * 0.37) % 1.2);
    i++;
    if (total + seconds > target) {
      misses++;
      continue;
    }
    misses = 0;
    spoken.push(paragraph.text);
    list.push(wav, await silence(parts, pause));
    total += seconds + Number(pause.toFixed(1));
  }
  if (spoken.length === 0) throw new Error(`BENCH_MINUTES=${minutes} is too short for even one paragraph.`);
  const concat = join(home, 'parts.txt');
  await writeFile(concat, ['ffconcat version 1.0', ...list.map((part) => `file '${part}'`), ''].join('\n'));
  await nativeFfmpeg([
    '-f',
    'concat',
    '-safe',
    '0',
    '-i',
    concat,
    '-af',
    'apad',
    '-t',
    String(target),
    ...ENCODING,
    file,
  ]);
  const text = spoken.join(' ');
  await writeFile(script, text);
  await rm(parts, { recursive: true, force: true });
  return describe(file, text);
}

async function describe(file: string, text: string): Promise<Recording> {
  return {
    file,
    text,
    seconds: await duration(file),
    sentences: text.split(/(?<=[.?!])\s+(?=[A-Z])/).length,
    words: text.split(/\s+/).length,
  };
}
