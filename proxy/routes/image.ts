// POST /api/image: draws one image with stockimg.ai (the style's model or Flux) and answers with its bytes.
import { Hono } from 'hono';
import { timeout } from 'hono/timeout';
import { validator } from 'hono/validator';
import { z } from 'zod';
import {
  IMAGE_MODELS,
  IMAGE_SIDE,
  IMAGE_SIZE_HEADERS,
  IMAGE_STYLES,
  MAX_SEED,
  MAX_TEXT_CHARS,
} from '../../src/lib/pipeline/api-contract';
import type { ProxyConfig } from '../config';
import { upstreamCall, type ProxyDeps, type ProxyEnv } from '../context';
import { routeTimeout } from '../errors';
import { rateLimit } from '../middleware/rate-limit';
import { fetchGenerated, generateImage } from '../providers/stockimg';
import { jsonBodyLimit } from './json-limit';
import { paidOnce } from './once';
import { validInput } from './validate';

const side = z
  .number({ error: 'must be a number of pixels' })
  .int('must be a whole number of pixels')
  .min(IMAGE_SIDE.min, `must be at least ${IMAGE_SIDE.min}`)
  .max(IMAGE_SIDE.max, `must be at most ${IMAGE_SIDE.max}`);

const ImageBody = z.object({
  prompt: z
    .string({ error: 'a prompt is required' })
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_TEXT_CHARS, `must be at most ${MAX_TEXT_CHARS} characters`),
  width: side,
  height: side,
  style: z.enum(IMAGE_STYLES, { error: `must be one of ${IMAGE_STYLES.join(', ')}` }).optional(),
  model: z.enum(IMAGE_MODELS, { error: `must be one of ${IMAGE_MODELS.join(', ')}` }).optional(),
  seed: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(MAX_SEED, `must be at most ${MAX_SEED}`)
    .optional(),
});

export function imageRoute(config: ProxyConfig, deps: ProxyDeps) {
  const { image, download, downloadRetry } = config.timeoutsMs;
  return new Hono<ProxyEnv>().post(
    '/image',
    rateLimit('image', config.security.rateLimitPerMinute.image, config.security.trustProxy, deps.store),
    timeout(image * 2 + downloadRetry + download + 5_000, () => routeTimeout('Drawing the image')),
    jsonBodyLimit,
    validator('json', validInput(ImageBody, 'Send JSON { prompt, width, height, style?, model?, seed? }.')),
    async (c) => {
      const request = c.req.valid('json');
      const content = [request.prompt, `${request.width}x${request.height}`, request.style ?? 'stockimg'];
      // Requests without a model or seed are the same content as before either could be sent.
      if (request.model !== undefined || request.seed !== undefined) {
        content.push(request.model ?? 'style', request.seed === undefined ? '' : String(request.seed));
      }
      // Only the generation is remembered: its URL is downloaded again for each repeat, for free.
      const generated = await paidOnce(c, config, deps, 'image', content, (call) =>
        generateImage(config, request, call),
      );
      const drawn = await fetchGenerated(config, generated, upstreamCall(c));
      return c.body(drawn.bytes.slice().buffer, 200, {
        'Content-Type': drawn.contentType,
        'Cache-Control': 'no-store',
        [IMAGE_SIZE_HEADERS.width]: String(drawn.width),
        [IMAGE_SIZE_HEADERS.height]: String(drawn.height),
      });
    },
  );
}
