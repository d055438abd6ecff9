import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { finalDone } from '../pipeline/project-plan';
import { stepProgress } from '../pipeline/project-progress';
import { sceneFrames } from '../pipeline/timeline';
import { loadProject } from '../store/projects';
import { runProject } from './run';
import { SCENE_TEXTS, seed, useFakeProxy } from './run.fixture';

const rig = useFakeProxy();
const { engine, run } = rig;
const at = (event: string) => {
  const index = rig.proxy.events.indexOf(event);
  if (index < 0) throw new Error(`“${event}” never happened: ${rig.proxy.events.join(', ')}`);
  return index;
};
const [FIRST, , , LAST] = SCENE_TEXTS as [string, string, string, string];

describe('the scene steps overlapped', () => {
  it('renders a scene’s clip as soon as its image exists, while a later image is still being drawn', async () => {
    rig.proxy.imageDelay.set(LAST, 1000);
    const media = engine({ lanes: 2, renderMs: 200 });
    const ctx = run(await seed('overlap'), media);
    expect(await runProject(ctx)).toBe('done');
    // The first three clips start, and finish, while the last image is still on its way.
    const lastImage = at(`image ${LAST}`);
    for (const index of [0, 1, 2]) expect(at(`clip done ${index}`)).toBeLessThan(lastImage);
    expect(at('clip start 3')).toBeGreaterThan(lastImage);
    // Both render lanes were kept busy, never more; the network never had more than 4 calls at once.
    expect(media.peak).toBe(2);
    expect(rig.proxy.peak).toBeLessThanOrEqual(4);
    expect(rig.proxy.counts).toEqual({ transcribe: 1, guide: 1, prompt: 4, image: 4 });
    expect(finalDone(ctx.current())).toBe(true);
  });

  it('reports every overlapping step truthfully: pieces for the network, frames for clips, each reaching its total', async () => {
    rig.proxy.imageDelay.set(LAST, 400);
    const ctx = run(await seed('progress'), engine({ lanes: 1, renderMs: 50 }));
    expect(await runProject(ctx)).toBe('done');
    const frames = ctx.current().scenes!.reduce((sum, scene) => sum + sceneFrames(scene, ctx.current().fps), 0);
    const of = (step: string) => ctx.reports.filter((report) => report.step === step);
    expect(of('images').every((report) => report.total === 4)).toBe(true);
    expect(of('clips').every((report) => report.total === frames)).toBe(true);
    for (const step of ['prompts', 'images', 'clips']) {
      const done = of(step).map((report) => report.done);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      expect(done.at(-1)).toBe(of(step)[0]!.total);
    }
    // Clips were counted while images were still being drawn: several rows moved at once.
    const firstClip = ctx.reports.findIndex((report) => report.step === 'clips' && report.done > 0);
    const allImages = ctx.reports.findIndex((report) => report.step === 'images' && report.done === 4);
    expect(firstClip).toBeLessThan(allImages);
  });

  it('stops every piece in flight at once on cancel, keeps what is done, and resumes without asking twice', async () => {
    rig.proxy.imageDelay.set(LAST, 5000);
    const controller = new AbortController();
    const first = engine({ lanes: 1, renderMs: 5000, onStart: () => setTimeout(() => controller.abort(), 20) });
    const started = Date.now();
    await expect(runProject(run(await seed('cancel'), first, controller))).rejects.toThrow();
    // Neither the 5 s image nor the 5 s render was waited for.
    expect(Date.now() - started).toBeLessThan(2500);
    // The server sees the dropped connection a moment later.
    await vi.waitFor(() => expect(rig.proxy.events).toContain(`image aborted ${LAST}`));
    const saved = (await loadProject('cancel'))!;
    const drawn = saved.scenes!.filter((scene) => scene.image).map((scene) => scene.text);
    expect(drawn).toContain(FIRST);
    expect(drawn).not.toContain(LAST);
    expect(saved.scenes!.every((scene) => !scene.clip && !scene.failure)).toBe(true);

    // A reload: only what was not saved is asked for.
    rig.proxy.reset();
    const second = engine({ lanes: 2 });
    const reloaded = run(saved, second);
    expect(await runProject(reloaded)).toBe('done');
    expect(rig.proxy.counts).toMatchObject({ transcribe: 0, prompt: 0 });
    const asked = rig.proxy.events.filter((event) => event.startsWith('image ')).map((event) => event.slice(6));
    expect(asked.sort()).toEqual(SCENE_TEXTS.filter((text) => !drawn.includes(text)).sort());
    expect(second.rendered).toHaveLength(4);
  });

  it('fails only the scene whose prompt is refused: its image and clip are never asked for, and it is counted once', async () => {
    rig.proxy.failPrompt.add('Seven eight nine.');
    const media = engine();
    const ctx = run(await seed('refused'), media);
    expect(await runProject(ctx)).toBe('blocked');
    const project = ctx.current();
    expect(project.scenes?.[2]?.failure).toEqual({ step: 'prompts', message: 'The model refused.', retryable: false });
    expect(rig.proxy.counts).toEqual({ transcribe: 1, guide: 1, prompt: 4, image: 3 });
    expect(media.rendered.sort()).toEqual(['clip 0', 'clip 1', 'clip 3']);
    const rows = stepProgress(project).filter((row) => ['prompts', 'images', 'clips'].includes(row.step));
    expect(rows.map(({ step, done, failed, blocked, status }) => ({ step, done, failed, blocked, status }))).toEqual([
      { step: 'prompts', done: 3, failed: 1, blocked: 0, status: 'failed' },
      { step: 'images', done: 3, failed: 0, blocked: 1, status: 'blocked' },
      { step: 'clips', done: 3, failed: 0, blocked: 1, status: 'blocked' },
    ]);
  });
});

