// Test equipment: stockimg.ai text-to-image, drawing a distinct real image per prompt and serving it itself.
import type { Context, Hono } from 'hono';
import { createHash } from 'node:crypto';
import { imageBytes } from '../support/media';
import { actOut } from './failures';
import type { Failure, FakeScript } from './scripting';

export interface StockimgState {
  script: FakeScript;
  key: string;
  /** The fake server's own origin, for the image URLs it hands out. */
  origin: () => string;
  format: 'png' | 'jpeg';
  /** When set, sizes that are not multiples of 16 are refused (the real rule is undocumented). */
  requireMultipleOf16: boolean;
  images: Map<string, { bytes: Buffer; type: string }>;
  /** Each generated image's first `times` downloads fail this way (an image host that is slow to serve). */
  failFirstDownloads: { times: number; failure: Failure };
  /** Download attempts per image id, for `failFirstDownloads`. */
  downloadsPerImage: Map<string, number>;
  /** Images actually generated (what the real service charges for). */
  generated: number;
}

const STYLES = /^\/v1\/text-to-image\/(stock-image\/(stockimg|cinematic|knolling|polaroid)|flux\/(pro|dev))$/;

/** Two colours and a grid from the prompt's hash: every prompt looks different, so scene cuts show. */
function imageGraph(prompt: string, width: number, height: number): string {
  const hash = createHash('sha256').update(prompt).digest('hex');
  const [c0, c1] = [hash.slice(0, 6), hash.slice(6, 12)];
  const cells = 4 + (Number.parseInt(hash.slice(12, 14), 16) % 8);
  return (
    `gradients=s=${width}x${height}:c0=0x${c0}:c1=0x${c1}:x0=0:y0=0:x1=${width}:y1=${height}:nb_colors=2,` +
    `drawgrid=w=iw/${cells}:h=ih/${cells}:t=3:c=white@0.6`
  );
}

interface Body {
  prompt?: unknown;
  image_size?: { width?: unknown; height?: unknown };
  seed?: unknown;
}

function side(value: unknown): number | undefined {
  return Number.isInteger(value) && (value as number) >= 64 && (value as number) <= 2048
    ? (value as number)
    : undefined;
}

export async function fakeGenerate(c: Context, state: StockimgState): Promise<Response> {
  if (!STYLES.test(c.req.path)) return c.text('Not Found', 404);
  if (c.req.header('authorization') !== `Bearer ${state.key}`) return c.text('Unauthorized', 401);
  const body = (await c.req.json().catch(() => ({}))) as Body;
  const prompt = typeof body.prompt === 'string' ? body.prompt : '';
  const failure = state.script.take('image', prompt, { path: c.req.path, ...body });
  const acted = await actOut(c, failure, 'stockimg');
  if (acted) return acted;
  if (!prompt.trim()) return c.text('prompt is required', 422);
  const width = side(body.image_size?.width);
  const height = side(body.image_size?.height);
  if (!width || !height) return c.text('image_size must have integer width and height between 64 and 2048', 422);
  if (state.requireMultipleOf16 && (width % 16 !== 0 || height % 16 !== 0)) {
    return c.text('image_size: width and height must be multiples of 16', 422);
  }

  const type = `image/${state.format}`;
  const id = createHash('sha256')
    .update(`${prompt}|${width}x${height}|${state.images.size}`)
    .digest('hex')
    .slice(0, 16);
  // Flux draws another picture of the same prompt for another seed; a stock-image style, one per prompt.
  const flux = c.req.path.includes('/flux/');
  const seed = Number.isInteger(body.seed) ? (body.seed as number) : undefined;
  const look = flux ? `${prompt}|${c.req.path}|${seed ?? state.images.size}` : prompt;
  const bytes = await imageBytes(imageGraph(look, width, height), state.format);
  const damaged = failure?.kind === 'damaged-image';
  state.generated += 1;
  state.images.set(id, { bytes: damaged ? bytes.subarray(0, bytes.length >> 1) : bytes, type });
  const ownUrl = `${state.origin()}/files/${id}.${state.format === 'png' ? 'png' : 'jpg'}`;
  return c.json({
    data: {
      images: [{ url: failure?.kind === 'image-url' ? failure.url : ownUrl, content_type: type, width, height }],
      seed: seed ?? Number.parseInt(id.slice(0, 6), 16),
      timings: { inference: 0.1 },
      has_nsfw_concepts: [failure?.kind === 'nsfw'],
    },
  });
}

/** The generated files, plus helpers for download tests: a redirect and an endless oversized image. */
export function mountDownloads(app: Hono, state: StockimgState): void {
  app.get('/files/redirect', (c) => c.redirect(c.req.query('to') ?? '/', 302));
  app.get('/files/huge.png', (c) => {
    state.script.take('download', c.req.path, { path: c.req.path });
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 64 MB at most, so a proxy without a cap would still finish.
        if (sent++ >= 64) controller.close();
        else controller.enqueue(chunk);
      },
    });
    return c.body(stream, 200, { 'content-type': 'image/png' });
  });
  app.get('/files/:file', async (c: Context) => {
    const id = c.req.param('file')?.split('.')[0] ?? '';
    const scripted = state.script.take('download', c.req.path, { path: c.req.path });
    const attempt = (state.downloadsPerImage.get(id) ?? 0) + 1;
    state.downloadsPerImage.set(id, attempt);
    const early = attempt <= state.failFirstDownloads.times ? state.failFirstDownloads.failure : undefined;
    const acted = await actOut(c, scripted ?? early, 'stockimg');
    if (acted) return acted;
    const image = state.images.get(id);
    if (!image) return c.text('Not Found', 404);
    return c.body(new Uint8Array(image.bytes), 200, { 'content-type': image.type });
  });
}
