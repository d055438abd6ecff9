// Shows the heavy part of a long list's items only once they come near the screen. An hour of audio
// has some 560 scenes and 10 000 words: every scene card's controls and every word's button made at
// once cost the page hundreds of MB (DOM and the effects behind it) and every change of the project a
// pass over all of them, for items nobody scrolls to during a run. An item stays shown once shown, so
// nothing typed into it is lost by scrolling away. Short lists are shown whole: there it saves little,
// and everything on the page is there at once for find-in-page and for a screen reader's reading mode.

/** Lists of up to this many items (scenes: about three minutes of audio) are shown whole. */
const WHOLE_UP_TO = 24;

/** Whether a list of `count` items shows each item only once it comes near the screen. */
export function showsNearOnly(count: number): boolean {
  return count > WHOLE_UP_TO;
}

/** How far beyond the screen an item is shown: a screen's height above and below it, so that the
 *  next items are there before the keyboard focus or the scrolling reaches them. */
const MARGIN = '100% 0px';

let observer: IntersectionObserver | undefined;
const waiting = new Map<Element, () => void>();

function observe(node: Element, show: () => void): void {
  observer ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const shown = waiting.get(entry.target);
        forget(entry.target);
        shown?.();
      }
    },
    { rootMargin: MARGIN },
  );
  waiting.set(node, show);
  observer.observe(node);
}

function forget(node: Element): void {
  waiting.delete(node);
  observer?.unobserve(node);
}

/**
 * A Svelte attachment (`{@attach nearViewport(() => (near = true))}`): calls `show` once, when the
 * element first comes within a screen of the viewport (at once where IntersectionObserver is missing).
 */
export function nearViewport(show: () => void): (node: Element) => () => void {
  return (node) => {
    if (typeof IntersectionObserver === 'undefined') {
      show();
      return () => undefined;
    }
    observe(node, show);
    return () => forget(node);
  };
}
