// Captions in the built app, in real Chromium against the fakes: burned into the downloaded MP4 (read
// back with tesseract at the words' own times, inside the safe area), the SRT and WebVTT downloads, a
// corrected word re-rendering only its scene's clip, another style re-rendering clips only, French accents.
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cue } from '../../src/lib/pipeline/captions/cues';
import { safeArea } from '../../src/lib/pipeline/captions/safe-area';
import { parseSrt } from '../../src/lib/pipeline/captions/srt';
import { parseVtt } from '../../src/lib/pipeline/captions/vtt';
import { frameOf } from '../../src/lib/pipeline/timeline';
import type { Word } from '../../src/lib/pipeline/transcript';
import { nativeFfmpeg, speak, transcode } from '../support/media';
import { bare, expectInside, frameAt, isHighlight, readMasked, wordBox } from '../support/ocr';
import {
  download,
  openHome,
  pickFile,
  playerCaptions,
  startRig,
  storedProjects,
  waitForNewFinal,
  waitForStep,
  type StoredProject,
} from './app-helpers';
import { sharedRig } from './shared-rig';
import { expectFinishedVideo, subtitleTrackOf } from './final-video';
import { ROOT } from './harness';

type Scene = NonNullable<StoredProject['scenes']>[number] & {
  words: Word[];
  clip?: { key: string };
  corrections?: { word: number; text: string }[];
};
type Project = Omit<StoredProject, 'scenes'> & { scenes?: Scene[] };

/**
 * A picture prompt for a scene whose fake image (two colours from the prompt's hash) has no yellow in
 * it, so every pixel of the highlight colour in a frame is a lit caption word.
 */
function calmPrompt(text: string): string {
  for (let n = 0; ; n++) {
    const prompt = `A photograph of ${text} (${n})`;
    const hash = createHash('sha256').update(prompt).digest('hex');
    const blues = [hash.slice(4, 6), hash.slice(10, 12)].map((hex) => Number.parseInt(hex, 16));
    if (blues.every((blue) => blue >= 140)) return prompt;
  }
}

async function project(page: Page): Promise<Project> {
  const [stored] = (await storedProjects(page)) as Project[];
  if (!stored) throw new Error('No project was saved');
  return stored;
}

/** Creates a project with a captions style (and language), as a person does on the home page. */
async function create(page: Page, file: string, format: string, captions: string, language?: string) {
  const picked = await pickFile(page, file);
  expect(picked.ok, picked.message).toBe(true);
  await page.getByText(format, { exact: true }).click();
  await page.getByText(captions, { exact: true }).click();
  if (language) await page.getByLabel('Spoken language').selectOption({ label: language });
  await page.getByRole('button', { name: 'Create video' }).click();
  await page.waitForURL(/\/project\//);
}

/** The words tesseract reads in the highlight colour at time `t` of the video, with their boxes. */
async function litAt(
  video: string,
  t: number,
  size: { width: number; height: number },
  name: string,
  language: string,
) {
  const frame = await frameAt(video, frameOf(t, 30), size.width, size.height);
  const dir = join(ROOT, 'test-results', 'app-captions');
  await mkdir(dir, { recursive: true });
  return readMasked(frame, isHighlight, join(dir, `${name}.pgm`), language);
}

/** Each spoken word is the (last) lit one at its middle, and every lit word is inside the safe area. */
async function expectSpokenWordsLit(
  video: string,
  words: Word[],
  size: { width: number; height: number },
  name: string,
  language = 'eng',
): Promise<void> {
  const area = safeArea(size.width, size.height);
  for (const [i, word] of words.entries()) {
    const lit = await litAt(video, (word.start + word.end) / 2, size, `${name}-${i}`, language);
    expect(bare(lit.at(-1)?.text ?? ''), `word ${i} "${word.word}"`).toBe(bare(word.word));
    for (const box of lit) expectInside(wordBox(box), area, box.text);
  }
}

/** Downloads a subtitles file by its link; returns its name and UTF-8 text. */
async function subtitles(page: Page, dir: string, id: 'srt' | 'vtt'): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`download-${id}`).click()]);
  const path = join(dir, `${id}-${file.suggestedFilename()}`);
  await file.saveAs(path);
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Every word once, in order; cues in order, never overlapping, two lines of 42 characters, 7 s at most. */
function expectGoodCues(cues: Cue[], words: string[]): void {
  expect(cues.flatMap((cue) => cue.lines.join(' ').split(' '))).toEqual(words);
  for (const [i, cue] of cues.entries()) {
    expect(cue.end).toBeGreaterThan(cue.start);
    expect(cue.end - cue.start).toBeLessThanOrEqual(7);
    expect(cue.lines.length).toBeLessThanOrEqual(2);
    for (const line of cue.lines) expect([...line].length).toBeLessThanOrEqual(42);
    if (i > 0) expect(cue.start).toBeGreaterThanOrEqual(cues[i - 1]!.end);
  }
}

