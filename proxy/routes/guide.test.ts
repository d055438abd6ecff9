// POST /api/guide through app.request(), with the openai SDK talking to the fake chat service.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IDEMPOTENCY_KEY_HEADER, type GuideResponse } from '../../src/lib/pipeline/api-contract';
import { guideRequestText } from '../../src/lib/pipeline/visual-guide';
import { startFakeUpstreams, type FakeUpstreams } from '../../tests/fakes';
import { errorOf, proxyFor } from '../../tests/fakes/in-process';

let fakes: FakeUpstreams;

beforeAll(async () => {
  fakes = await startFakeUpstreams();
});
afterAll(() => fakes.close());
afterEach(() => fakes.reset());

const NARRATION = 'Mara, a red-haired fisherwoman, rows out of the harbour. Later she hauls in her net.';

function ask(proxy: ReturnType<typeof proxyFor>, body: unknown, key?: string) {
  return proxy.app.request('/api/guide', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { [IDEMPOTENCY_KEY_HEADER]: key } : {}) },
    body: JSON.stringify(body),
  });
}

type ChatRequest = { messages: { role: string; content: string }[] };

describe('POST /api/guide', () => {
  it('sends the guide request for the piece and answers with the cleaned guide and the model', async () => {
    const proxy = proxyFor(fakes);
    const request = { text: NARRATION, style: 'polaroid' as const };
    const response = await ask(proxy, request);
    expect(response.status).toBe(200);
    expect((await response.json()) as GuideResponse).toEqual({
      guide: [
        'People',
        'Mara: a red-haired fisherwoman',
        'Era and setting: the present day, outdoors',
        'Palette: warm natural light, muted greens and blues',
      ].join('\n'),
      model: 'openai/gpt-oss-20b',
    });
    const [sent] = fakes.received('chat') as ChatRequest[];
    expect(sent?.messages).toEqual([{ role: 'user', content: guideRequestText(request) }]);
  });

  it('is bought once per key: the same piece asked again is answered from memory', async () => {
    const proxy = proxyFor(fakes);
    const body = { text: NARRATION, previous: 'Mara: a fisherwoman', part: { index: 2, of: 3 } };
    expect((await ask(proxy, body, 'vf-guide-1')).status).toBe(200);
    expect((await ask(proxy, body, 'vf-guide-1')).status).toBe(200);
    expect(fakes.counts().chat).toBe(1);
  });

  it.each<[string, unknown, RegExp]>([
    ['no text', { style: 'stockimg' }, /text: must be a string/],
    ['an empty piece', { text: '  ' }, /text: must not be empty/],
    ['a piece too long', { text: 'word '.repeat(3000) }, /at most 12000 characters/],
    ['an unknown style', { text: NARRATION, style: 'oil' }, /style: must be one of/],
    ['a part past the end', { text: NARRATION, part: { index: 3, of: 2 } }, /index must not exceed of/],
    ['an unknown field', { text: NARRATION, model: 'x' }, /Unrecognized key/],
  ])('answers 400 to %s, asking nothing upstream', async (_label, body, message) => {
    const response = await ask(proxyFor(fakes), body);
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(message);
    expect(fakes.counts().chat).toBe(0);
  });

  it('answers 502 to an answer with no guide in it', async () => {
    fakes.setGuideAnswer(() => '```\n```');
    const response = await ask(proxyFor(fakes), { text: NARRATION });
    expect(response.status).toBe(502);
    expect((await errorOf(response)).message).toMatch(/no usable visual guide/);
  });
});
