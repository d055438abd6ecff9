import { describe, expect, it, vi } from 'vitest';
import type { Remote } from 'comlink';
import type { RenderApi } from '../../workers/render.worker';
import { planMotion } from '$lib/pipeline/kenburns';
import {
  EngineCrashError,
  EngineLoadError,
  EngineOfflineError,
  FfmpegExitError,
  UnreadableImageError,
} from '../pipeline/errors';
import { createRenderPool, defaultPoolSize, stallLimitMs } from './pool';
import type { ClipInput } from '$lib/pipeline/render-plan';
import type { RenderPool } from './pool';
import type { Connect } from './worker-slot';

/** A worker double: renders a clip as the bytes [worker id, scene index], reporting frames on the way. */
type Outcome = 'ok' | 'crash' | 'fail' | 'bad-image' | 'hang' | 'die' | 'silent' | 'no-engine';

function fakeWorkers(behaviour: (worker: number, scene: number) => Outcome = () => 'ok') {
  const state = { started: 0, terminated: [] as number[] };
  const connect: Connect = () => {
    const id = ++state.started;
    let die: (error: Error) => void = () => {};
    const died = new Promise<never>((_, reject) => (die = reject));
    died.catch(() => {});
    const api = {
      async probe() {
        return { duration: id };
      },
      async assemble() {
        return new Blob([new Uint8Array([id])], { type: 'video/mp4' });
      },
      async renderClip(
        { plan, engine }: ClipInput & { engine?: string },
        onFrames?: (n: number) => void,
        onEngine?: (engine: string) => void,
      ) {
        const outcome = behaviour(id, plan.index);
        onEngine?.(engine === 'webcodecs' ? 'webcodecs' : 'ffmpeg');
        // A worker that never answers and never reports a frame (a render stuck inside the engine).
        if (outcome === 'silent') await new Promise(() => {});
        await new Promise((resolve) => setTimeout(resolve, 5));
        onFrames?.(Math.floor(plan.frames / 2));
        if (outcome === 'hang') await new Promise(() => {});
        if (outcome === 'die') {
          // The browser kills the worker: the call never answers, the worker's error event fires.
          die(new EngineCrashError('The render worker stopped: out of memory'));
          await new Promise(() => {});
        }
        if (outcome === 'no-engine')
          throw Object.assign(new Error('The video engine could not start (Failed to fetch)'), {
            name: 'EngineLoadError',
          });
        if (outcome === 'crash') throw Object.assign(new Error('Aborted(OOM)'), { name: 'EngineCrashError' });
        if (outcome === 'fail')
          throw Object.assign(new Error('ffmpeg exited with code 1'), { name: 'FfmpegExitError' });
        if (outcome === 'bad-image')
          throw Object.assign(new Error('The image of scene 1 is damaged'), { name: 'UnreadableImageError' });
        onFrames?.(plan.frames);
        return new Blob([new Uint8Array([id, plan.index])], { type: 'video/mp4' });
      },
    };
    return {
      api: api as unknown as Remote<RenderApi>,
      died,
      terminate: () => void state.terminated.push(id),
    };
  };
  return { connect, state };
}

function jobs(count: number): ClipInput[] {
  return Array.from({ length: count }, (_, index) => ({
    image: new Blob([]),
    plan: planMotion({ index, start: index * 2, end: index * 2 + 1 + index / 10 }, 'square', { scale: 0.1 }),
  }));
}

/** A fake clip's bytes: [worker id, scene index]. */
async function bytesOf(clip: Blob): Promise<number[]> {
  return [...new Uint8Array(await clip.arrayBuffer())];
}

/** Renders the jobs one after the other, as [worker id, scene index] per clip. */
async function inTurn(pool: RenderPool, count: number): Promise<number[][]> {
  const rendered: number[][] = [];
  for (const job of jobs(count)) rendered.push(await bytesOf(await pool.renderClip(job)));
  return rendered;
}

/** How one call ended: its clip's bytes, or its error. */
function settled(pool: RenderPool, job: ClipInput): Promise<number[] | Error> {
  return pool.renderClip(job).then(bytesOf, (error: Error) => error);
}

