// The benchmark's long recording: espeak-ng reads seeded prose paragraph by paragraph, with pauses, into an MP3.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
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
const VERSION = 3;

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
 * fit (the last one cut to the sentences that fit), padded with at most a few seconds of silence.
 * Cached under `dir`, so repeated runs measure the app, not espeak-ng.
 */
export async function recordPodcast(minutes: number, dir: string): Promise<Recording> {
  const target = Math.round(minutes * 60 * 100) / 100;
  const home = resolve(dir, `podcast-${target}s-v${VERSION}`);
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
    const pause = 0.7 + ((i * 0.37) % 1.2);
    const text = await speakWithin(paragraph.text, wav, 150 + ((i * 7) % 26), target - total);
    i++;
    if (!text) {
      misses++;
      continue;
    }
    misses = 0;
    spoken.push(text);
    list.push(wav, await silence(parts, pause));
    total += (await duration(wav)) + Number(pause.toFixed(1));
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

/** Speaks the paragraph, or as many of its first sentences as last at most `room` seconds; the text spoken, if any. */
async function speakWithin(paragraph: string, wav: string, wpm: number, room: number): Promise<string | undefined> {
  const sentences = paragraph.split(/(?<=[.?!])\s+/);
  for (let count = sentences.length; count > 0; count--) {
    const text = sentences.slice(0, count).join(' ');
    await speak(text, wav, { wpm });
    if ((await duration(wav)) <= room) return text;
  }
  return undefined;
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
