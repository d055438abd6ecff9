// Which engine renders the clips, as chosen under Advanced on the home page and kept in this browser.
import type { EngineChoice } from '../../workers/render.worker';
import { KEY_VERSION } from './db';

export const ENGINE_CHOICE_KEY = `voiceframe:${KEY_VERSION}:render-engine`;
const CHOICES: readonly EngineChoice[] = ['auto', 'webcodecs', 'ffmpeg'];

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    // Reading `localStorage` itself throws when the browser blocks site data.
    return undefined;
  }
}

function isEngineChoice(value: unknown): value is EngineChoice {
  return CHOICES.includes(value as EngineChoice);
}

/** The stored choice, or `auto` (the browser's encoder where it has one, else ffmpeg.wasm). */
export function rememberedEngineChoice(): EngineChoice {
  let stored: string | null | undefined;
  try {
    stored = storage()?.getItem(ENGINE_CHOICE_KEY);
  } catch {
    stored = undefined;
  }
  return isEngineChoice(stored) ? stored : 'auto';
}

export function rememberEngineChoice(choice: EngineChoice): void {
  try {
    storage()?.setItem(ENGINE_CHOICE_KEY, choice);
  } catch {
    // Private modes may refuse: `auto` applies next time, nothing else is lost.
  }
}
