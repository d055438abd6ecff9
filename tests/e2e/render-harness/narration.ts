// Shared inputs of the render e2e tests: three scenes of odd lengths and a narration exactly that long.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitAudio, speak, transcode } from '../../support/media';
import { openHarness, type HarnessSession } from './session';

/** Scene ends in seconds: 5.23, 7.91 and 6.37 s long. */
export const ENDS = [5.23, 13.14, 19.51];
/** Frames of each scene (rounded boundaries) and of the whole video at 30 fps. */
export const SCENE_FRAMES = [157, 237, 191];
export const TOTAL_FRAMES = 585;

const TEXT =
  'Once upon a time, a small red fox lived at the edge of a quiet forest. Every morning she walked ' +
  'down to the river to watch the light on the water. One day she found a tiny boat made of bark, ' +
  'and she decided to follow the river all the way to the sea.';

/** Writes speech.wav (espeak-ng, about 17 s) and narration.wav (the same, padded to 19.51 s) into `dir`. */
async function makeNarration(dir: string): Promise<void> {
  await speak(TEXT, join(dir, 'speech.wav'), { wpm: 150 });
  await fitAudio(join(dir, 'speech.wav'), ENDS.at(-1) as number, join(dir, 'narration.wav'));
}

/**
 * Opens the render harness serving the narration (makeNarration's files, and narration.m4a: the same as
 * AAC) at /in/, and makes the folder `out`.
 */
export async function openNarrationHarness(out: string): Promise<HarnessSession> {
  mkdirSync(out, { recursive: true });
  const harness = await openHarness();
  try {
    await makeNarration(harness.inputs);
    const narration = join(harness.inputs, 'narration.wav');
    await transcode(narration, join(harness.inputs, 'narration.m4a'), ['-c:a', 'aac', '-b:a', '96k']);
    return harness;
  } catch (error) {
    await harness.close();
    throw error;
  }
}

/** Writes base64 bytes from the page to `dir/name` and returns the path. */
export function saveBase64(dir: string, name: string, base64: string): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(base64, 'base64'));
  return path;
}