describe('the connection lost during the scene steps', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('waits instead of failing: the answers on their way are stored, the lost image is asked again under its key', async () => {
    const THIRD = SCENE_TEXTS[2]!;
    const net = { onLine: true };
    vi.stubGlobal('navigator', net);
    const real = globalThis.fetch;
    const imageOf = (init?: RequestInit) => (JSON.parse(String(init?.body)) as { prompt: string }).prompt;
    let lost = false;
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (!net.onLine) throw new TypeError('Failed to fetch');
      if (!lost && url.endsWith('/api/image') && imageOf(init).endsWith(LAST)) {
        lost = true;
        // The last image reaches the server, which buys it, but its answer is lost with the connection,
        // while the third scene's (slower) image, asked for before it, is still on its way.
        await real(url, init);
        expect(rig.proxy.keys.some((key) => key.startsWith(`image ${THIRD} `))).toBe(true);
        net.onLine = false;
        throw new TypeError('Failed to fetch');
      }
      return real(url, init);
    });
    rig.proxy.imageDelay.set(THIRD, 300);
    const media = engine({ lanes: 2, renderMs: 20 });
    const ctx = run(await seed('offline-images'), media);
    await expect(runProject(ctx)).rejects.toMatchObject({ code: 'offline' });

    // Nothing failed: no scene to retry. The third image, answered after the connection went, was kept.
    const stopped = (await loadProject('offline-images'))!;
    expect(stopped.scenes!.every((scene) => !scene.failure)).toBe(true);
    expect(stopped.scenes![2]!.image).toBeDefined();
    expect(stopped.scenes![3]!.image).toBeUndefined();
    expect(rig.proxy.events).not.toContain(`image aborted ${THIRD}`);
    expect(ctx.busy.size).toBe(0);

    // Back online, the run carries on from the stored project.
    net.onLine = true;
    const again = run(stopped, media);
    expect(await runProject(again)).toBe('done');
    expect(finalDone(again.current())).toBe(true);
    // Each prompt asked once; each image under one key, the lost one asked twice with it, the kept one once.
    const keys = (route: string) => rig.proxy.keys.filter((line) => line.startsWith(`${route} `));
    const byScene = (route: string) =>
      Object.fromEntries(SCENE_TEXTS.map((text) => [text, keys(route).filter((line) => line.includes(` ${text} `))]));
    for (const text of SCENE_TEXTS) {
      expect(byScene('prompt')[text]).toHaveLength(1);
      expect(new Set(byScene('image')[text]).size).toBe(1);
    }
    expect(byScene('image')[LAST]).toHaveLength(2);
    expect(byScene('image')[THIRD]).toHaveLength(1);
    expect(again.current().scenes!.every((scene) => scene.clip && !scene.failure)).toBe(true);
  });
});
