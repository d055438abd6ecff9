// Test equipment for the runner: a fake media engine and a run context, logging into the fake proxy's
// event list, and the fake proxy set up for a test file.
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { reviveError } from '../pipeline/errors';
import { newProject, type Project, type StepId } from '../pipeline/project';
import type { AssembleInput, ClipInput } from '../pipeline/render-plan';
import type { CallOptions } from '../render/types';
import { AUDIO, putBlob, saveProject } from '../store/projects';
import type { Engine, RunContext } from './context';
import { startFakeProxy, type FakeProxy } from './fake-proxy.fixture';

export { SCENE_TEXTS } from './fake-proxy.fixture';

/** What the fake engine's probe finds (the runner reads only the duration and codec). */
const PROBED = { sampleRate: 16_000, channels: 1, container: 'wav', copyable: false };

export interface FakeEngineOptions {
  lanes?: number;
  /** Milliseconds each render takes. */
  renderMs?: number;
  /** Scenes whose clip fails, with the render engine's error name (as the pool reports it). */
  failing?: Map<number, string>;
  /** Called as a render starts (e.g. to cancel the run there). */
  onStart?: (index: number) => void;
}

/**
 * The media engine is test equipment here (the real one runs ffmpeg.wasm in Chromium, see tests/e2e):
 * clips and the video are text blobs naming what they were made from; `rendered` lists finished clips.
 */
function fakeEngine(events: string[], opts: FakeEngineOptions = {}): Engine & { rendered: string[]; peak: number } {
  let rendering = 0;
  const engine = {
    rendered: [] as string[],
    peak: 0,
    lanes: opts.lanes ?? 2,
    probe: () => Promise.resolve({ ...PROBED, duration: 24, codec: 'pcm_s16le' }),
    compactAudio: ({ file }: { file: Blob }) => Promise.resolve({ blob: file, fileName: 'audio.ogg' }),
    async renderClip({ image, plan }: ClipInput, options: CallOptions = {}) {
      const { signal = new AbortController().signal, onProgress } = options;
      const index = plan.index;
      events.push(`clip start ${index}`);
      engine.peak = Math.max(engine.peak, ++rendering);
      try {
        opts.onStart?.(index);
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, opts.renderMs ?? 0);
          signal.addEventListener('abort', () => (clearTimeout(timer), reject(signal.reason)), { once: true });
          if (signal.aborted) reject(signal.reason);
        });
        const name = opts.failing?.get(index);
        // Known by name, as from a worker, then revived into its class as the pool does.
        if (name)
          throw reviveError(Object.assign(new Error('ffmpeg exited with code 1.\n[png @ 0x1] log tail'), { name }));
        onProgress?.(plan.frames);
        events.push(`clip done ${index}`);
        engine.rendered.push(`clip ${index}`);
        return new Blob([`clip of ${await image.text()}`]);
      } finally {
        rendering -= 1;
      }
    },
    async assemble({ clips }: AssembleInput) {
      const parts = await Promise.all(clips.map((clip) => clip.blob.text()));
      return new Blob([parts.join('|')], { type: 'video/mp4' });
    },
  };
  return engine;
}

export async function seed(id: string): Promise<Project> {
  const audio = { name: 'talk.wav', type: 'audio/wav', size: 4, duration: 24, codec: 'pcm_s16le' };
  const project = newProject({ id, name: 'Talk', format: 'square', language: 'en', audio, now: 1 });
  await putBlob(id, AUDIO, new Blob(['RIFF']));
  await saveProject(project);
  return project;
}

export interface TestContext extends RunContext {
  current(): Project;
  /** Every progress report, in order. */
  reports: { step: StepId; done: number; total: number }[];
  /** Work ids in flight now. */
  busy: Set<string>;
}

function context(project: Project, engine: Engine, base: string, controller = new AbortController()): TestContext {
  let current = project;
  const busy = new Set<string>();
  const reports: TestContext['reports'] = [];
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
    working: (id, on) => void (on ? busy.add(id) : busy.delete(id)),
    progress: (step, done, total) => void reports.push({ step, done, total }),
    notice: () => undefined,
    reports,
    busy,
  };
}

/**
 * For a test file: a fake proxy started once and reset before each test, with an engine and a run
 * context wired to it (read `proxy` inside tests, once it has started).
 */
export function useFakeProxy() {
  const rig = {
    proxy: undefined as unknown as FakeProxy,
    engine: (opts: FakeEngineOptions = {}) => fakeEngine(rig.proxy.events, opts),
    run: (project: Project, media: Engine, controller?: AbortController) =>
      context(project, media, rig.proxy.base, controller),
  };
  beforeAll(async () => {
    rig.proxy = await startFakeProxy();
  });
  afterAll(() => rig.proxy.close());
  beforeEach(() => rig.proxy.reset());
  return rig;
}