describe('render pool', () => {
  it('sizes itself from cores and memory, never below one worker', () => {
    expect(defaultPoolSize({ hardwareConcurrency: 2 })).toBe(2);
    expect(defaultPoolSize({ hardwareConcurrency: 8, deviceMemory: 2 })).toBe(2);
    expect(defaultPoolSize({ hardwareConcurrency: 1, deviceMemory: 0.5 })).toBe(1);
    expect(defaultPoolSize({ hardwareConcurrency: 32, deviceMemory: 8 })).toBe(6);
    expect(defaultPoolSize({})).toBe(2);
  });

  it('renders calls made together on every worker in parallel, with frames up to the last', async () => {
    const { connect, state } = fakeWorkers();
    const pool = createRenderPool({ lanes: 2, connect });
    const frames: number[][] = [[], [], [], []];
    const clips = await Promise.all(
      jobs(4).map(async (job, i) => bytesOf(await pool.renderClip(job, { onProgress: (n) => frames[i]?.push(n) }))),
    );
    expect(state.started).toBe(2);
    expect(clips.map((clip) => clip[1])).toEqual([0, 1, 2, 3]);
    expect(new Set(clips.map((clip) => clip[0]))).toEqual(new Set([1, 2]));
    expect(frames.map((counts) => counts.at(-1))).toEqual(jobs(4).map((job) => job.plan.frames));
  });

  it('retries a clip once in a fresh worker when ffmpeg.wasm crashes, its frames back to 0', async () => {
    const { connect, state } = fakeWorkers((worker, scene) => (worker === 1 && scene === 0 ? 'crash' : 'ok'));
    const pool = createRenderPool({ lanes: 1, connect });
    const frames: number[] = [];
    const [first] = jobs(1);
    const clip = await pool.renderClip(first as ClipInput, { onProgress: (n) => frames.push(n) });
    expect(await bytesOf(clip)).toEqual([2, 0]);
    const planned = first?.plan.frames ?? 0;
    expect(frames).toEqual([Math.floor(planned / 2), 0, Math.floor(planned / 2), planned]);
    expect(await inTurn(pool, 2)).toEqual([
      [2, 0],
      [2, 1],
    ]);
    expect(state.terminated).toEqual([1]);
  });

  it('asks for the engine set at the time of each clip, and says which engine renders it', async () => {
    const { connect } = fakeWorkers();
    let choice: 'auto' | 'webcodecs' | 'ffmpeg' = 'webcodecs';
    const heard: string[] = [];
    const pool = createRenderPool({ lanes: 1, connect, choice: () => choice, onEngine: (e) => heard.push(e) });
    const [first, second] = jobs(2) as [ClipInput, ClipInput];
    await pool.renderClip(first);
    choice = 'ffmpeg';
    await pool.renderClip(second);
    expect(heard).toEqual(['webcodecs', 'ffmpeg']);
  });

  it('stops a clip that makes no progress and retries it once in a fresh worker, like a crash', async () => {
    const { connect, state } = fakeWorkers((worker, scene) => (worker === 1 && scene === 0 ? 'silent' : 'ok'));
    const pool = createRenderPool({ lanes: 1, connect, stallMs: () => 40 });
    expect(await inTurn(pool, 2)).toEqual([
      [2, 0],
      [2, 1],
    ]);
    expect(state.terminated).toEqual([1]);
  });

  it('gives up on a clip that hangs twice, with an EngineCrashError saying it hung; a hang after some frames counts too', async () => {
    const { connect, state } = fakeWorkers((_, scene) => (scene === 0 ? 'silent' : scene === 1 ? 'hang' : 'ok'));
    const pool = createRenderPool({ lanes: 1, connect, stallMs: () => 40 });
    const [silent, stuck, fine] = jobs(3).map((job) => settled(pool, job));
    const first = await silent;
    expect(first).toBeInstanceOf(EngineCrashError);
    expect((first as Error).message).toMatch(/Scene 1 made no progress .* hung/);
    expect(await stuck).toBeInstanceOf(EngineCrashError);
    expect(await fine).toEqual([5, 2]);
    expect(state.terminated).toEqual([1, 2, 3, 4]);
  });

  it('waits far longer than a clip could take before calling it hung, never under 30 s', () => {
    expect(stallLimitMs({ frames: 30, fps: 30 })).toBe(30_000);
    expect(stallLimitMs({ frames: 60 * 30, fps: 30 })).toBe(600_000);
  });

  it('also retries when the browser kills a worker outright', async () => {
    const { connect, state } = fakeWorkers((worker, scene) => (worker === 1 && scene === 1 ? 'die' : 'ok'));
    expect(await inTurn(createRenderPool({ lanes: 1, connect }), 2)).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect(state.terminated).toEqual([1]);
  });

  it('gives up on a clip after its retry, with the engine error by class; the others render', async () => {
    const { connect, state } = fakeWorkers((_worker, scene) => (scene === 1 ? 'crash' : 'ok'));
    const pool = createRenderPool({ lanes: 2, connect });
    const outcomes = await Promise.all(jobs(4).map((job) => settled(pool, job)));
    expect(outcomes[1]).toBeInstanceOf(EngineCrashError);
    expect([0, 2, 3].map((i) => (outcomes[i] as number[])[1])).toEqual([0, 2, 3]);
    // The first try and the retry each cost a worker.
    expect(state.terminated).toHaveLength(2);
  });

  it('tells an engine that could not be fetched offline apart: no retry, an EngineOfflineError to wait on', async () => {
    const { connect, state } = fakeWorkers((worker) => (worker <= 2 ? 'no-engine' : 'ok'));
    const pool = createRenderPool({ lanes: 1, connect });
    const [first] = jobs(1);
    vi.stubGlobal('navigator', { onLine: false });
    try {
      const offline = await settled(pool, first as ClipInput);
      expect(offline).toBeInstanceOf(EngineOfflineError);
      expect((offline as Error).cause).toBeInstanceOf(EngineLoadError);
      // Not tried again while offline: a fresh worker could not fetch the engine either.
      expect(state.started).toBe(1);
    } finally {
      vi.unstubAllGlobals();
    }
    // Online, a failed load is the engine's own failure, tried once more in a fresh worker (the third).
    expect(await settled(pool, first as ClipInput)).toEqual([3, 0]);
    expect(state.started).toBe(3);
  });

  it('does not retry a bad input, and renders the good clips beside it', async () => {
    const { connect, state } = fakeWorkers((_worker, scene) =>
      scene === 0 ? 'fail' : scene === 3 ? 'bad-image' : 'ok',
    );
    const pool = createRenderPool({ lanes: 2, connect });
    const outcomes = await Promise.all(jobs(6).map((job) => settled(pool, job)));
    const bytes = outcomes.map((outcome) => (outcome instanceof Error ? outcome.constructor : outcome[1]));
    expect(bytes).toEqual([FfmpegExitError, 1, 2, UnreadableImageError, 4, 5]);
    // Neither failure is worth a fresh worker: the two workers rendered everything.
    expect(state).toEqual({ started: 2, terminated: [] });
  });

  it('fails only its own clip when the browser kills the worker on both tries', async () => {
    const { connect, state } = fakeWorkers((_worker, scene) => (scene === 0 ? 'die' : 'ok'));
    const pool = createRenderPool({ lanes: 1, connect });
    const [first, ...others] = jobs(3);
    expect(await settled(pool, first as ClipInput)).toBeInstanceOf(EngineCrashError);
    expect(await Promise.all(others.map((job) => settled(pool, job)))).toEqual([
      [3, 1],
      [3, 2],
    ]);
    expect(state.terminated).toEqual([1, 2]);
  });

  it('cancels: terminates the busy workers and rejects with an AbortError, then renders again', async () => {
    let hang = true;
    const { connect, state } = fakeWorkers(() => (hang ? 'hang' : 'ok'));
    const controller = new AbortController();
    const pool = createRenderPool({ lanes: 2, connect });
    const rendering = jobs(3).map((job) => pool.renderClip(job, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    for (const call of rendering) await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(state.terminated.sort()).toEqual([1, 2]);
    // The pool stays usable: fresh workers start for the next calls.
    hang = false;
    const clips = await Promise.all(jobs(2).map((job) => settled(pool, job)));
    expect(clips.map((clip) => (clip as number[])[0]).sort()).toEqual([3, 4]);
  });

  it('ends a worker that stood idle, and starts a fresh one for the next call', async () => {
    const { connect, state } = fakeWorkers();
    const pool = createRenderPool({ lanes: 2, connect, idleMs: 30 });
    const [first, second] = jobs(2) as [ClipInput, ClipInput];
    expect(await bytesOf(await pool.renderClip(first))).toEqual([1, 0]);
    // Busy again before its time is up: the same worker, kept.
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await bytesOf(await pool.renderClip(second))).toEqual([1, 1]);
    expect(state.terminated).toEqual([]);
    await vi.waitFor(() => expect(state.terminated).toEqual([1]));
    expect(await bytesOf(await pool.renderClip(first))).toEqual([2, 0]);
  });

  it('ends the worker that probed the audio (its ffmpeg.wasm heap), and renders on a fresh one', async () => {
    const { connect, state } = fakeWorkers();
    const pool = createRenderPool({ lanes: 1, connect });
    expect(await pool.probe({ file: new Blob([]) })).toEqual({ duration: 1 });
    expect(state.terminated).toEqual([1]);
    expect(await inTurn(pool, 2)).toEqual([
      [2, 0],
      [2, 1],
    ]);
    expect(state.terminated).toEqual([1]);
  });

  it('ends the workers the clips left idle before assembling, and the one assembling after it', async () => {
    const { connect, state } = fakeWorkers();
    const pool = createRenderPool({ lanes: 2, connect });
    await Promise.all(jobs(2).map((job) => pool.renderClip(job)));
    expect(state).toEqual({ started: 2, terminated: [] });
    const clips = [{ blob: new Blob([]), frames: 3 }];
    expect(await bytesOf(await pool.assemble({ clips, audio: new Blob([]), fps: 30 }))).toEqual([3]);
    expect(state.terminated.sort()).toEqual([1, 2, 3]);
    // A clip after it starts a fresh worker.
    expect(await inTurn(pool, 1)).toEqual([[4, 0]]);
  });

  it('rejects every call in flight or waiting with an AbortError when disposed, and works again after', async () => {
    let hang = true;
    const { connect, state } = fakeWorkers(() => (hang ? 'hang' : 'ok'));
    const pool = createRenderPool({ lanes: 1, connect });
    const [first, second] = jobs(2) as [ClipInput, ClipInput];
    const running = pool.renderClip(first);
    const waiting = pool.renderClip(second);
    await new Promise((resolve) => setTimeout(resolve, 20));
    pool.dispose();
    await expect(running).rejects.toMatchObject({ name: 'AbortError', message: 'The render engine was shut down.' });
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(state.terminated).toEqual([1]);
    hang = false;
    expect(await bytesOf(await pool.renderClip(second))).toEqual([2, 1]);
  });
});
