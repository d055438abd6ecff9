// Test-only worker: the WebCodecs clip renderer behind comlink, off the page's thread as in the app.
import { expose, transfer } from 'comlink';
import { BufferTarget } from 'mediabunny';
import type { RenderPlan } from '$lib/pipeline/kenburns';
import { i420Size } from '$lib/pipeline/i420';
import { readBands, readWhole, renderClipWebCodecs, webCodecsConfig } from '../../../src/workers/webcodecs-clip';

const api = {
  config: (plan: RenderPlan) => webCodecsConfig(plan),

  async render(image: Blob, plan: RenderPlan) {
    const started = performance.now();
    const target = new BufferTarget();
    const config = await renderClipWebCodecs(image, plan, target);
    const bytes = new Uint8Array(target.buffer as ArrayBuffer);
    return transfer({ bytes, config, renderMs: performance.now() - started }, [bytes.buffer]);
  },

  /**
   * `image` drawn resampled on a width x height canvas, read as I420 both ways: whole by `getImageData`
   * and by bands of `bandRows` rows. How many bytes differ, and how many distinct values the picture has.
   */
  async pictureReads(image: Blob, width: number, height: number, bandRows: number) {
    const bitmap = await createImageBitmap(image, { colorSpaceConversion: 'none' });
    const context = new OffscreenCanvas(width, height).getContext('2d', { alpha: false, willReadFrequently: true });
    if (!context) throw new Error('no 2D OffscreenCanvas');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 3.5, 1.25, bitmap.width - 7, bitmap.height - 2.5, 0, 0, width, height);
    bitmap.close();
    const [whole, banded] = [new Uint8Array(i420Size(width, height)), new Uint8Array(i420Size(width, height))];
    readWhole(context, whole);
    await readBands(context.canvas, new Uint8Array(width * bandRows * 4), banded);
    const differing = whole.reduce((count, value, i) => count + (value === banded[i] ? 0 : 1), 0);
    return { differing, distinct: new Set(whole).size };
  },
};

export type ClipWorkerApi = typeof api;

expose(api);
