// Whitespace and length rules shared by the prompt request and the cleaned-up prompt answer.

/** Trims and collapses every run of whitespace (newlines, tabs, non-breaking spaces) into one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** The words of `text`, split on any whitespace; none for blank text. */
export function textWords(text: string): string[] {
  const clean = collapseWhitespace(text);
  return clean ? clean.split(' ') : [];
}

/**
 * Caps `text` at `limit` characters, cutting at the last space so no word is broken (a single word
 * longer than half the limit is cut mid-word, never inside a surrogate pair). Commas and dashes left
 * dangling by the cut are dropped, then `ellipsis` marks that something was removed.
 */
export function capText(text: string, limit: number, ellipsis = ''): string {
  const clean = collapseWhitespace(text);
  if (clean.length <= limit) return clean;
  const room = Math.max(1, limit - ellipsis.length);
  // One character more than fits: if it is a space, the cut falls exactly on a word boundary.
  const head = clean.slice(0, room + 1);
  const space = head.lastIndexOf(' ');
  let cut = space > room / 2 ? head.slice(0, space) : clean.slice(0, room);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.replace(/[\s,;:\-–—]+$/u, '') + ellipsis;
}
