// Filler words and long pauses cut, in the built app in Chromium against the fakes: a made-up recording
// whose "words" are a 440 Hz tone and whose fillers a 1500 Hz one, transcribed at known times. The video
// comes out shorter by the cut time, without the filler tones, with frames matching its sound; one cut
// toggled re-renders only the clips it touches and asks nothing upstream again.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TimedWord } from '../fakes/groq-stt';
import { ffprobe, pcm, streamOf } from '../support/media';
import {
  download,
  openHome,
  pickFile,
  startRig,
  storedProjects,
  waitForNewFinal,
  waitForStep,
  type StoredProject,
} from './app-helpers';
import { sharedRig } from './shared-rig';
import { soundDuration } from './final-video';

const run = promisify(execFile);
const RATE = 16_000;
const FPS = 30;

type Project = Omit<StoredProject, 'scenes'> & {
  tighten?: { on: boolean; kept?: string[] };
  scenes?: (NonNullable<StoredProject['scenes']>[number] & { clip?: { key: string } })[];
};

/** Eight words of 0.45 s (a 440 Hz tone with 50 ms gaps of silence) from `start`. */
function words(start: number, texts: string): TimedWord[] {
  return texts.split(' ').map((word, i) => ({ word, start: start + 0.5 * i, end: start + 0.5 * i + 0.45 }));
}

// The recording: speech 0.3-4.25, "um" 4.5-5.0, speech 5.2-9.15, a 3.05 s pause, speech 12.2-16.15,
// "uh" 16.4-16.9, speech 17.1-21.1, then 0.4 s of silence (21.5 s in all).
const SPOKEN: TimedWord[] = [
  ...words(0.3, 'The probe left Earth in nineteen eighty nine'),
  { word: 'um,', start: 4.5, end: 5.0, filler: true },
  ...words(5.2, 'and flew past Venus on its long way.'),
  ...words(12.2, 'It reached Jupiter six years later and'),
  { word: 'uh', start: 16.4, end: 16.9, filler: true },
  ...words(17.1, 'studied its moons for nearly eight years.'),
];
const DURATION = 21.5;
/**
 * The cuts the app should propose: each filler (its 0.45 s of silence around it stays), and the 3.05 s
 * pause after "way." shortened to 0.4 s, the cut rounded up to whole frames (80) and centred.
 */
const PAUSE = 80 / 30;
const CUTS = [
  { id: '4500', start: 4.5, end: 5.0 },
  { id: '9150', start: 9.15 + (3.05 - PAUSE) / 2, end: 9.15 + (3.05 + PAUSE) / 2 },
  { id: '16400', start: 16.4, end: 16.9 },
];
const removed = (cuts: { start: number; end: number }[]) => cuts.reduce((sum, cut) => sum + cut.end - cut.start, 0);

/** Makes the recording with sox: tones where the words and fillers are, silence elsewhere. */
async function recording(file: string): Promise<void> {
  const pieces: string[] = [];
  let t = 0;
  const add = async (until: number, tone?: number) => {
    const name = `${file}.${pieces.length}.wav`;
    const length = (until - t).toFixed(3);
    const synth = tone ? ['synth', length, 'sine', String(tone), 'vol', '0.5'] : ['trim', '0', length];
    await run('sox', ['-n', '-r', String(RATE), '-c', '1', '-b', '16', name, ...synth]);
    pieces.push(name);
    t = until;
  };
  for (const word of SPOKEN) {
    await add(word.start);
    await add(word.end, word.filler ? 1500 : 440);
  }
  await add(DURATION);
  await run('sox', [...pieces, file]);
}

/** The strongest amplitude of `hz` (0..1 of full scale) in any 0.1 s window of the file's sound. */
async function loudest(file: string, hz: number, from = 0, to = Infinity): Promise<number> {
  const samples = await pcm(file, RATE);
  const size = RATE / 10;
  const k = (2 * Math.PI * hz) / RATE;
  let best = 0;
  const last = Math.min(samples.length - size, to * RATE);
  for (let at = Math.round(from * RATE); at <= last; at += size / 2) {
    let [a, b] = [0, 0];
    for (let i = at; i < at + size; i++) [a, b] = [samples[i]! / 32768 + 2 * Math.cos(k) * a - b, a];
    best = Math.max(best, (2 * Math.sqrt(a * a + b * b - 2 * Math.cos(k) * a * b)) / size);
  }
  return best;
}

/** Frames of the video, and how long its sound plays. */
async function measure(video: string): Promise<{ frames: number; sound: number }> {
  const probe = await ffprobe(video, true);
  return { frames: Number(streamOf(probe, 'video').nb_read_frames), sound: await soundDuration(video) };
}

