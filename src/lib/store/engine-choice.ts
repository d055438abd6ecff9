// Which engine renders the clips, as chosen under Advanced on the home page and kept in this browser.
import type { EngineChoice } from '../../workers/render.worker';
import { KEY_VERSION } from './db';
import { rememberChoice, rememberedChoice } from './stored-choice';

export const ENGINE_CHOICE_KEY = `voiceframe:${KEY_VERSION}:render-engine`;
const CHOICES: readonly EngineChoice[] = ['auto', 'webcodecs', 'ffmpeg'];

function isEngineChoice(value: unknown): value is EngineChoice {
  return CHOICES.includes(value as EngineChoice);
}

/** The stored choice, or `auto` (the browser's encoder where it has one, else ffmpeg.wasm). */
export function rememberedEngineChoice(): EngineChoice {
  return rememberedChoice(ENGINE_CHOICE_KEY, isEngineChoice, 'auto');
}

export function rememberEngineChoice(choice: EngineChoice): void {
  rememberChoice(ENGINE_CHOICE_KEY, choice);
}
