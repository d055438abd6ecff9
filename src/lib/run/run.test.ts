import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { imageKey, newProject, type Project, type StepId } from '../pipeline/project';
import { finalDone, retryScene } from '../pipeline/project-plan';
import { AUDIO, getBlob, loadProject, putBlob, saveProject } from '../store/projects';
import type { Engine, RunContext } from './context';
import { runProject } from './run';

// A real HTTP server on 127.0.0.1 plays the proxy; it counts requests and can fail on cue.
const counts = { transcribe: 0, prompt: 0, image: 0 };
const failImage = new Set<string>();
let rateLimitNext = 0;
let server: Server;
let base: string;
const WORDS = 'One two three. Four five six. Seven eight nine. Ten eleven twelve.'.split(' ');

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const route = (req.url ?? '').replace('/api/', '') as keyof typeof counts;
      counts[route] += 1;
      const send = (status: number, type: string, payload: string | Buffer, headers = {}) => {
        res.writeHead(status, { 'content-type': type, ...headers });
        res.end(payload);
      };
      if (route === 'transcribe') {
        const words = WORDS.map((word, i) => ({ word, start: i * 2, end: i * 2 + 1.5 }));
        return send(
          200,
          'application/json',
          JSON.stringify({ language: 'en', duration: 24, model: 'w', words, segments: [] }),
        );
      }
      const input = JSON.parse(body) as { text?: string; prompt?: string };
      if (route === 'prompt')
        return send(200, 'application/json', JSON.stringify({ prompt: `photo of ${input.text}`, model: 'm' }));
      if (rateLimitNext > 0) {
        rateLimitNext -= 1;
        const error = { error: { code: 'rate_limited', message: 'Too many images.', retryable: true } };
        return send(429, 'application/json', JSON.stringify(error), { 'retry-after': '1' });
      }
      if (failImage.has(input.prompt ?? '')) {
        const error = { error: { code: 'nsfw', message: 'The image was blocked.', retryable: false } };
        return send(422, 'application/json', JSON.stringify(error));
      }
      send(200, 'image/png', Buffer.from(`png:${input.prompt}`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  counts.transcribe = counts.prompt = counts.image = 0;
  failImage.clear();
  rateLimitNext = 0;
});

// The media engine is test equipment here (the real one runs ffmpeg.wasm in Chromium, see tests/e2e):
// clips and the video are text blobs naming what they were made from.
// `failing` names the scenes whose clip fails, with the render engine's error name (as the pool reports it).
function fakeEngine(
  rendered: string[],
  opts: { stopAfterClips?: number; abort?: () => void; failing?: Map<number, string> } = {},
): Engine {
  return {
    probe: () => Promise.resolve({ duration: 24, codec: 'pcm_s16le' }),
    compact: (file) => Promise.resolve({ blob: file, fileName: 'audio.ogg' }),
    async renderClips(_project, jobs, { onClip, onClipError, onProgress }) {
      for (const [i, job] of jobs.entries()) {
        if (opts.stopAfterClips !== undefined && rendered.length >= opts.stopAfterClips) {
          opts.abort?.();
          throw new DOMException('stop', 'AbortError');
        }
        const name = opts.failing?.get(job.scene.index);
        if (name) {
          await onClipError(i, Object.assign(new Error('ffmpeg exited with code 1.\n[png @ 0x1] log tail'), { name }));
          continue;
        }
        rendered.push(`clip ${job.scene.index}`);
        onProgress(i + 1, jobs.length);
        await onClip(i, new Blob([`clip of ${await job.image.text()}`]));
      }
    },
    async assemble(_project, clips) {
      const parts = await Promise.all(clips.map((clip) => clip.text()));
      return new Blob([parts.join('|')], { type: 'video/mp4' });
    },
  };
}

async function seed(id: string): Promise<Project> {
  const audio = { name: 'talk.wav', type: 'audio/wav', size: 4, duration: 24, codec: 'pcm_s16le' };
  const project = newProject({ id, name: 'Talk', format: 'square', language: 'en', audio, now: 1 });
  await putBlob(id, AUDIO, new Blob(['RIFF']));
  await saveProject(project);
  return project;
}

function context(
  project: Project,
  engine: Engine,
  controller = new AbortController(),
): RunContext & { current: () => Project } {
  let current = project;
  const working = new Set<string>();
  return {
    signal: controller.signal,
    engine,
    api: { base, retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10, maxRetryAfterMs: 5000 } },
    concurrency: 4,
    project: () => current,
    current: () => current,
    update: async (change) => {
      current = change(current);
      await saveProject(current);
    },
    working: (id, on) => void (on ? working.add(id) : working.delete(id)),
    progress: (_step: StepId) => undefined,
    notice: () => undefined,
  };
}

