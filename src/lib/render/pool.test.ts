import { describe, expect, it } from 'vitest';
import type { Remote } from 'comlink';
import type { RenderApi } from '../../workers/render.worker';
import { planMotion } from '$lib/pipeline/kenburns';
import { EngineCrashError, FfmpegExitError, UnreadableImageError } from '../pipeline/errors';
import { createRenderPool, defaultPoolSize } from './pool';
import type { Clip, ClipJob, ClipOutcome, RenderProgress } from './types';
import type { Connect } from './worker-slot';

/** A worker double: renders a clip as the bytes [worker id, scene index], reporting frames on the way. */
type Outcome = 'ok' | 'crash' | 'fail' | 'bad-image' | 'hang' | 'die';

function fakeWorkers(behaviour: (worker: number, scene: number) => Outcome = () => 'ok') {
  const state = { started: 0, terminated: [] as number[] };
  const connect: Connect = () => {
    const id = ++state.started;
    let die: (error: Error) => void = () => {};
    const died = new Promise<never>((_, reject) => (die = reject));
    died.catch(() => {});
    const api = {
      async renderClip(_image: Blob, plan: { index: number; frames: number }, onFrames?: (n: number) => void) {
        const outcome = behaviour(id, plan.index);
        await new Promise((resolve) => setTimeout(resolve, 5));
        onFrames?.(Math.floor(plan.frames / 2));
        if (outcome === 'hang') await new Promise(() => {});
        if (outcome === 'die') {
          // The browser kills the worker: the call never answers, the worker's error event fires.
          die(new EngineCrashError('The render worker stopped: out of memory'));
          await new Promise(() => {});
        }
        if (outcome === 'crash') throw Object.assign(new Error('Aborted(OOM)'), { name: 'EngineCrashError' });
        if (outcome === 'fail')
          throw Object.assign(new Error('ffmpeg exited with code 1'), { name: 'FfmpegExitError' });
        if (outcome === 'bad-image')
          throw Object.assign(new Error('The image of scene 1 is damaged'), { name: 'UnreadableImageError' });
        onFrames?.(plan.frames);
        return new Uint8Array([id, plan.index]);
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

/** The clips of a batch that was expected to succeed whole. */
function clipsOf(outcomes: ClipOutcome[]): Clip[] {
  return outcomes.map((outcome) => {
    if (!outcome.ok) throw outcome.error;
    return outcome.clip;
  });
}

function jobs(count: number): ClipJob[] {
  return Array.from({ length: count }, (_, index) => ({
    image: new Blob([]),
    plan: planMotion({ index, start: index * 2, end: index * 2 + 1 + index / 10 }, 'square', { scale: 0.1 }),
  }));
}

describe('render pool', () => {
  it('sizes itself from cores and memory, never below one worker', () => {
    expect(defaultPoolSize({ hardwareConcurrency: 2 })).toBe(2);
    expect(defaultPoolSize({ hardwareConcurrency: 8, deviceMemory: 2 })).toBe(2);
    expect(defaultPoolSize({ hardwareConcurrency: 1, deviceMemory: 0.5 })).toBe(1);
    expect(defaultPoolSize({ hardwareConcurrency: 32, deviceMemory: 8 })).toBe(6);
    expect(defaultPoolSize({})).toBe(2);
  });

  it('renders on every worker in parallel and returns clips in scene order with full progress', async () => {
    const { connect, state } = fakeWorkers();
    const pool = createRenderPool({ size: 2, connect });
    const progress: RenderProgress[] = [];
    const finished: number[] = [];
    const clips = clipsOf(
      await pool.renderClips(jobs(5), {
        onProgress: (p) => progress.push(p),
        onClip: (job) => void finished.push(job),
      }),
    );
    expect(state.started).toBe(2);
    expect(clips.map((clip) => clip.bytes[1])).toEqual([0, 1, 2, 3, 4]);
    expect(new Set(clips.map((clip) => clip.bytes[0]))).toEqual(new Set([1, 2]));
    expect(clips.map((clip) => clip.frames)).toEqual(jobs(5).map((job) => job.plan.frames));
    expect(finished.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(progress.at(-1)).toMatchObject({ done: progress.at(-1)?.total });
    expect(progress.length).toBeGreaterThanOrEqual(10);
  });

  it('retries a clip once in a fresh worker when ffmpeg.wasm crashes', async () => {
    const { connect, state } = fakeWorkers((worker, scene) => (worker === 1 && scene === 0 ? 'crash' : 'ok'));
    const clips = clipsOf(await createRenderPool({ size: 1, connect }).renderClips(jobs(3)));
    expect(clips.map((clip) => [...clip.bytes])).toEqual([
      [2, 0],
      [2, 1],
      [2, 2],
    ]);
    expect(state.terminated).toEqual([1]);
  });

  it('also retries when the browser kills a worker outright', async () => {
    const { connect, state } = fakeWorkers((worker, scene) => (worker === 1 && scene === 1 ? 'die' : 'ok'));
    const clips = clipsOf(await createRenderPool({ size: 1, connect }).renderClips(jobs(2)));
    expect(clips.map((clip) => [...clip.bytes])).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect(state.terminated).toEqual([1]);
  });

  it('gives up on a clip after its retry, with the engine error by class, and renders the others', async () => {
    const { connect, state } = fakeWorkers((_worker, scene) => (scene === 1 ? 'crash' : 'ok'));
    const failures: [number, Error][] = [];
    const outcomes = await createRenderPool({ size: 2, connect }).renderClips(jobs(4), {
      onClipError: (job, error) => void failures.push([job, error]),
    });
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false, true, true]);
    const failed = outcomes[1];
    expect(failed?.ok === false && failed.error).toBeInstanceOf(EngineCrashError);
    expect(failures).toEqual([[1, failed?.ok === false && failed.error]]);
    // The first try and the retry each cost a worker.
    expect(state.terminated).toHaveLength(2);
  });

  it('renders every good clip when one job among them fails, without retrying a bad input', async () => {
    const { connect, state } = fakeWorkers((_worker, scene) =>
      scene === 0 ? 'fail' : scene === 3 ? 'bad-image' : 'ok',
    );
    const progress: RenderProgress[] = [];
    const finished: number[] = [];
    const failures: [number, string][] = [];
    const outcomes = await createRenderPool({ size: 2, connect }).renderClips(jobs(6), {
      onProgress: (p) => progress.push(p),
      onClip: (job) => void finished.push(job),
      onClipError: (job, error) => void failures.push([job, error.name]),
    });
    const bytes = outcomes.map((outcome) => (outcome.ok ? outcome.clip.bytes[1] : outcome.error.constructor));
    expect(bytes).toEqual([FfmpegExitError, 1, 2, UnreadableImageError, 4, 5]);
    expect(finished.sort()).toEqual([1, 2, 4, 5]);
    expect(failures.sort()).toEqual([
      [0, 'FfmpegExitError'],
      [3, 'UnreadableImageError'],
    ]);
    // Neither failure is worth a fresh worker: the two workers rendered everything.
    expect(state).toEqual({ started: 2, terminated: [] });
    // The failed clips leave the batch, so the bar still ends full.
    const frames = jobs(6).map((job) => job.plan.frames);
    expect(progress.at(-1)).toMatchObject({ done: frames[1]! + frames[2]! + frames[4]! + frames[5]! });
    expect(progress.at(-1)?.total).toBe(progress.at(-1)?.done);
  });

  it('stops the batch when a callback fails (e.g. the disk is full), terminating the busy workers', async () => {
    const { connect, state } = fakeWorkers((_worker, scene) => (scene === 0 ? 'ok' : 'hang'));
    const full = Object.assign(new Error('The disk is full.'), { name: 'StorageFullError' });
    const rendering = createRenderPool({ size: 2, connect }).renderClips(jobs(4), {
      onClip: () => Promise.reject(full),
    });
    await expect(rendering).rejects.toBe(full);
    expect(state.terminated).toContain(2);
  });

  it('fails only its own clip when the browser kills the worker on both tries', async () => {
    const { connect, state } = fakeWorkers((_worker, scene) => (scene === 0 ? 'die' : 'ok'));
    const outcomes = await createRenderPool({ size: 1, connect }).renderClips(jobs(3));
    expect(outcomes[0]?.ok === false && outcomes[0].error).toBeInstanceOf(EngineCrashError);
    expect(outcomes.slice(1).map((outcome) => outcome.ok && [...outcome.clip.bytes])).toEqual([
      [3, 1],
      [3, 2],
    ]);
    expect(state.terminated).toEqual([1, 2]);
  });

  it('cancels: terminates the busy workers and rejects with an AbortError', async () => {
    let hang = true;
    const { connect, state } = fakeWorkers(() => (hang ? 'hang' : 'ok'));
    const controller = new AbortController();
    const pool = createRenderPool({ size: 2, connect });
    const rendering = pool.renderClips(jobs(3), { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(rendering).rejects.toMatchObject({ name: 'AbortError' });
    expect(state.terminated.sort()).toEqual([1, 2]);
    // The pool stays usable: fresh workers start for the next call.
    hang = false;
    const clips = clipsOf(await pool.renderClips(jobs(2)));
    expect(clips.map((clip) => clip.bytes[0]).sort()).toEqual([3, 4]);
  });
});
