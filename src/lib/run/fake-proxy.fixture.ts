// Test equipment for the runner: the proxy on 127.0.0.1, counting, delaying and failing on cue, and
// logging what it answered (and what was dropped) so a test can read the order things happened in.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

const WORDS = 'One two three. Four five six. Seven eight nine. Ten eleven twelve.'.split(' ');
/** The four scenes the fake transcript is cut into, in order. */
export const SCENE_TEXTS = ['One two three.', 'Four five six.', 'Seven eight nine.', 'Ten eleven twelve.'];

export interface FakeProxy {
  base: string;
  counts: { transcribe: number; guide: number; prompt: number; image: number };
  /** What happened, in order: `prompt <text>`, `image <text>` (answered), `image aborted <text>`, plus the engine's. */
  events: string[];
  /** Images drawn from these scene texts' prompts are refused for good. */
  failImage: Set<string>;
  /** Prompts for these scene texts are refused for good. */
  failPrompt: Set<string>;
  /** Milliseconds an image takes, by scene text. */
  imageDelay: Map<string, number>;
  /** How many 429s the next image requests get. */
  rateLimitNext: number;
  /** The recording is heard as silence: the transcript has no words. */
  silent: boolean;
  /** The most image and prompt requests in flight at once. */
  peak: number;
  /** The Idempotency-Key of every request, as `<route> <label> <key>`, in the order they came. */
  keys: string[];
  reset(): void;
  close(): Promise<void>;
}

const textOf = (prompt: string) => prompt.replace(/^photo of /, '');

export async function startFakeProxy(): Promise<FakeProxy> {
  let inFlight = 0;
  const proxy = {
    counts: { transcribe: 0, guide: 0, prompt: 0, image: 0 },
    events: [] as string[],
    failImage: new Set<string>(),
    failPrompt: new Set<string>(),
    imageDelay: new Map<string, number>(),
    rateLimitNext: 0,
    silent: false,
    peak: 0,
    keys: [] as string[],
  };
  const answer = (route: string, body: string, send: (status: number, payload: string | Buffer) => void) => {
    if (route === 'transcribe') {
      const words = proxy.silent ? [] : WORDS.map((word, i) => ({ word, start: i * 2, end: i * 2 + 1.5 }));
      return send(200, JSON.stringify({ language: 'en', duration: 24, model: 'w', words, segments: [] }));
    }
    const input = JSON.parse(body) as { text?: string; prompt?: string; guide?: string };
    if (route === 'guide') return send(200, JSON.stringify({ guide: `Guide of: ${input.text}`, model: 'm' }));
    if (route === 'prompt') {
      if (!proxy.failPrompt.has(input.text ?? ''))
        return send(200, JSON.stringify({ prompt: `photo of ${input.text}`, model: 'm' }));
      return send(422, JSON.stringify({ error: { code: 'refused', message: 'The model refused.', retryable: false } }));
    }
    if (proxy.rateLimitNext > 0) {
      proxy.rateLimitNext -= 1;
      return send(
        429,
        JSON.stringify({ error: { code: 'rate_limited', message: 'Too many images.', retryable: true } }),
      );
    }
    if (proxy.failImage.has(textOf(input.prompt ?? ''))) {
      return send(
        422,
        JSON.stringify({ error: { code: 'nsfw', message: 'The image was blocked.', retryable: false } }),
      );
    }
    send(200, Buffer.from(`png:${input.prompt}`));
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const route = (req.url ?? '').replace('/api/', '') as keyof typeof proxy.counts;
      proxy.counts[route] += 1;
      const prompt = route === 'image' ? textOf((JSON.parse(body) as { prompt: string }).prompt) : '';
      const label = route === 'prompt' ? (JSON.parse(body) as { text: string }).text : prompt;
      proxy.keys.push(`${route} ${label} ${String(req.headers['idempotency-key'])}`);
      if (route !== 'transcribe') proxy.peak = Math.max(proxy.peak, ++inFlight);
      let open = true;
      res.on('close', () => {
        if (route !== 'transcribe' && open) inFlight -= 1;
        if (open) proxy.events.push(`${route} aborted ${label}`);
        open = false;
      });
      const send = (status: number, payload: string | Buffer) => {
        if (!open) return;
        if (route !== 'transcribe') inFlight -= 1;
        open = false;
        if (route !== 'transcribe') proxy.events.push(`${route} ${label}`);
        const type = route === 'image' && status === 200 ? 'image/png' : 'application/json';
        res.writeHead(status, { 'content-type': type, ...(status === 429 ? { 'retry-after': '1' } : {}) });
        res.end(payload);
      };
      setTimeout(() => answer(route, body, send), proxy.imageDelay.get(prompt) ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(proxy, {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reset() {
      proxy.counts = { transcribe: 0, guide: 0, prompt: 0, image: 0 };
      proxy.events.length = 0;
      proxy.keys.length = 0;
      proxy.failImage.clear();
      proxy.failPrompt.clear();
      proxy.imageDelay.clear();
      proxy.rateLimitNext = proxy.peak = 0;
      proxy.silent = false;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