/** A frame of the video as a README picture (docs/screenshots) when UPDATE_SCREENSHOTS=1. */
async function pictureOf(video: string, t: number, name: string): Promise<void> {
  const dir = join(ROOT, ...(process.env.UPDATE_SCREENSHOTS === '1' ? ['docs'] : ['test-results']), 'screenshots');
  await mkdir(dir, { recursive: true });
  await nativeFfmpeg([
    '-y',
    '-v',
    'error',
    '-ss',
    t.toFixed(3),
    '-i',
    video,
    '-frames:v',
    '1',
    '-vf',
    'scale=-2:640',
    join(dir, `${name}.png`),
  ]);
}

describe('captions in the app', () => {
  const rig = sharedRig(startRig);

  beforeAll(() => {
    rig.fakes.setChatAnswer((text) => calmPrompt(text));
  });

  it('9:16 word by word: burned in, subtitle files, a corrected word re-renders only its clip, another style clips only', async () => {
    const script =
      'Captions help people follow short videos without sound. Every word lights up while it is spoken. ' +
      'Then the viewer reads along easily.';
    rig.fakes.setScript(script);
    const wav = join(rig.dir, 'captions.wav');
    await speak(script, wav, { wpm: 150 });
    const audio = join(rig.dir, 'Captions demo.mp3');
    await transcode(wav, audio, ['-c:a', 'libmp3lame', '-b:a', '96k']);

    const { context, page, errors } = await openHome(rig);
    await create(page, audio, 'TikTok (9:16)', 'Word by word');
    await waitForStep(page, 'final', 'done', 280_000);
    const made = await project(page);
    expect(made.captions).toBe('word');
    const scenes = made.scenes ?? [];
    expect(scenes.length).toBeGreaterThanOrEqual(2);
    const words = scenes.flatMap((scene) => scene.words);
    expect(words.map((word) => word.word).join(' ')).toBe(script);

    const size = { width: 1080, height: 1920 };
    const video = await download(page, rig.dir);
    await expectFinishedVideo(video.path, audio, { ...size, fps: 30 });
    await expectSpokenWordsLit(video.path, words, size, 'app-captions-word');
    await pictureOf(video.path, (words[1]!.start + words[1]!.end) / 2, 'captions-word');

    // The subtitle files: named after the project and format, every word once, within the limits.
    const srt = await subtitles(page, rig.dir, 'srt');
    const vtt = await subtitles(page, rig.dir, 'vtt');
    expect([srt.name, vtt.name]).toEqual(['Captions demo-tiktok.srt', 'Captions demo-tiktok.vtt']);
    const heard = words.map((word) => word.word);
    expectGoodCues(parseSrt(srt.text), heard);
    expectGoodCues(parseVtt(vtt.text), heard);

    // Correct one misheard word of the second scene, by keyboard.
    const calls = rig.fakes.counts();
    const keys = scenes.map((scene) => scene.clip?.key);
    const target = scenes[1]!;
    const at = target.words.findIndex((word) => word.word.length >= 5);
    const fixed = 'Zebra';
    await page.getByTestId(`word-${target.index}-${at}`).focus();
    await page.keyboard.press('Enter');
    const box = page.getByLabel(new RegExp(`^Correct “${target.words[at]!.word}”`));
    await box.fill(fixed);
    await box.press('Enter');
    await waitForNewFinal(page, made.final?.key);
    const corrected = await project(page);
    const changed = (corrected.scenes ?? []).filter((scene, i) => scene.clip?.key !== keys[i]).map((s) => s.index);
    expect(changed).toEqual([target.index]);
    expect(corrected.scenes?.[target.index]?.corrections).toEqual([{ word: at, text: fixed }]);
    expect(corrected.scenes?.[target.index]?.text).toBe(target.text);
    expect(rig.fakes.counts()).toEqual(calls);
    const again = await download(page, rig.dir);
    const word = target.words[at]!;
    const lit = await litAt(again.path, (word.start + word.end) / 2, size, 'app-captions-fixed', 'eng');
    expect(lit.map((box) => bare(box.text))).toEqual([bare(fixed)]);
    const files = parseSrt((await subtitles(page, rig.dir, 'srt')).text);
    expect(files.flatMap((cue) => cue.lines.join(' ').split(' '))).toContain(fixed);
    // The video carries the corrected words as a soft subtitle track too, tagged English.
    const track = await subtitleTrackOf(again.path);
    expect(track).toMatchObject({ codec: 'mov_text', language: 'eng' });
    const trackWords = parseSrt(track.srt).flatMap((cue) => cue.lines.join(' ').split(' '));
    expect(trackWords).toEqual(heard.map((text, i) => (i === words.indexOf(word) ? fixed : text)));
    // And the page's player offers them too (its track made again with the correction).
    expect((await playerCaptions(page))?.words).toEqual(trackWords);

    // Another style after the video is made: clips and the final only, nothing asked upstream again.
    await page.getByText('Classic', { exact: true }).click();
    await page.getByTestId('apply-captions').click();
    await waitForNewFinal(page, corrected.final?.key);
    expect((await project(page)).captions).toBe('classic');
    expect(rig.fakes.counts()).toEqual(calls);
    const classic = await download(page, rig.dir);
    await pictureOf(classic.path, (words[1]!.start + words[1]!.end) / 2, 'captions-classic');
    expect(errors).toEqual([]);
    await context.close();
    // Three renders of the video (made, corrected, restyled) on a shared machine.
  }, 900_000);

  it('16:9 karaoke in French: the spoken words light up with their accents, in the video and the files', async () => {
    const script = 'Déjà le garçon français mangeait à la fenêtre. Où était le château?';
    rig.fakes.setScript(script);
    const wav = join(rig.dir, 'francais.wav');
    await speak(script, wav, { voice: 'fr', wpm: 140 });

    const { context, page, errors } = await openHome(rig);
    await create(page, wav, 'YouTube (16:9)', 'Karaoke line', 'French');
    await waitForStep(page, 'final', 'done', 280_000);
    const made = await project(page);
    const words = (made.scenes ?? []).flatMap((scene) => scene.words);
    expect(words.map((word) => word.word).join(' ')).toBe(script);
    const size = { width: 1920, height: 1080 };
    const video = await download(page, rig.dir);
    await expectSpokenWordsLit(video.path, words, size, 'app-captions-fr', 'fra');
    await pictureOf(video.path, (words[3]!.start + words[3]!.end) / 2, 'captions-karaoke');

    const srt = await subtitles(page, rig.dir, 'srt');
    const vtt = await subtitles(page, rig.dir, 'vtt');
    expect(srt.name).toBe('francais-youtube.srt');
    const heard = words.map((word) => word.word);
    expectGoodCues(parseSrt(srt.text), heard);
    expectGoodCues(parseVtt(vtt.text), heard);
    expect(vtt.text).toContain('garçon français');
    // The soft subtitle track of the video: the same words, accents kept, tagged French.
    const track = await subtitleTrackOf(video.path);
    expect(track).toMatchObject({ codec: 'mov_text', language: 'fre' });
    expectGoodCues(parseSrt(track.srt), heard);
    expect(errors).toEqual([]);
    await context.close();
  });
});
