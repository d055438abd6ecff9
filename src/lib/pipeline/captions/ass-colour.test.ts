// ASS colours come out of the ffmpeg.wasm engine (BT.601 conversion) as the BT.709 values we mean.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rgbToYuv709 } from '../i420';
import { assColour, bt709As601 } from './ass-colour';
import { CAPTION_COLOURS } from './scene';

/** BT.601 limited-range conversion, as ffmpeg's drawing utilities do it for the `ass` filter. */
function rgbToYuv601(r: number, g: number, b: number): number[] {
  const y = 0.299 * r + 0.587 * g + 0.114 * b;
  return [16 + (219 * y) / 255, 128 + (224 * (b - y)) / (1.772 * 255), 128 + (224 * (r - y)) / (1.402 * 255)];
}

describe('ASS caption colours', () => {
  it('give, through a BT.601 conversion, the BT.709 code values of the colour meant (within one)', () => {
    const channel = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(channel, channel, channel, (r, g, b) => {
        const written = bt709As601({ r, g, b });
        // Colours BT.601 cannot reach from inside the RGB cube are clamped; ours are far inside.
        fc.pre(written.every((c) => c > 0 && c < 255));
        const got = rgbToYuv601(...written);
        rgbToYuv709(r, g, b).forEach((value, c) => expect(Math.abs((got[c] as number) - value)).toBeLessThanOrEqual(1));
      }),
    );
    for (const colour of Object.values(CAPTION_COLOURS)) {
      const got = rgbToYuv601(...bt709As601(colour));
      rgbToYuv709(colour.r, colour.g, colour.b).forEach((value, c) =>
        expect(Math.abs((got[c] as number) - value)).toBeLessThanOrEqual(1),
      );
    }
  });

  it('leave white, black and the shadow as they were, with ASS alpha as transparency', () => {
    expect(assColour(CAPTION_COLOURS.text)).toBe('&H00FFFFFF');
    expect(assColour(CAPTION_COLOURS.outline)).toBe('&H00000000');
    expect(assColour(CAPTION_COLOURS.shadow)).toBe('&H80000000');
    expect(assColour(CAPTION_COLOURS.highlight)).toMatch(/^&H00[0-9A-F]{6}$/);
  });
});
