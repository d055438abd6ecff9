// What a scene's prompt request carries besides its own words: the project's visual guide and the
// neighbouring scenes' words; and the chat messages built from it, the product's template kept verbatim.
import type { PromptRequest } from './api-contract';
import { imagePromptRequest, promptTextForScene } from './prompt';
import { capText, collapseWhitespace, textWords as words } from './prompt-text';

/** Words of each neighbour given as context: enough to tell who "she" is, not the whole story. */
export const CONTEXT_WORDS = 40;

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/**
 * Up to `count` words next to scene `index`, across as many scenes as it takes: the last ones before
 * it (`direction` -1) or the first ones after it (+1). Only the scenes needed are read, so making every
 * prompt of an hour's 560 scenes does not go over the whole transcript each time.
 */
function wordsBeside(scenes: readonly { text: string }[], index: number, direction: -1 | 1, count: number): string[] {
  const taken: string[] = [];
  for (let i = index + direction; i >= 0 && i < scenes.length && taken.length < count; i += direction) {
    const own = words(scenes[i]?.text ?? '');
    if (direction < 0) taken.unshift(...own);
    else taken.push(...own);
  }
  return direction < 0 ? taken.slice(-count) : taken.slice(0, count);
}

/**
 * The prompt request of scene `index`: its own text (or, for a silent scene, its neighbours' words,
 * see `promptTextForScene`), the guide when the project has one, and the words just before and after
 * it. A silent scene's text already is its neighbours' words, so they are not repeated as context.
 */
export function scenePromptRequest(
  scenes: readonly { text: string }[],
  index: number,
  guide: string | undefined,
): PromptRequest {
  if (!scenes[index]) throw new RangeError(`No scene ${index}`);
  const request: PromptRequest = { text: promptTextForScene(scenes, index) };
  const cleanGuide = collapseWhitespace(guide ?? '') ? (guide ?? '').trim() : '';
  if (cleanGuide) request.guide = cleanGuide;
  if (!words(scenes[index].text).length) return request;
  const before = wordsBeside(scenes, index, -1, CONTEXT_WORDS);
  const after = wordsBeside(scenes, index, 1, CONTEXT_WORDS);
  if (before.length) request.before = before.join(' ');
  if (after.length) request.after = after.join(' ');
  return request;
}

/** Context text without control characters (newlines of the guide kept), capped. */
const clean = (text: string, limit: number) =>
  text
    .replace(/[^\S\n]+/gu, ' ')
    .replace(/\p{Cc}(?<!\n)/gu, ' ')
    .split('\n')
    .map((line) => capText(line, limit))
    .filter(Boolean)
    .join('\n');

/**
 * The chat messages of a prompt request. The last one is always the product's template with the
 * scene's text, verbatim (`imagePromptRequest`); the guide and the neighbours' words come before it
 * as a system message, and only when there are any (a request with neither is the template alone).
 */
export function promptMessages(request: PromptRequest, sceneText: string = request.text): ChatMessage[] {
  const template: ChatMessage = { role: 'user', content: imagePromptRequest(sceneText) };
  const guide = clean(request.guide ?? '', 2000);
  const before = clean(request.before ?? '', 600);
  const after = clean(request.after ?? '', 600);
  if (!guide && !before && !after) return [template];
  const lines = ['You write the image prompt for one scene of an illustrated video narrated by one voice.'];
  if (guide) {
    lines.push(
      'Keep every picture of the video consistent with this visual guide: draw the people, places and objects it names with exactly these descriptions, also when the scene only says he, she, they or it, and keep its era, setting and palette.',
      `Visual guide:\n${guide}`,
    );
  }
  if (before) lines.push(`Words spoken just before this scene: “${before}”`);
  if (after) lines.push(`Words spoken just after this scene: “${after}”`);
  lines.push('Describe what this scene’s own text is about; the rest is context only.');
  return [{ role: 'system', content: lines.join('\n') }, template];
}