describe('runProject', () => {
  it('takes a project from audio to a final video, saving every piece', async () => {
    const rendered: string[] = [];
    const ctx = context(await seed('full'), fakeEngine(rendered));
    expect(await runProject(ctx)).toBe('done');
    const saved = (await loadProject('full'))!;
    expect(finalDone(saved)).toBe(true);
    expect(saved.scenes?.map((s) => s.text)).toEqual([
      'One two three.',
      'Four five six.',
      'Seven eight nine.',
      'Ten eleven twelve.',
    ]);
    expect(await (await getBlob('full', saved.final!.key))!.text()).toBe(
      saved.scenes!.map((s) => `clip of png:photo of ${s.text}`).join('|'),
    );
    expect(counts).toEqual({ transcribe: 1, prompt: 4, image: 4 });
    expect(rendered).toHaveLength(4);
  });

  it('resumes after a stop during rendering without asking for anything twice', async () => {
    const controller = new AbortController();
    const rendered: string[] = [];
    const first = context(
      await seed('resume'),
      fakeEngine(rendered, { stopAfterClips: 2, abort: () => controller.abort() }),
      controller,
    );
    await expect(runProject(first)).rejects.toThrow();
    // A reload: a new run from what was saved.
    const reloaded = context((await loadProject('resume'))!, fakeEngine(rendered));
    expect(await runProject(reloaded)).toBe('done');
    expect(counts).toEqual({ transcribe: 1, prompt: 4, image: 4 });
    expect(rendered).toEqual(['clip 0', 'clip 1', 'clip 2', 'clip 3']);
  });

  it('keeps going when one image fails for good, then finishes once that scene is retried', async () => {
    failImage.add('photo of Four five six.');
    const rendered: string[] = [];
    const ctx = context(await seed('fail'), fakeEngine(rendered));
    expect(await runProject(ctx)).toBe('blocked');
    const failed = ctx.current();
    expect(failed.scenes?.[1]?.failure).toEqual({
      step: 'images',
      message: 'The image was blocked.',
      retryable: false,
    });
    expect(rendered).toEqual(['clip 0', 'clip 2', 'clip 3']);
    failImage.clear();
    const retried = context(retryScene(failed, 1), fakeEngine(rendered));
    expect(await runProject(retried)).toBe('done');
    expect(counts.image).toBe(5);
    expect(rendered).toEqual(['clip 0', 'clip 2', 'clip 3', 'clip 1']);
  });

  it('waits out a 429 and its retry-after instead of failing the scene', async () => {
    rateLimitNext = 1;
    const started = Date.now();
    const ctx = context(await seed('rate'), fakeEngine([]));
    expect(await runProject(ctx)).toBe('done');
    expect(counts.image).toBe(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('fails only the scene whose image is damaged, forgets that image, and its retry draws a new one', async () => {
    const rendered: string[] = [];
    const failing = new Map([[2, 'UnreadableImageError']]);
    const ctx = context(await seed('damaged'), fakeEngine(rendered, { failing }));
    expect(await runProject(ctx)).toBe('blocked');
    const failed = ctx.current();
    const damagedKey = imageKey(`photo of ${failed.scenes![2]!.text}`, failed);
    expect(failed.scenes?.[2]).toMatchObject({
      failure: {
        step: 'images',
        message: 'The picture the image service sent is damaged, so it could not be decoded. Retry draws a new one.',
        retryable: true,
      },
      image: undefined,
    });
    expect(await getBlob('damaged', damagedKey)).toBeUndefined();
    // The other scenes have their clips; the video waits for the failed one.
    expect(rendered).toEqual(['clip 0', 'clip 1', 'clip 3']);
    expect(failed.scenes?.filter((scene) => scene.clip).map((scene) => scene.index)).toEqual([0, 1, 3]);
    expect(failed.final).toBeUndefined();

    failing.clear();
    const retried = context(retryScene(failed, 2), fakeEngine(rendered, { failing }));
    expect(await runProject(retried)).toBe('done');
    expect(counts).toEqual({ transcribe: 1, prompt: 4, image: 5 });
    expect(rendered.at(-1)).toBe('clip 2');
    expect(finalDone(retried.current())).toBe(true);
  });

  it('only renders again on retry after the engine ran out of memory, keeping the image', async () => {
    const rendered: string[] = [];
    const failing = new Map([[1, 'EngineMemoryError']]);
    const ctx = context(await seed('memory'), fakeEngine(rendered, { failing }));
    expect(await runProject(ctx)).toBe('blocked');
    const failed = ctx.current();
    expect(failed.scenes?.[1]?.failure).toEqual({
      step: 'clips',
      message:
        'The video engine ran out of memory on this scene, twice. Close other tabs or apps, then retry to render it again.',
      retryable: true,
    });
    expect(await getBlob('memory', failed.scenes![1]!.image!.key)).toBeDefined();

    failing.clear();
    const retried = context(retryScene(failed, 1), fakeEngine(rendered));
    expect(await runProject(retried)).toBe('done');
    expect(counts).toEqual({ transcribe: 1, prompt: 4, image: 4 });
    expect(rendered).toEqual(['clip 0', 'clip 2', 'clip 3', 'clip 1']);
  });
});
