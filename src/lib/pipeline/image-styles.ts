// The image styles a creator can pick: the proxy's fixed list of stockimg.ai endpoints, named for people.
import type { ImageStyle } from './api-contract';

/** What projects made before styles existed were drawn with, and what the proxy uses when none is sent. */
export const DEFAULT_STYLE: ImageStyle = 'stockimg';

/** A Record, so adding a style to the proxy's list without naming it here stops compiling. */
export const STYLE_NAMES: Record<ImageStyle, { label: string; hint: string }> = {
  stockimg: { label: 'Photo', hint: 'realistic stock photography' },
  cinematic: { label: 'Cinematic', hint: 'film-like light and framing' },
  knolling: { label: 'Knolling', hint: 'objects neatly laid out, seen from above' },
  polaroid: { label: 'Polaroid', hint: 'an instant-film snapshot look' },
};
