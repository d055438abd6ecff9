import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { StorageFullError } from '../pipeline/errors';
import { imageKey } from '../pipeline/project';
import { finalDone, retryProject, retryScene } from '../pipeline/project-plan';
import { getBlob, loadProject, loadTranscript } from '../store/projects';
import { runProject } from './run';
import { SCENE_TEXTS, seed, useFakeProxy } from './run.fixture';

// A real HTTP server on 127.0.0.1 plays the proxy; it counts requests and can fail on cue.
const rig = useFakeProxy();
const { engine, run } = rig;
/** Clips finish in the order their images arrive: which scenes got one is what counts. */
const sorted = (list: string[]) => [...list].sort();

describe('runProject', () => {
  it('takes a project from audio to a final video, saving every piece', async () => {
    const media = engine();
    const ctx = run(await seed('full'), media);
    expect(await runProject(ctx)).toBe('done');
    const saved = (await loadProject('full'))!;
    expect(finalDone(saved)).toBe(true);
    expect(saved.scenes?.map((s) => s.text)).toEqual(SCENE_TEXTS);
    expect(await (await getBlob('full', saved.final!.key))!.text()).toBe(
      saved.scenes!.map((s) => `clip of png:photo of ${s.text}`).join('|'),
    );
    expect(rig.proxy.counts).toEqual({ transcribe: 1, guide: 1, prompt: 4, image: 4 });
    expect(sorted(media.rendered)).toEqual(['clip 0', 'clip 1', 'clip 2', 'clip 3']);
    // Every paid call named itself, each with its own key.
    const keys = rig.proxy.keys.map((entry) => entry.split(' ').at(-1)!);
    expect(keys).toHaveLength(10);
    expect(keys.every((key) => /^vf-(transcribe|guide|prompt|image)-/.test(key))).toBe(true);
    expect(new Set(keys).size).toBe(10);
  });

  it('stops before the video when the storage quota has no room for it, saying so; Resume finishes it once there is', async () => {
    const media = engine();
    const ctx = run(await seed('no-room'), media);
    // The browser grants 1 MB and 0.9 MB is used: the clips and 24 s of sound to encode need more.
    vi.stubGlobal('navigator', { storage: { estimate: () => Promise.resolve({ usage: 900_000, quota: 1_000_000 }) } });
    try {
      const stopped = runProject(ctx);
      await expect(stopped).rejects.toThrow(StorageFullError);
      await expect(stopped).rejects.toThrow(
        /^The video needs about 0.8 MB of browser storage and only 0.1 MB is free \(this browser lets Voiceframe use 1.0 MB\)/,
      );
    } finally {
      vi.unstubAllGlobals();
    }
    expect(ctx.current().final).toBeUndefined();
    expect(sorted(media.rendered)).toEqual(['clip 0', 'clip 1', 'clip 2', 'clip 3']);
    expect(await runProject(ctx)).toBe('done');
    expect(sorted(media.rendered)).toEqual(['clip 0', 'clip 1', 'clip 2', 'clip 3']);
  });

  it('keeps going when one image fails for good, then finishes once that scene is retried', async () => {
    rig.proxy.failImage.add('Four five six.');
    const first = engine();
    const ctx = run(await seed('fail'), first);
    expect(await runProject(ctx)).toBe('blocked');
    const failed = ctx.current();
    expect(failed.scenes?.[1]?.failure).toEqual({
      step: 'images',
      message: 'The image was blocked.',
      retryable: false,
    });
    expect(sorted(first.rendered)).toEqual(['clip 0', 'clip 2', 'clip 3']);
    rig.proxy.failImage.clear();
    const second = engine();
    const retried = run(retryScene(failed, 1), second);
    expect(await runProject(retried)).toBe('done');
    expect(rig.proxy.counts.image).toBe(5);
    expect(second.rendered).toEqual(['clip 1']);
  });

  it('stops with a clear reason when the recording has no speech, asking nothing more and keeping no transcript', async () => {
    rig.proxy.silent = true;
    const ctx = run(await seed('silent'), engine());
    expect(await runProject(ctx)).toBe('blocked');
    const failure = ctx.current().failure;
    expect(failure).toMatchObject({ step: 'transcribe', retryable: false });
    expect(failure?.message).toMatch(/^No speech was found in “.+”: .* spoken in English/);
    expect(ctx.current().scenes).toBeUndefined();
    expect(await loadTranscript('silent')).toBeUndefined();
    expect(rig.proxy.counts).toEqual({ transcribe: 1, guide: 0, prompt: 0, image: 0 });
    // Try again asks the service anew; with speech heard this time, the video gets made.
    rig.proxy.silent = false;
    expect(await runProject(run(retryProject(ctx.current()), engine()))).toBe('done');
    expect(rig.proxy.counts.transcribe).toBe(2);
    // Asked anew, not answered from the server's memory of the silent answer.
    const keys = rig.proxy.keys.filter((entry) => entry.startsWith('transcribe '));
    expect(new Set(keys).size).toBe(2);
  });

  it('waits out a 429 and its retry-after instead of failing the scene', async () => {
    rig.proxy.rateLimitNext = 1;
    const started = Date.now();
    const ctx = run(await seed('rate'), engine());
    expect(await runProject(ctx)).toBe('done');
    expect(rig.proxy.counts.image).toBe(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('fails only the scene whose image is damaged, forgets that image, and its retry draws a new one', async () => {
    const failing = new Map([[2, 'UnreadableImageError']]);
    const first = engine({ failing });
    const ctx = run(await seed('damaged'), first);
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
    expect(sorted(first.rendered)).toEqual(['clip 0', 'clip 1', 'clip 3']);
    expect(failed.scenes?.filter((scene) => scene.clip).map((scene) => scene.index)).toEqual([0, 1, 3]);
    expect(failed.final).toBeUndefined();

    const second = engine();
    const retried = run(retryScene(failed, 2), second);
    expect(await runProject(retried)).toBe('done');
    expect(rig.proxy.counts).toEqual({ transcribe: 1, guide: 1, prompt: 4, image: 5 });
    expect(second.rendered).toEqual(['clip 2']);
    // The redraw is a new call to the service, not the damaged picture it would remember under the old key.
    const scene2 = rig.proxy.keys.filter((entry) => entry.startsWith(`image ${failed.scenes![2]!.text} `));
    expect(scene2).toHaveLength(2);
    expect(new Set(scene2).size).toBe(2);
    expect(finalDone(retried.current())).toBe(true);
  });

  it('only renders again on retry after the engine ran out of memory, keeping the image', async () => {
    const first = engine({ failing: new Map([[1, 'EngineMemoryError']]) });
    const ctx = run(await seed('memory'), first);
    expect(await runProject(ctx)).toBe('blocked');
    const failed = ctx.current();
    expect(failed.scenes?.[1]?.failure).toEqual({
      step: 'clips',
      message:
        'The video engine ran out of memory on this scene, twice. Close other tabs or apps, then retry to render it again.',
      retryable: true,
    });
    expect(await getBlob('memory', failed.scenes![1]!.image!.key)).toBeDefined();

    const second = engine();
    const retried = run(retryScene(failed, 1), second);
    expect(await runProject(retried)).toBe('done');
    expect(rig.proxy.counts).toEqual({ transcribe: 1, guide: 1, prompt: 4, image: 4 });
    expect(sorted(first.rendered)).toEqual(['clip 0', 'clip 2', 'clip 3']);
    expect(second.rendered).toEqual(['clip 1']);
  });
});
