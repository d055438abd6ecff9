// POST /api/prompt: writes the image prompt for one scene (or, for a silent scene, its neighbours),
// with the project's visual guide and the neighbouring words as context when sent.
import { Hono } from 'hono';
import { timeout } from 'hono/timeout';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { MAX_GUIDE_CHARS, MAX_TEXT_CHARS } from '../../src/lib/pipeline/api-contract';
import type { ProxyConfig } from '../config';
import type { ProxyDeps, ProxyEnv } from '../context';
import { ApiError, routeTimeout } from '../errors';
import { rateLimit } from '../middleware/rate-limit';
import { writePrompt } from '../providers/llm';
import { jsonBodyLimit } from './json-limit';
import { paidOnce } from './once';
import { validInput } from './validate';

const text = z
  .string({ error: 'must be a string' })
  .max(MAX_TEXT_CHARS, `must be at most ${MAX_TEXT_CHARS} characters`);

const PromptBody = z.object({
  text,
  context: text.optional(),
  guide: z.string().max(MAX_GUIDE_CHARS, `must be at most ${MAX_GUIDE_CHARS} characters`).optional(),
  before: text.optional(),
  after: text.optional(),
});

const hasWords = (value: string | undefined) => /[\p{L}\p{N}]/u.test(value ?? '');

export function promptRoute(config: ProxyConfig, deps: ProxyDeps) {
  return new Hono<ProxyEnv>().post(
    '/prompt',
    rateLimit('prompt', config.security.rateLimitPerMinute.prompt, config.security.trustProxy, deps.store),
    timeout(config.timeoutsMs.prompt + 5_000, () => routeTimeout('Writing the image prompt')),
    jsonBodyLimit,
    validator('json', validInput(PromptBody, 'Send JSON { text, context? }.')),
    async (c) => {
      const request = c.req.valid('json');
      const scene = hasWords(request.text) ? request.text : request.context;
      if (!hasWords(scene)) {
        throw new ApiError(400, 'invalid_input', 'Both text and context are empty: there is nothing to illustrate.');
      }
      // A request without guide or neighbours is the same content as before they existed.
      const extra = [request.guide, request.before, request.after];
      const content = extra.some((part) => part !== undefined)
        ? [scene!, ...extra.map((part) => part ?? '')]
        : [scene!];
      return c.json(
        await paidOnce(c, config, deps, 'prompt', content, (call) => writePrompt(config, request, scene!, call)),
      );
    },
  );
}
