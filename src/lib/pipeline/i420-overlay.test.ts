// Blending a caption layer into the I420 picture: the result is the picture the composite colours make.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { i420Size, rgbToYuv709, rgbaToI420 } from './i420';
import { blendI420Overlay, i420Overlay, overlayBox } from './i420-overlay';

/** A width x height RGBA picture of one colour and opacity. */
function solid(width: number, height: number, [r, g, b]: number[], a = 255): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i += 4) rgba.set([r as number, g as number, b as number, a], i);
  return rgba;
}

function picture(width: number, height: number, rgb: number[]): Uint8Array {
  const planes = new Uint8Array(i420Size(width, height));
  rgbaToI420(solid(width, height, rgb), width, height, planes);
  return planes;
}

const channel = fc.integer({ min: 0, max: 255 });
const colour = fc.tuple(channel, channel, channel);

describe('blendI420Overlay', () => {
  it('gives, for any colours and opacity, the picture of the colours composited (within one code value)', () => {
    fc.assert(
      fc.property(colour, colour, channel, (background, ink, a) => {
        // An 8x4 picture with a 4x2 layer at (2, 2): luma rows 2-3, columns 2-5; chroma row 1, columns 1-2.
        const planes = picture(8, 4, background);
        blendI420Overlay(planes, 8, 4, i420Overlay(solid(4, 2, ink, a), 4, 2, 2, 2));
        const mixed = background.map((value, c) => value + ((ink[c] as number) - value) * (a / 255));
        const [y, u, v] = rgbToYuv709(...(mixed as [number, number, number]));
        const [y0, u0, v0] = rgbToYuv709(...background);
        for (let row = 0; row < 4; row++) {
          for (let col = 0; col < 8; col++) {
            const inside = row >= 2 && col >= 2 && col < 6;
            expect(Math.abs((planes[row * 8 + col] as number) - (inside ? y : y0))).toBeLessThanOrEqual(1);
          }
        }
        for (let row = 0; row < 2; row++) {
          for (let col = 0; col < 4; col++) {
            const inside = row === 1 && col >= 1 && col < 3;
            expect(Math.abs((planes[32 + row * 4 + col] as number) - (inside ? u : u0))).toBeLessThanOrEqual(1);
            expect(Math.abs((planes[40 + row * 4 + col] as number) - (inside ? v : v0))).toBeLessThanOrEqual(1);
          }
        }
      }),
    );
  });

  it('leaves the picture alone where the layer is transparent, and covers it where it is opaque', () => {
    const planes = picture(4, 4, [40, 90, 160]);
    const before = planes.slice();
    blendI420Overlay(planes, 4, 4, i420Overlay(solid(4, 4, [255, 229, 0], 0), 4, 4, 0, 0));
    expect(planes).toEqual(before);
    blendI420Overlay(planes, 4, 4, i420Overlay(solid(4, 4, [255, 229, 0]), 4, 4, 0, 0));
    expect(planes).toEqual(picture(4, 4, [255, 229, 0]));
  });

  it('moves each chroma sample by the mean coverage of its 2x2 block, and luma pixel by pixel', () => {
    const planes = picture(2, 2, [128, 128, 128]);
    const layer = new Uint8Array(16);
    layer.set([0, 0, 255, 255], 0); // one opaque blue pixel of four
    blendI420Overlay(planes, 2, 2, i420Overlay(layer, 2, 2, 0, 0));
    const blue = picture(2, 2, [0, 0, 255]);
    expect(planes[0]).toBe(blue[0]);
    expect(planes[1]).toBe(126);
    // U goes a quarter of the way from grey (128) to blue (240).
    expect(planes[4]).toBe(Math.round(128 + (240 - 128) / 4));
  });

  it('refuses odd positions and layers that leave the picture', () => {
    expect(() => i420Overlay(new Uint8Array(16), 2, 2, 1, 0)).toThrow(RangeError);
    const overlay = i420Overlay(new Uint8Array(16), 2, 2, 4, 0);
    expect(() => blendI420Overlay(picture(4, 4, [0, 0, 0]), 4, 4, overlay)).toThrow(RangeError);
  });
});

describe('overlayBox', () => {
  it('grows a box to even edges and cuts it to the picture', () => {
    expect(overlayBox({ left: 3, top: 5, right: 9, bottom: 10 }, 20, 20)).toEqual({
      left: 2,
      top: 4,
      right: 10,
      bottom: 10,
    });
    expect(overlayBox({ left: -3, top: -1, right: 25, bottom: 7 }, 20, 20)).toEqual({
      left: 0,
      top: 0,
      right: 20,
      bottom: 8,
    });
    expect(overlayBox({ left: 30, top: 0, right: 40, bottom: 10 }, 20, 20)).toBeUndefined();
  });
});