async function stored(page: Page): Promise<Project> {
  const [project] = (await storedProjects(page)) as Project[];
  if (!project) throw new Error('No project was saved');
  return project;
}

const clipKeys = (project: Project) => (project.scenes ?? []).map((scene) => scene.clip?.key);

describe('removing filler words and long pauses', () => {
  const rig = sharedRig(startRig);

  beforeAll(() => {
    rig.fakes.setTimedWords(SPOKEN);
  });

  it('cuts them from sound and pictures in sync, and re-renders only the clips a toggled cut touches', async () => {
    const audio = join(rig.dir, 'Tones talk.wav');
    await recording(audio);
    expect(await loudest(audio, 1500)).toBeGreaterThan(0.3);

    const { context, page, errors } = await openHome(rig);
    const picked = await pickFile(page, audio);
    expect(picked.ok, picked.message).toBe(true);
    await page.getByLabel('Remove filler words and long pauses').check();
    await page.getByRole('button', { name: 'Create video' }).click();
    await page.waitForURL(/\/project\//);
    await waitForStep(page, 'final', 'done', 280_000);

    // Groq was asked to keep the fillers (the fake writes them down only then), and each was found.
    const [request] = rig.fakes.received('transcribe') as { prompt?: string }[];
    expect(request?.prompt).toMatch(/umm/i);
    const made = await stored(page);
    expect(made.tighten?.on).toBe(true);
    const cuts = page.getByTestId('cut');
    expect(await cuts.evaluateAll((items) => items.map((item) => item.getAttribute('data-cut')))).toEqual(
      CUTS.map((cut) => cut.id),
    );
    await expect.poll(() => page.getByTestId('time-saved').textContent()).toMatch(/3 of 3 cuts applied: saves 3\.7 s/);

    // Shorter by the cut time within a frame, as many frames as its sound asks for, the filler tones gone.
    const first = await download(page, rig.dir);
    const tight = await measure(first.path);
    expect(Math.abs(tight.sound - (DURATION - removed(CUTS)))).toBeLessThanOrEqual(1 / FPS);
    expect(tight.frames).toBe(Math.round(tight.sound * FPS));
    expect(await loudest(first.path, 1500)).toBeLessThan(0.02);
    // The speech stays, on the new timeline: the last word sounds where it now starts.
    expect(await loudest(first.path, 440, 17.1 - removed(CUTS) + 0.1, 17.1 - removed(CUTS) + 0.4)).toBeGreaterThan(0.3);
    expect(await loudest(first.path, 440, 1, 4)).toBeGreaterThan(0.3);

    // Hear it plays the recording around the cut, as recorded.
    await page.getByRole('button', { name: /^Hear uh at/ }).click();
    await page.waitForFunction(() => {
      const player = document.querySelector<HTMLAudioElement>('[data-testid=tighten] audio');
      return !!player && !player.paused && player.currentTime >= 14.9;
    });

    // The "uh" kept as recorded: only the clips it falls in are made again, nothing is asked upstream.
    const calls = rig.fakes.counts();
    const keys = clipKeys(made);
    const touched = (made.scenes ?? []).filter((s) => s.start < 16.9 && s.end > 16.4).map((s) => s.index);
    expect(touched.length).toBeGreaterThan(0);
    expect(touched.length).toBeLessThan(keys.length);
    await page.locator('[data-cut="16400"] input[type=checkbox]').uncheck();
    await waitForNewFinal(page, made.final?.key, 280_000);
    const kept = await stored(page);
    expect(kept.tighten?.kept).toEqual(['16400']);
    const changed = clipKeys(kept).flatMap((key, i) => (key !== keys[i] ? [i] : []));
    expect(changed).toEqual(touched);
    const second = await download(page, rig.dir);
    const longer = await measure(second.path);
    expect(Math.abs(longer.sound - (DURATION - removed(CUTS.slice(0, 2))))).toBeLessThanOrEqual(1 / FPS);
    expect(longer.frames).toBe(Math.round(longer.sound * FPS));
    expect(await loudest(second.path, 1500)).toBeGreaterThan(0.3);

    // Back on: the same clips as at first, the same length, still nothing asked upstream.
    await page.locator('[data-cut="16400"] input[type=checkbox]').check();
    await waitForNewFinal(page, kept.final?.key, 280_000);
    const again = await stored(page);
    expect(clipKeys(again)).toEqual(keys);
    const third = await measure((await download(page, rig.dir)).path);
    expect(third.frames).toBe(tight.frames);
    expect(rig.fakes.counts()).toEqual(calls);
    expect(errors).toEqual([]);
    await context.close();
  }, 900_000);
});
