// Shared rig of the caption render tests: the harness serving one plain picture, whose solid colour
// makes every pixel that differs from it lettering, and words spoken at a steady pace.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Word } from '../../../src/lib/pipeline/transcript';
import { makeImage } from '../../support/media';
import { openHarness, type HarnessSession } from './session';

/** A calm background colour (a solid picture), so every pixel that differs from it is lettering. */
export const BACKGROUND: [number, number, number] = [0x3a, 0x5a, 0x7a];
/** Opens the render harness serving a picture of that colour at /in/plain.png, and makes the folder `out`. */
export async function openCaptionHarness(out: string): Promise<HarnessSession> {
  mkdirSync(out, { recursive: true });
  const harness = await openHarness();
  try {
    const hex = BACKGROUND.map((c) => c.toString(16).padStart(2, '0')).join('');
    await makeImage(`color=c=0x${hex}`, 640, 640, join(harness.inputs, 'plain.png'));
    return harness;
  } catch (error) {
    await harness.close();
    throw error;
  }
}

/** Words spoken at a steady pace from `start`, `seconds` each. */
export function spoken(text: string, seconds: number, start: number): Word[] {
  return text
    .split(' ')
    .map((word, i) => ({ word, start: start + i * seconds, end: start + (i + 1) * seconds - 0.05 }));
}
