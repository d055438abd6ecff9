// Turns an LLM's free-form answer into the one image prompt it contains, or '' when there is none.

import { capText, collapseWhitespace } from './prompt-text';

/** Long enough for a rich photographic description, short enough for any text-to-image service. */
export const PROMPT_ANSWER_LIMIT = 500;

const REASONING_TAGS = 'think|thinking|reasoning|reflection|analysis';
const CLOSED_REASONING = new RegExp(`<(${REASONING_TAGS})\\b[^>]*>[\\s\\S]*?</\\1\\s*>`, 'gi');
const OPEN_REASONING = new RegExp(`<(?:${REASONING_TAGS})\\b[^>]*>[\\s\\S]*$`, 'i');
const STRAY_CLOSE = new RegExp(`^[\\s\\S]*</(?:${REASONING_TAGS})\\s*>`, 'i');

/** "Prompt:", "**Image generation prompt**:", "Final prompt -", "Text-to-image prompt (photorealistic):" */
const LABEL =
  /^(?:(?:final|improved|refined|suggested|your|the)\s+)?(?:(?:text-to-image|image(?:\s+generation)?|stockimg(?:\.ai)?|photorealistic)\s+)*prompt\s*(?:\([^)]*\))?\s*[:：–—-]\s*/iu;
const CHATTER = /^(?:sure|certainly|okay|ok|of course|absolutely|here(?:'s|’s| is| are))\b/iu;
const EXPLANATION =
  /^(?:this (?:prompt|description|captures|evokes)|the prompt|it captures|note\b|explanation\b|why\b|feel free|let me know|i hope|i've|i have)/iu;
const QUOTES = /^["“”«»„`]+|["“”«»„`]+$/gu;

/** Drops markdown decoration from one line: headings, quotes, bullets, emphasis, inline code, links. */
export function stripMarkdown(line: string): string {
  return line
    .replace(/^\s*(?:#{1,6}\s+|>\s*|[-*+•]\s+|\d{1,2}[.)]\s+)+/u, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/\*\*|__|`/gu, '')
    .replace(/(^|[\s(])[*_](?=\S)|(?<=\S)[*_](?=$|[\s).,;:!?])/gu, '$1')
    .trim();
}

function unquote(text: string): string {
  let out = text.trim().replace(QUOTES, '').trim();
  // Single quotes only as a pair, so a trailing possessive ("the artists'") survives.
  if (/^[‘'].*[’']$/u.test(out)) out = out.slice(1, -1).trim();
  return out;
}

/** Keeps the answer part of a reasoning model's output. */
export function withoutReasoning(raw: string): string {
  return raw.replace(CLOSED_REASONING, ' ').replace(STRAY_CLOSE, ' ').replace(OPEN_REASONING, ' ');
}

/** The line most likely to be the prompt: a labelled one, else the first that is not chatter. */
function pickLine(lines: string[]): string {
  for (const [i, line] of lines.entries()) {
    const label = LABEL.exec(line);
    if (label) return line.slice(label[0].length) || (lines[i + 1] ?? '');
  }
  for (const [i, line] of lines.entries()) {
    if (EXPLANATION.test(line)) continue;
    // A description that merely ends on a colon is the prompt when nothing follows it.
    const introducesNext = line.endsWith(':') && i < lines.length - 1;
    if (CHATTER.test(line) || introducesNext) {
      // "Here is a prompt: A lone lighthouse…" carries the prompt after its colon.
      const rest = line.includes(':') ? line.slice(line.indexOf(':') + 1).trim() : '';
      if (rest.length > 15) return rest;
      continue;
    }
    return line;
  }
  return '';
}

/**
 * Cleans an LLM answer into a single prompt line: removes reasoning blocks (`<think>…</think>`, also
 * an unclosed one), code fences and markdown, "Prompt:" labels, chatty intros and explanations,
 * surrounding quotes and Midjourney-style `--ar 16:9` flags, then caps the length at a word boundary.
 * Returns '' when nothing usable is left: the caller reports that as a bad upstream answer.
 */
export function cleanPromptAnswer(raw: string): string {
  const lines = withoutReasoning(typeof raw === 'string' ? raw : '')
    .split(/\r?\n/u)
    .filter((line) => !/^\s*(?:```|~~~)/u.test(line))
    .map(stripMarkdown)
    .map(unquote)
    .filter((line) => /[\p{L}\p{N}]/u.test(line));
  const prompt = unquote(
    pickLine(lines)
      .replace(/\s--[a-z]+(?:\s+(?!--)[^\s]+)?/giu, '')
      .replace(LABEL, '')
      .replace(/\s*[:：]$/u, ''),
  );
  const capped = capText(collapseWhitespace(prompt), PROMPT_ANSWER_LIMIT);
  return /\p{L}{2}/u.test(capped) ? capped : '';
}
