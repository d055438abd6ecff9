// POST /api/prompt through app.request(), with the openai SDK talking to the fake chat service.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { imagePromptRequest } from '../../src/lib/pipeline/prompt';
import { startFakeUpstreams, type Failure, type FakeUpstreams } from '../../tests/fakes';
import { errorOf, proxyFor } from '../../tests/fakes/in-process';
import type { PromptResponse } from '../../src/lib/pipeline/api-contract';

let fakes: FakeUpstreams;

beforeAll(async () => {
  fakes = await startFakeUpstreams();
});
afterAll(() => fakes.close());
afterEach(() => fakes.reset());

async function ask(body: unknown, env: Record<string, string> = {}, timeoutMs?: number) {
  const proxy = proxyFor(fakes, env, (config) => {
    if (timeoutMs) config.timeoutsMs.prompt = timeoutMs;
  });
  return proxy.app.request('/api/prompt', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const scene = 'The old fisherman pulled his boat onto the beach as the storm rolled in.';

type ChatRequest = { messages: { content: string }[]; reasoning_effort?: string; max_completion_tokens?: number };

describe('POST /api/prompt', () => {
  it("sends the spec's template for the scene and answers with the cleaned prompt and the model", async () => {
    const response = await ask({ text: scene });
    expect(response.status).toBe(200);
    expect((await response.json()) as PromptResponse).toEqual({
      prompt:
        'A photorealistic photograph of The old fisherman pulled his boat onto the beach as the storm, natural light, shallow depth of field, 35mm',
      model: 'openai/gpt-oss-20b',
    });
    const [sent] = fakes.received('chat') as ChatRequest[];
    expect(sent?.messages).toEqual([{ role: 'user', content: imagePromptRequest(scene) }]);
    expect(sent).toMatchObject({ model: 'openai/gpt-oss-20b', reasoning_effort: 'low' });
    expect(sent).not.toHaveProperty('logprobs');
    expect(sent).not.toHaveProperty('n');
  });

  it('sends the guide and the neighbouring words as context before the template, which stays verbatim', async () => {
    const guide = 'Mara: a red-haired fisherwoman in a yellow oilskin';
    const text = 'Hours later she hauls in her net.';
    const response = await ask({ text, guide, before: 'Mara rows out.', after: 'She rows home.' });
    expect(response.status).toBe(200);
    const [sent] = fakes.received('chat') as ChatRequest[];
    expect(sent?.messages.at(-1)).toEqual({ role: 'user', content: imagePromptRequest(text) });
    expect(sent?.messages[0]?.content).toContain(`Visual guide:\n${guide}`);
    expect(sent?.messages[0]?.content).toContain('Mara rows out.');
    expect(sent?.messages[0]?.content).toContain('She rows home.');
  });

  it('illustrates the context when the scene itself has no words', async () => {
    const response = await ask({ text: '  ', context: 'Waves crash against the lighthouse.' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as PromptResponse).prompt).toContain('Waves crash against the lighthouse');
  });

  it('talks to the OpenAI preset without Groq-only parameters', async () => {
    const env = {
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: `${fakes.url}/v1`,
      LLM_MODEL: 'gpt-4.1-mini',
      GROQ_API_KEY: '',
    };
    const response = await ask({ text: scene }, env);
    expect(response.status).toBe(200);
    expect(((await response.json()) as PromptResponse).model).toBe('gpt-4.1-mini');
    expect(fakes.received('chat')[0]).not.toHaveProperty('reasoning_effort');
  });

  it.each<[string, unknown, RegExp]>([
    ['no text', {}, /text: must be a string/],
    ['nothing to illustrate', { text: ' ', context: '...' }, /nothing to illustrate/],
    ['too much text', { text: 'word '.repeat(1000) }, /at most 4000 characters/],
  ])('answers 400 to %s', async (_label, body, message) => {
    const response = await ask(body);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(message);
    expect(fakes.counts().chat).toBe(0);
  });

  it('answers 503 naming the key to set, and 503 naming LLM_MODEL for a retired model', async () => {
    const unkeyed = await ask({ text: scene }, { GROQ_API_KEY: '', LLM_API_KEY: '' });
    expect(unkeyed.status).toBe(503);
    expect((await errorOf(unkeyed)).message).toContain('GROQ_API_KEY');
    const retired = await ask({ text: scene }, { LLM_MODEL: 'llama-3.1-8b-instant' });
    expect(retired.status).toBe(503);
    expect(await errorOf(retired)).toMatchObject({
      code: 'model_unavailable',
      message: expect.stringMatching(/llama-3\.1-8b-instant.*model_not_found.*Set LLM_MODEL/) as unknown,
    });
  });

  it.each<[string, Failure, number, string]>([
    ['a rate limit', { kind: 'rate-limit', retryAfter: 4 }, 429, 'upstream_rate_limited'],
    ['a server error', { kind: 'server-error' }, 502, 'upstream_error'],
    ['a rejected key', { kind: 'unauthorized' }, 503, 'upstream_auth'],
    ['malformed JSON', { kind: 'malformed' }, 502, 'bad_upstream_response'],
    ['JSON without choices', { kind: 'wrong-shape' }, 502, 'bad_upstream_response'],
  ])('maps the chat service answering with %s %j to %i %s', async (_label, scripted, status, code) => {
    fakes.failNext('chat', 1, scripted);
    const response = await ask({ text: scene });
    expect(response.status).toBe(status);
    const error = await errorOf(response);
    expect(error.code).toBe(code);
    expect(error.message).not.toContain('org_');
    if (status === 429) expect(response.headers.get('retry-after')).toBe('4');
    if (code === 'upstream_auth') expect(error.message).toContain('LLM_API_KEY');
  });

  it.each([
    ['null content', null, /returned no text/],
    ['an answer with no prompt in it', '```\n```', /no usable image prompt/],
  ])('answers 502 to %s', async (_label, answer, message) => {
    fakes.setChatAnswer(() => answer);
    const response = await ask({ text: scene });
    expect(response.status).toBe(502);
    expect((await errorOf(response)).message).toMatch(message);
  });

  it('fails only the scenes a permanent failure matches, and times out slow answers', async () => {
    fakes.failWhen('chat', 'volcano', { kind: 'server-error' });
    expect((await ask({ text: 'A volcano erupts at night.' })).status).toBe(502);
    expect((await ask({ text: scene })).status).toBe(200);
    expect((await ask({ text: 'The volcano sleeps.' })).status).toBe(502);
    fakes.failNext('chat', 1, { kind: 'slow', ms: 3_000 });
    const slow = await ask({ text: scene }, {}, 300);
    expect(slow.status).toBe(504);
    expect(await errorOf(slow)).toMatchObject({ code: 'upstream_timeout', retryable: true });
  });
});
