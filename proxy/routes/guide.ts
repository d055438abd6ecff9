// POST /api/guide: writes the visual guide from one piece of a transcript (extending the guide so far).
import { Hono } from 'hono';
import { timeout } from 'hono/timeout';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { GUIDE_PIECE_CHARS, IMAGE_STYLES, MAX_GUIDE_CHARS } from '../../src/lib/pipeline/api-contract';
import type { ProxyConfig } from '../config';
import type { ProxyDeps, ProxyEnv } from '../context';
import { routeTimeout } from '../errors';
import { rateLimit } from '../middleware/rate-limit';
import { writeGuide } from '../providers/llm';
import { jsonBodyLimit } from './json-limit';
import { paidOnce } from './once';
import { validInput } from './validate';

const part = z.number().int().min(1).max(1000);

const GuideBody = z
  .object({
    text: z
      .string({ error: 'must be a string' })
      .trim()
      .min(1, 'must not be empty')
      .max(GUIDE_PIECE_CHARS, `must be at most ${GUIDE_PIECE_CHARS} characters`),
    style: z.enum(IMAGE_STYLES, { error: `must be one of ${IMAGE_STYLES.join(', ')}` }).optional(),
    previous: z.string().max(MAX_GUIDE_CHARS, `must be at most ${MAX_GUIDE_CHARS} characters`).optional(),
    part: z
      .object({ index: part, of: part })
      .refine((p) => p.index <= p.of, 'index must not exceed of')
      .optional(),
  })
  .strict();

// The same upstream as the prompts, so the same rate limit and timeout.
export function guideRoute(config: ProxyConfig, deps: ProxyDeps) {
  return new Hono<ProxyEnv>().post(
    '/guide',
    rateLimit('prompt', config.security.rateLimitPerMinute.prompt, config.security.trustProxy, deps.store),
    timeout(config.timeoutsMs.prompt + 5_000, () => routeTimeout('Writing the visual guide')),
    jsonBodyLimit,
    validator('json', validInput(GuideBody, 'Send JSON { text, style?, previous?, part? }.')),
    async (c) => {
      const request = c.req.valid('json');
      const content = ['guide', JSON.stringify(request)];
      return c.json(await paidOnce(c, config, deps, 'prompt', content, (call) => writeGuide(config, request, call)));
    },
  );
}
