// The visual guide of a recording: one chat request over the whole transcript (long ones in pieces,
// each extending the guide so far) that names the recurring people, places and objects with fixed
// descriptions, the era and setting, and a palette for the image style; and the cleaning of its answer.
import { GUIDE_PIECE_CHARS, MAX_GUIDE_CHARS, type GuideRequest, type ImageStyle } from './api-contract';
import { STYLE_NAMES } from './image-styles';
import { stripMarkdown, withoutReasoning } from './prompt-answer';
import { collapseWhitespace } from './prompt-text';

/** The first words of every guide request: how the request is told from a scene's prompt request. */
export const GUIDE_REQUEST_OPENING = 'Write a short visual guide for an illustrated video';

/**
 * The transcript cut into pieces of at most `size` characters, at sentence ends where possible, else
 * at spaces: each piece is one guide request.
 */
export function guidePieces(transcript: string, size: number = GUIDE_PIECE_CHARS): string[] {
  const pieces: string[] = [];
  let rest = collapseWhitespace(transcript);
  while (rest.length > size) {
    const head = rest.slice(0, size + 1);
    const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('! '), head.lastIndexOf('? '));
    const space = head.lastIndexOf(' ');
    const cut = sentence > size / 2 ? sentence + 1 : space > size / 2 ? space : size;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** The requests that write the guide of `transcript`, in order; `previous` is filled in from each answer. */
export function guideRequests(transcript: string, style: ImageStyle, size?: number): GuideRequest[] {
  const pieces = guidePieces(transcript, size);
  return pieces.map((text, i) => ({
    text,
    style,
    ...(pieces.length > 1 ? { part: { index: i + 1, of: pieces.length } } : {}),
  }));
}

/** How many chat requests writing the guide of these scenes takes (one per piece of their narration). */
export function guideRequestCount(scenes: readonly { text: string }[]): number {
  return guidePieces(narrationOf(scenes)).length;
}

/** Straight quotes and control characters out of text set between quotes (newlines become spaces). */
const quoted = (text: string) => collapseWhitespace(text.replace(/\p{Cc}/gu, ' ').replace(/'/g, '\u2019'));

/** The chat message for one guide request. */
export function guideRequestText(request: GuideRequest): string {
  const style = STYLE_NAMES[request.style ?? 'stockimg'];
  const lines = [
    `${GUIDE_REQUEST_OPENING} made from the narration below, so that every picture shows the same world.`,
    'List, one per line as "Name: description":',
    '- every person who appears more than once (by name, or by role when unnamed), with a fixed visual description: age, build, hair, clothes;',
    '- recurring places and objects, each with a fixed visual description;',
    '- "Era and setting:" the time and place the pictures belong to;',
    `- "Palette:" colours and light that suit ${style.label.toLowerCase()} images (${style.hint}).`,
    'Describe only what can be drawn; no story, no markdown, at most 150 words.',
  ];
  if (request.part) {
    lines.push(`This is part ${request.part.index} of ${request.part.of} of the narration.`);
  }
  if (request.previous) {
    lines.push(
      'The guide written from the earlier parts follows: keep its descriptions word for word and add only what is new.',
      `Guide so far: '${quoted(request.previous)}'`,
    );
  }
  lines.push(`Narration: '${quoted(request.text)}'`);
  return lines.join('\n');
}

/**
 * Cleans the model's answer into the guide's lines: reasoning, code fences, markdown and chatter
 * dropped, each line's whitespace collapsed, capped at `MAX_GUIDE_CHARS` on a line boundary.
 * Returns '' when nothing usable is left.
 */
export function cleanGuideAnswer(raw: string): string {
  const lines = withoutReasoning(typeof raw === 'string' ? raw : '')
    .split(/\r?\n/u)
    .filter((line) => !/^\s*(?:```|~~~)/u.test(line))
    .map((line) => collapseWhitespace(stripMarkdown(line)))
    .filter((line) => /\p{L}{2}/u.test(line))
    .filter((line) => !/^(?:sure|certainly|of course|here(?:'s|’s| is))\b.*:?$/iu.test(line) || line.length > 80);
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    const room = MAX_GUIDE_CHARS - length - (kept.length > 0 ? 1 : 0);
    if (line.length > room) {
      if (kept.length === 0) kept.push(line.slice(0, MAX_GUIDE_CHARS));
      break;
    }
    kept.push(line);
    length += line.length + (kept.length > 1 ? 1 : 0);
  }
  return kept.join('\n');
}

/** The whole narration of a project, as the guide reads it: every scene's words in order. */
export function narrationOf(scenes: readonly { text: string }[]): string {
  return collapseWhitespace(scenes.map((scene) => scene.text).join(' '));
}
