// The image-prompt request sent to the LLM for one scene, and the text used for scenes without words.

import { capText, collapseWhitespace, textWords as words } from './prompt-text';

export { cleanPromptAnswer, PROMPT_ANSWER_LIMIT } from './prompt-answer';

/** The product spec's template, verbatim; the scene text replaces `[segment text]`. */
export const IMAGE_PROMPT_TEMPLATE =
  'Analyze the following text from a video script. Generate a single, concise, visually descriptive ' +
  'image generation prompt that captures the main subject, action, or mood. The prompt should be ' +
  "photorealistic and suitable for a text-to-image AI like Stockimg.ai. Text: '[segment text]'";

/** An 8-second scene is about 150 characters; this leaves room for two joined neighbours. */
export const SCENE_TEXT_LIMIT = 600;

/** What an empty scene shows when the whole recording has no words at all. */
export const SILENT_SCENE_TEXT =
  'A quiet, atmospheric moment without speech: soft natural light, a calm landscape, gentle movement.';

/** How many words of each neighbour describe an empty scene: enough for a subject, not a story. */
const NEIGHBOUR_WORDS = 30;

/**
 * The request for one scene. The text sits inside the template's single quotes, so straight single
 * quotes become typographic ones (the text cannot close the quote early) and control characters and
 * line breaks become spaces. Throws on text with nothing in it: empty scenes go through
 * `promptTextForScene` first.
 */
export function imagePromptRequest(sceneText: string): string {
  const text = capText(sceneText.replace(/\p{Cc}/gu, ' ').replace(/'/g, '\u2019'), SCENE_TEXT_LIMIT, '…');
  if (!/[\p{L}\p{N}]/u.test(text)) throw new RangeError('The scene text has no words to describe.');
  return IMAGE_PROMPT_TEMPLATE.replace('[segment text]', () => text);
}

/**
 * The text to illustrate scene `index`: its own words, or for a silent scene (intro music, a long
 * pause) the end of the previous spoken scene and the start of the next one, so the picture stays
 * on topic. A recording without any words falls back to a generic atmosphere.
 */
export function promptTextForScene(scenes: readonly { text: string }[], index: number): string {
  const own = collapseWhitespace(scenes[index]?.text ?? '');
  if (own) return own;
  const before = scenes.slice(0, Math.max(0, index)).findLast((scene) => words(scene.text).length > 0);
  const after = scenes.slice(index + 1).find((scene) => words(scene.text).length > 0);
  const parts = [
    before ? words(before.text).slice(-NEIGHBOUR_WORDS).join(' ') : '',
    after ? words(after.text).slice(0, NEIGHBOUR_WORDS).join(' ') : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' … ') : SILENT_SCENE_TEXT;
}
