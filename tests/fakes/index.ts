// Test equipment: Groq, an OpenAI-compatible chat and stockimg.ai, faked on one local port for any test.
//
//   const fakes = await startFakeUpstreams();
//   const server = await startServer(fakes.env);            // tests/e2e/harness.ts: the proxy uses the fakes
//   fakes.setScript('The words spoken in the test audio.'); // the transcriber times them over the real audio
//   fakes.failNext('image', 2, { kind: 'rate-limit', retryAfter: 1 });
//   fakes.failWhen('chat', 'volcano', { kind: 'server-error' }); // every scene mentioning "volcano" fails
//   fakes.configureImages({ failFirstDownloads: 2 });        // each image's first 2 downloads answer 503
//   expect(fakes.counts()).toMatchObject({ transcribe: 1, chat: 6, image: 6, download: 6 });
//   expect(fakes.generations()).toBe(6);                    // images stockimg would have charged for
//   await fakes.close();
//
// failNext/failWhen match on the prompt text for chat and image, the path for download, the model for
// transcribe. Images are a distinct gradient-and-grid PNG per prompt (JPEG with configureImages).
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { defaultAnswer, defaultGuide, fakeChat, type ChatState } from './chat';
import { fakeTranscription, type SttState, type TimedWord } from './groq-stt';
import { FakeScript, type Failure, type FakeRoute } from './scripting';
import { fakeGenerate, mountDownloads, type StockimgState } from './stockimg';

export type { Failure, FakeRoute };

/** How the image host fails a download by default: a 503, as a CDN does while an object propagates. */
const HOST_DOWN: Failure = { kind: 'server-error', status: 503 };

/** The paragraph the fake transcriber "hears" unless a test says what was spoken. */
const DEFAULT_SCRIPT =
  'Galileo was an American robotic space program that studied the planet Jupiter and its moons, as well as ' +
  'several other solar system bodies. Named after the Italian astronomer Galileo Galilei, the spacecraft ' +
  'consisted of an orbiter and an atmospheric entry probe.';

export interface FakeUpstreams {
  /** Root URL of the fakes, e.g. http://127.0.0.1:41234. */
  url: string;
  /** Environment for the proxy: base URLs, keys and a Groq LLM preset pointing at the fakes. */
  env: Record<string, string>;
  /** Sets the words the fake transcriber spreads over the uploaded audio's speech. */
  setScript(text: string): void;
  /**
   * Words at known times instead (undefined: back to the script). Those marked `filler` are written
   * down only for a request with a disfluent `prompt`, as Whisper leaves hesitations out otherwise.
   */
  setTimedWords(words: TimedWord[] | undefined): void;
  /** The next `times` requests to `route` fail this way. */
  failNext(route: FakeRoute, times: number, failure: Failure): void;
  /** Every request to `route` mentioning `substring` (prompt or scene text) fails this way. */
  failWhen(route: FakeRoute, substring: string, failure: Failure): void;
  /** Replaces how the chat model answers (null = `content: null`). */
  setChatAnswer(answer: (sceneText: string, model: string, context: string) => string | null): void;
  /** Replaces how the chat model answers a visual-guide request (null = `content: null`). */
  setGuideAnswer(guide: (narration: string, model: string) => string | null): void;
  /**
   * stockimg options: image format, whether sizes must be multiples of 16, and how many of each
   * image's first downloads fail (with a 503 unless `downloadFailure` says otherwise).
   */
  configureImages(options: {
    format?: 'png' | 'jpeg';
    requireMultipleOf16?: boolean;
    failFirstDownloads?: number;
    downloadFailure?: Failure;
  }): void;
  /** Images stockimg generated (and would have charged for) since start or the last reset. */
  generations(): number;
  /** Requests seen per route since start or the last reset. */
  counts(): Record<FakeRoute, number>;
  /** The bodies (or form fields) each route received, oldest first. */
  received(route: FakeRoute): unknown[];
  /** Forgets scripted failures, counts and options (the script and the keys stay). */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeUpstreams(): Promise<FakeUpstreams> {
  const script = new FakeScript();
  const keys = {
    groq: `gsk_fake_${randomBytes(12).toString('hex')}`,
    stockimg: `stk_fake_${randomBytes(12).toString('hex')}`,
  };
  let spoken = DEFAULT_SCRIPT;
  let timed: TimedWord[] | undefined;
  let origin = '';
  const stt: SttState = { script, key: keys.groq, spoken: () => spoken, timed: () => timed };
  const chat: ChatState = { script, key: keys.groq, answer: defaultAnswer, guide: defaultGuide };
  const stock: StockimgState = {
    script,
    key: keys.stockimg,
    origin: () => origin,
    format: 'png',
    requireMultipleOf16: false,
    images: new Map(),
    failFirstDownloads: { times: 0, failure: HOST_DOWN },
    downloadsPerImage: new Map(),
    generated: 0,
  };

  const app = new Hono();
  app.post('/openai/v1/audio/transcriptions', (c) => fakeTranscription(c, stt));
  app.post('/openai/v1/chat/completions', (c) => fakeChat(c, chat, 'groq'));
  app.post('/v1/chat/completions', (c) => fakeChat(c, chat, 'openai'));
  app.post('/v1/text-to-image/*', (c) => fakeGenerate(c, stock));
  mountDownloads(app, stock);

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    env: {
      GROQ_BASE_URL: origin,
      GROQ_API_KEY: keys.groq,
      LLM_PROVIDER: 'groq',
      LLM_BASE_URL: `${origin}/openai/v1`,
      LLM_API_KEY: keys.groq,
      LLM_MODEL: 'openai/gpt-oss-20b',
      STOCKIMG_BASE_URL: origin,
      STOCKIMG_API_KEY: keys.stockimg,
    },
    setScript: (text) => (spoken = text),
    setTimedWords: (words) => (timed = words),
    failNext: (route, times, failure) => script.failNext(route, times, failure),
    failWhen: (route, substring, failure) => script.failWhen(route, substring, failure),
    setChatAnswer: (answer) => (chat.answer = answer),
    setGuideAnswer: (guide) => (chat.guide = guide),
    configureImages: (options) => {
      stock.format = options.format ?? stock.format;
      stock.requireMultipleOf16 = options.requireMultipleOf16 ?? stock.requireMultipleOf16;
      stock.failFirstDownloads = {
        times: options.failFirstDownloads ?? stock.failFirstDownloads.times,
        failure: options.downloadFailure ?? stock.failFirstDownloads.failure,
      };
    },
    generations: () => stock.generated,
    counts: () => script.counts(),
    received: (route) => script.received(route),
    reset: () => {
      script.reset();
      chat.answer = defaultAnswer;
      chat.guide = defaultGuide;
      stock.format = 'png';
      stock.requireMultipleOf16 = false;
      stock.failFirstDownloads = { times: 0, failure: HOST_DOWN };
      stock.downloadsPerImage.clear();
      stock.generated = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
