import 'fake-indexeddb/auto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EngineOfflineError } from '../pipeline/errors';
import { finalDone } from '../pipeline/project-plan';
import { staleScenes } from '../pipeline/guide-plan';
import { referencedKeys } from '../pipeline/project';
import { editCuts, layoutOf, type CutEdit } from '../pipeline/scene-cuts';
import type { Engine } from '../run/context';
import { seed, useFakeProxy } from '../run/run.fixture';
import { ACCESS_TOKEN_KEY, forgetAccessToken, saveAccessToken } from '../store/access-token';
import { AUDIO, getBlob, loadProject } from '../store/projects';
import { DELETED_ELSEWHERE, ProjectDocument, projectLock } from './project-document.svelte';
import {
  CANCELLED,
  ENGINE_NEEDS_CONNECTION,
  IN_ANOTHER_TAB,
  NEEDS_CONNECTION,
  RunController,
} from './run-controller.svelte';
import { RunProgress } from './run-progress.svelte';
import { noRunGoing } from './run-activity';
import { SavedProjects } from './saved-projects.svelte';
import { ServerAccess } from './server-access.svelte';

// The proxy is a real HTTP server on 127.0.0.1 (see run.fixture); the media engine is a fake.
const rig = useFakeProxy();
const RETRY = { attempts: 2, baseDelayMs: 5, maxDelayMs: 10, maxRetryAfterMs: 5000 };

/** Web Locks as one browser has them: a name is held by one holder at a time, the others wait their turn (or not). */
function lockManager(held = new Set<string>()) {
  const queues = new Map<string, (() => void)[]>();
  const release = (name: string) => {
    const next = queues.get(name)?.shift();
    if (next) next();
    else held.delete(name);
  };
  return {
    held,
    async request<T>(
      name: string,
      ...args: [(lock: object | null) => Promise<T>] | [{ ifAvailable?: boolean }, (lock: object | null) => Promise<T>]
    ): Promise<T> {
      const [options, callback] = args.length === 1 ? [{}, args[0]] : args;
      if (held.has(name)) {
        if (options.ifAvailable) return callback(null);
        await new Promise<void>((granted) => queues.set(name, [...(queues.get(name) ?? []), granted]));
      }
      held.add(name);
      try {
        return await callback({ name });
      } finally {
        release(name);
      }
    },
  };
}

let net: { onLine: boolean; locks?: ReturnType<typeof lockManager> };
let page: EventTarget;
beforeEach(() => {
  net = { onLine: true, locks: lockManager() };
  page = new EventTarget();
  vi.stubGlobal('navigator', net);
  vi.stubGlobal('window', page);
});
afterEach(() => {
  vi.unstubAllGlobals();
  forgetAccessToken();
});

function pageFor(id: string, engine: Engine = rig.engine(), base = rig.proxy.base) {
  const doc = new ProjectDocument();
  const progress = new RunProgress(() => doc.project);
  const run = new RunController({
    document: doc,
    progress,
    access: new ServerAccess(),
    engine: () => Promise.resolve(engine),
    api: { base, retry: RETRY },
  });
  return { doc, progress, run };
}

/** Waits until `check` holds (the run goes on by itself once started from an event). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

/** The first request to `route` reaches the server, but its answer is lost with the connection. */
function loseFirstAnswer(route: string): void {
  const real = globalThis.fetch;
  let calls = 0;
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    if (url.endsWith(route)) {
      calls += 1;
      if (calls === 1) {
        await real(url, init);
        net.onLine = false;
      }
      if (!net.onLine) throw new TypeError('Failed to fetch');
    }
    return real(url, init);
  });
}

describe('RunController', () => {
  it('opens a project and makes it to the final video, saving as it goes', async () => {
    await seed('ctl-full');
    const { doc, progress, run } = pageFor('ctl-full');
    const close = run.open('ctl-full');
    await until(() => doc.done && !run.running);
    close();
    expect(run.stopped).toBeUndefined();
    expect(finalDone((await loadProject('ctl-full'))!)).toBe(true);
    expect(rig.proxy.counts).toEqual({ transcribe: 1, guide: 1, prompt: 4, image: 4 });
    expect(progress.working.size).toBe(0);
    expect(progress.steps.every((line) => line.status === 'done')).toBe(true);
  });

  it('counts as a video being made in the tab until its run ends (a first offline install waits for that)', async () => {
    await seed('ctl-going');
    const { doc, run } = pageFor('ctl-going');
    const close = run.open('ctl-going');
    await until(() => run.running);
    let free = false;
    void noRunGoing().then(() => (free = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(free).toBe(false);
    await until(() => doc.done && !run.running);
    await until(() => free);
    close();
  });

  it('asks for nothing while offline, and carries on by itself when the connection is back', async () => {
    await seed('ctl-offline');
    net.onLine = false;
    const { doc, run } = pageFor('ctl-offline');
    const close = run.open('ctl-offline');
    await until(() => run.stopped !== undefined);
    expect(run.stopped).toBe(NEEDS_CONNECTION);
    expect(rig.proxy.counts).toEqual({ transcribe: 0, guide: 0, prompt: 0, image: 0 });

    net.onLine = true;
    page.dispatchEvent(new Event('online'));
    await until(() => doc.done && !run.running);
    expect(run.stopped).toBeUndefined();
    close();
  });

  it('waits for the connection when the video engine cannot be fetched offline, and fails no scene', async () => {
    await seed('ctl-engine-offline');
    const online = rig.engine();
    // The engine was never kept for offline use (a private window): the connection goes as the first
    // clip starts, and every clip's engine fails to load until it is back, as the pool reports it.
    let offlineClips = 0;
    const wrapped: Engine = {
      ...online,
      renderClip: (input, options) => {
        if (offlineClips === 0 || !net.onLine) {
          offlineClips += 1;
          net.onLine = false;
          return Promise.reject(new EngineOfflineError());
        }
        return online.renderClip(input, options);
      },
    };
    const { doc, run } = pageFor('ctl-engine-offline', wrapped);
    const close = run.open('ctl-engine-offline');
    await until(() => run.stopped !== undefined);
    expect(run.stopped).toBe(ENGINE_NEEDS_CONNECTION);
    expect(run.running).toBe(false);
    // Waiting, not failed: no scene has anything to retry.
    expect(doc.project?.scenes?.some((scene) => scene.failure)).toBe(false);
    expect(offlineClips).toBeGreaterThan(0);

    net.onLine = true;
    page.dispatchEvent(new Event('online'));
    await until(() => doc.done && !run.running);
    expect(run.stopped).toBeUndefined();
    expect(finalDone((await loadProject('ctl-engine-offline'))!)).toBe(true);
    // Nothing was bought twice for the wait.
    expect(rig.proxy.counts).toEqual({ transcribe: 1, guide: 1, prompt: 4, image: 4 });
    close();
  });

  it("waits for the connection when the final video's engine cannot be fetched offline, then makes it", async () => {
    await seed('ctl-final-offline');
    const online = rig.engine();
    let tries = 0;
    const engine: Engine = {
      ...online,
      assemble: (input, options) => {
        tries += 1;
        if (tries > 1) return online.assemble(input, options);
        net.onLine = false;
        return Promise.reject(new EngineOfflineError());
      },
    };
    const { doc, run } = pageFor('ctl-final-offline', engine);
    const close = run.open('ctl-final-offline');
    await until(() => run.stopped !== undefined);
    expect(run.stopped).toBe(ENGINE_NEEDS_CONNECTION);
    expect(doc.project?.failure).toBeUndefined();

    net.onLine = true;
    page.dispatchEvent(new Event('online'));
    await until(() => doc.done && !run.running);
    expect(tries).toBe(2);
    close();
  });

  it('waits for the connection when it goes during the transcription, and asks again under the same key', async () => {
    await seed('ctl-transcribe-offline');
    loseFirstAnswer('/api/transcribe');
    const { doc, run } = pageFor('ctl-transcribe-offline');
    const close = run.open('ctl-transcribe-offline');
    await until(() => run.stopped !== undefined);
    expect(run.stopped).toBe(NEEDS_CONNECTION);
    expect(doc.project?.failure).toBeUndefined();
    expect(doc.next).toBe('transcribe');

    net.onLine = true;
    page.dispatchEvent(new Event('online'));
    await until(() => doc.done && !run.running);
    const keys = rig.proxy.keys.filter((line) => line.startsWith('transcribe '));
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    close();
  });

  it('waits for the connection when it goes during the visual guide, and asks again under the same key', async () => {
    await seed('ctl-guide-offline');
    loseFirstAnswer('/api/guide');
    const { doc, run } = pageFor('ctl-guide-offline');
    const close = run.open('ctl-guide-offline');
    await until(() => run.stopped !== undefined);
    expect(run.stopped).toBe(NEEDS_CONNECTION);
    expect(run.running).toBe(false);
    // Waiting, not failed: nothing for the person to retry, and no prompt asked without the guide.
    expect(doc.project?.failure).toBeUndefined();
    expect(doc.next).toBe('scenes');
    expect(rig.proxy.counts).toEqual({ transcribe: 1, guide: 1, prompt: 0, image: 0 });

    net.onLine = true;
    page.dispatchEvent(new Event('online'));
    await until(() => doc.done && !run.running);
    expect(run.stopped).toBeUndefined();
    expect(doc.project?.guide?.text).toMatch(/^Guide of: One two three\./);
    // Asked again with the same Idempotency-Key, which the real server answers from what it bought.
    const guideKeys = rig.proxy.keys.filter((line) => line.startsWith('guide '));
    expect(guideKeys).toHaveLength(2);
    expect(new Set(guideKeys).size).toBe(1);
    expect(rig.proxy.counts).toMatchObject({ transcribe: 1, prompt: 4, image: 4 });
    close();
  });

  it('waits for the connection when it goes during the prompts, failing no scene, and asks again under the same key', async () => {
    await seed('ctl-prompts-offline');
    const real = globalThis.fetch;
    const LOST = 'Seven eight nine.';
    let lost = false;
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (!net.onLine) throw new TypeError('Failed to fetch');
      const text = url.endsWith('/api/prompt') ? (JSON.parse(String(init?.body)) as { text: string }).text : '';
      // One prompt request reaches the server, which buys it, but its answer is lost with the connection.
      if (text === LOST && !lost) {
        lost = true;
        await real(url, init);
        net.onLine = false;
        throw new TypeError('Failed to fetch');
      }
      return real(url, init);
    });
    const { doc, progress, run } = pageFor('ctl-prompts-offline');
    const close = run.open('ctl-prompts-offline');
    await until(() => run.stopped !== undefined);
    expect(run.stopped).toBe(NEEDS_CONNECTION);
    expect(run.running).toBe(false);
    // Waiting, not failed: no scene to retry, and the lost scene's picture was never asked for.
    expect(doc.project?.scenes?.every((scene) => !scene.failure)).toBe(true);
    expect(doc.project?.scenes?.[2]?.prompt).toBeUndefined();
    expect(progress.steps.some((line) => line.status === 'failed')).toBe(false);
    expect(rig.proxy.keys.some((line) => line.startsWith(`image ${LOST} `))).toBe(false);

    net.onLine = true;
    page.dispatchEvent(new Event('online'));
    await until(() => doc.done && !run.running);
    expect(run.stopped).toBeUndefined();
    expect(doc.project?.scenes?.[2]?.prompt?.text).toBe(`photo of ${LOST}`);
    // Asked again with the same Idempotency-Key, which the real server answers from what it bought;
    // every other prompt and every image asked under one key each.
    const keysOf = (route: string) => rig.proxy.keys.filter((line) => line.startsWith(`${route} `));
    expect(keysOf('prompt').filter((line) => line.startsWith(`prompt ${LOST} `))).toHaveLength(2);
    expect(new Set(keysOf('prompt')).size).toBe(4);
    expect(new Set(keysOf('image')).size).toBe(4);
    expect(rig.proxy.counts).toMatchObject({ transcribe: 1, guide: 1, image: 4 });
    close();
  });

  it('goes on when the connection comes back just as the run lets go after stopping to wait for it', async () => {
    await seed('ctl-back-as-stopped');
    const real = globalThis.fetch;
    let lost = false;
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
      if (url.endsWith('/api/image') && !lost) {
        lost = true;
        net.onLine = false;
      }
      return net.onLine ? real(url, init) : Promise.reject(new TypeError('Failed to fetch'));
    });
    // The `online` event comes as the stopped run lets go of the project's lock, before it has ended.
    type Held = (lock: object | null) => Promise<unknown>;
    const locks = net.locks!;
    const request = locks.request.bind(locks);
    let stoppedThen: string | undefined;
    net.locks = Object.assign(locks, {
      request: async (name: string, ...args: [Held] | [{ ifAvailable?: boolean }, Held]) => {
        const result = await request(name, ...args);
        if (name === projectLock('ctl-back-as-stopped') && lost && !net.onLine) {
          stoppedThen = run.stopped;
          net.onLine = true;
          page.dispatchEvent(new Event('online'));
        }
        return result;
      },
    });
    const { doc, run } = pageFor('ctl-back-as-stopped');
    const close = run.open('ctl-back-as-stopped');
    await until(() => doc.done && !run.running);
    expect(stoppedThen).toBe(NEEDS_CONNECTION);
    expect(run.stopped).toBeUndefined();
    expect(rig.proxy.counts).toEqual({ transcribe: 1, guide: 1, prompt: 4, image: 4 });
    close();
  });

  it('goes on at once when the connection is back before the run had stopped for it', async () => {
    await seed('ctl-guide-back');
    const real = globalThis.fetch;
    // `navigator.onLine` reads false once after each lost guide request (the client's look), then true again.
    let offlineReads = 0;
    Object.defineProperty(net, 'onLine', { configurable: true, get: () => offlineReads-- <= 0 });
    let lost = 0;
    vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
      if (url.endsWith('/api/guide') && lost < RETRY.attempts) {
        lost += 1;
        offlineReads = 1;
        return Promise.reject(new TypeError('Failed to fetch'));
      }
      return real(url, init);
    });
    const { doc, run } = pageFor('ctl-guide-back');
    const close = run.open('ctl-guide-back');
    // No `online` event comes (it came while the run was still going): the run goes on by itself.
    await until(() => doc.done && !run.running);
    expect(run.stopped).toBeUndefined();
    expect(lost).toBe(RETRY.attempts);
    expect(rig.proxy.counts).toEqual({ transcribe: 1, guide: 1, prompt: 4, image: 4 });
    close();
  });

  it('writes the guide of a project made before guides only when asked, buying that request and nothing else', async () => {
    await seed('ctl-older');
    const { doc, run } = pageFor('ctl-older');
    await doc.open('ctl-older');
    await run.start();
    // As migrated from version 2: an empty guide, every prompt written without one.
    await doc.change((p) => ({
      ...p,
      guide: { text: '', revision: 0 },
      scenes: p.scenes?.map(({ prompt, ...scene }) => {
        const { guide: _none, ...written } = prompt!;
        return { ...scene, prompt: written };
      }),
    }));
    const bought = { ...rig.proxy.counts };
    await run.start();
    expect(doc.done).toBe(true);
    expect(rig.proxy.counts).toEqual(bought);

    await run.askForGuide();
    expect(doc.done).toBe(true);
    expect(rig.proxy.counts).toEqual({ ...bought, guide: bought.guide + 1 });
    const saved = (await loadProject('ctl-older'))!;
    expect(saved.guide).toEqual({
      text: 'Guide of: One two three. Four five six. Seven eight nine. Ten eleven twelve.',
      revision: 1,
      model: 'm',
    });
    expect(staleScenes(saved)).toEqual([0, 1, 2, 3]);
    // Asked once: the button is gone, pressing it again (another tab) asks nothing.
    await run.askForGuide();
    expect(rig.proxy.counts).toEqual({ ...bought, guide: bought.guide + 1 });
  });

  it('leaves a project alone while another tab is making it', async () => {
    await seed('ctl-locked');
    net.locks = lockManager(new Set(['voiceframe:ctl-locked']));
    const { doc, run } = pageFor('ctl-locked');
    await doc.open('ctl-locked');
    await run.start();
    expect(run.stopped).toBe(IN_ANOTHER_TAB);
    expect(rig.proxy.counts.transcribe).toBe(0);

    // Another project's lock does not stand in the way, and the lock is let go after the run.
    net.locks = lockManager(new Set(['voiceframe:someone-else']));
    await run.start();
    expect(doc.done).toBe(true);
    expect(run.stopped).toBeUndefined();
    expect([...net.locks.held]).toEqual(['voiceframe:someone-else']);
  });

  it('stops on Cancel, keeping what was made, and resumes from there', async () => {
    await seed('ctl-cancel');
    let cancel = () => undefined as void;
    const engine = rig.engine({ onStart: () => cancel() });
    const { doc, progress, run } = pageFor('ctl-cancel', engine);
    cancel = () => run.cancel();
    await doc.open('ctl-cancel');
    await run.start();
    expect(run.stopped).toBe(CANCELLED);
    expect(run.running).toBe(false);
    expect(progress.working.size).toBe(0);
    const kept = (await loadProject('ctl-cancel'))!;
    expect(kept.scenes?.some((scene) => scene.image)).toBe(true);
    expect(kept.final).toBeUndefined();

    cancel = () => undefined;
    const transcribed = rig.proxy.counts.transcribe;
    await run.start();
    expect(doc.done).toBe(true);
    expect(rig.proxy.counts.transcribe).toBe(transcribed);
  });

  it('retries a failed scene and edits a prompt, carrying the work on', async () => {
    await seed('ctl-retry');
    rig.proxy.failImage.add('Four five six.');
    const { doc, run } = pageFor('ctl-retry');
    await doc.open('ctl-retry');
    await run.start();
    expect(doc.next).toBe('blocked');
    expect(doc.failedScenes.map((scene) => scene.index)).toEqual([1]);

    rig.proxy.failImage.clear();
    await run.retryScene(1);
    expect(doc.done).toBe(true);
    expect(rig.proxy.counts.image).toBe(5);

    await run.editPrompt(2, 'a lighthouse at dusk');
    expect(doc.done).toBe(true);
    const saved = (await loadProject('ctl-retry'))!;
    expect(saved.scenes?.[2]?.prompt?.text).toBe('a lighthouse at dusk');
    expect(rig.proxy.events).toContain('image a lighthouse at dusk');
  });

  it('changes the captions and corrects a word after the video is made, rendering only clips again', async () => {
    await seed('ctl-captions');
    const engine = rig.engine();
    const { doc, run } = pageFor('ctl-captions', engine);
    await doc.open('ctl-captions');
    await run.start();
    expect(doc.done).toBe(true);
    const calls = { ...rig.proxy.counts };
    const clips = () => (doc.current().scenes ?? []).map((scene) => scene.clip?.key);
    const before = clips();

    engine.rendered.length = 0;
    await run.setCaptions('word');
    expect(doc.done).toBe(true);
    expect(engine.rendered.sort()).toEqual(['clip 0', 'clip 1', 'clip 2', 'clip 3']);
    const captioned = clips();
    expect(captioned.every((key, i) => key !== before[i])).toBe(true);

    engine.rendered.length = 0;
    await run.correctWord(1, 0, 'Fore');
    expect(doc.done).toBe(true);
    expect(engine.rendered).toEqual(['clip 1']);
    expect(clips().filter((key, i) => key !== captioned[i])).toEqual([clips()[1]]);
    const saved = (await loadProject('ctl-captions'))!;
    expect(saved.captions).toBe('word');
    expect(saved.scenes?.[1]?.corrections).toEqual([{ word: 0, text: 'Fore' }]);
    expect(saved.scenes?.[1]?.text).toBe('Four five six.');
    expect(rig.proxy.counts).toEqual(calls);
  });

  it('new scene cuts buy and render only the scenes whose words changed', async () => {
    await seed('ctl-recut');
    const engine = rig.engine();
    const { doc, run } = pageFor('ctl-recut', engine);
    await doc.open('ctl-recut');
    await run.start();
    expect(doc.done).toBe(true);
    const recut = async (edit: CutEdit) => {
      const project = doc.current();
      const next = editCuts(layoutOf(project.scenes ?? [], project.fps), edit);
      engine.rendered.length = 0;
      await run.recut(next!.spans);
      expect(doc.done).toBe(true);
      return doc.current().scenes ?? [];
    };
    const calls = { ...rig.proxy.counts };
    const first = doc.current().scenes ?? [];

    // "Four" moves into the first scene: scenes 1 and 2 are prompted, drawn and rendered again.
    const moved = await recut({ kind: 'move', cut: 0, by: 1 });
    expect(moved.map((scene) => scene.text)).toEqual([
      'One two three. Four',
      'five six.',
      'Seven eight nine.',
      'Ten eleven twelve.',
    ]);
    expect(rig.proxy.counts).toEqual({ ...calls, prompt: calls.prompt + 2, image: calls.image + 2 });
    expect(engine.rendered.sort()).toEqual(['clip 0', 'clip 1']);
    expect(moved.slice(2)).toEqual(first.slice(2));

    // Scenes 3 and 4 merged: one prompt and picture; split again where they were: the two scenes take back
    // the prompts and pictures they had, nothing is bought, only their clips are rendered.
    const merged = await recut({ kind: 'merge', cut: 2 });
    expect(merged).toHaveLength(3);
    expect(rig.proxy.counts).toEqual({ ...calls, prompt: calls.prompt + 3, image: calls.image + 3 });
    expect(engine.rendered).toEqual(['clip 2']);
    const split = await recut({ kind: 'split', scene: 2, word: 3 });
    expect(split.map((scene) => scene.text)).toEqual(moved.map((scene) => scene.text));
    expect(rig.proxy.counts).toEqual({ ...calls, prompt: calls.prompt + 3, image: calls.image + 3 });
    expect(split.slice(2).map((scene) => scene.image)).toEqual(moved.slice(2).map((scene) => scene.image));
    expect(engine.rendered.sort()).toEqual(['clip 2', 'clip 3']);
    expect((await loadProject('ctl-recut'))?.scenes).toEqual(doc.current().scenes);
  });

  it('asks for the access token when the server wants it, and goes on once another tab gives it', async () => {
    let refused = 0;
    const server = createServer((_request, response) => {
      refused += 1;
      response.writeHead(401, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error: { code: 'access_token_required', message: 'Token needed.', retryable: false } }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await seed('ctl-token');
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { run } = pageFor('ctl-token', rig.engine(), base);
      const close = run.open('ctl-token');
      await until(() => run.access.needed);
      expect(run.stopped).toBeUndefined();
      expect(refused).toBe(1);
      // Every call would be refused again: nothing starts until there is a token.
      await run.start();
      expect(refused).toBe(1);

      saveAccessToken('from-another-tab');
      page.dispatchEvent(Object.assign(new Event('storage'), { key: ACCESS_TOKEN_KEY }));
      expect(run.access.needed).toBe(false);
      await until(() => refused === 2 && !run.running);
      close();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('one project in several tabs', () => {
  it('a second tab follows the run live to the video; back online or resumed from an old copy, it buys and deletes nothing', async () => {
    const seeded = await seed('tabs-follow');
    const first = pageFor('tabs-follow', rig.engine({ renderMs: 80 }));
    const secondEngine = rig.engine();
    const second = pageFor('tabs-follow', secondEngine);
    const closeFirst = first.run.open('tabs-follow');
    await until(() => first.run.running);
    const closeSecond = second.run.open('tabs-follow');
    await until(() => second.run.stopped === IN_ANOTHER_TAB && second.progress.elsewhere);

    // The second tab's connection goes and comes back in the middle of the run.
    net.onLine = false;
    net.onLine = true;
    page.dispatchEvent(new Event('online'));
    await until(() => second.progress.working.size > 0 || second.doc.done);

    // The video shows in the second tab as it lands there, without opening the project again.
    await until(() => second.doc.done && !second.progress.elsewhere);
    expect(second.run.stopped).toBeUndefined();
    expect(second.doc.project).toEqual(await loadProject('tabs-follow'));
    expect(rig.proxy.counts).toEqual({ transcribe: 1, guide: 1, prompt: 4, image: 4 });
    expect(secondEngine.rendered).toEqual([]);

    // A tab still holding the project as it was before the run resumes it: it reads the stored
    // project under the lock first, so nothing is asked again and nothing is overwritten or pruned.
    second.doc.project = seeded;
    await second.run.start();
    page.dispatchEvent(new Event('online'));
    await until(() => !second.run.running);
    expect(rig.proxy.counts).toEqual({ transcribe: 1, guide: 1, prompt: 4, image: 4 });
    const final = (await loadProject('tabs-follow'))!;
    expect(finalDone(final)).toBe(true);
    const kept = await Promise.all([AUDIO, ...referencedKeys(final)].map((key) => getBlob('tabs-follow', key)));
    expect(kept.every((blob) => blob instanceof Blob)).toBe(true);
    closeFirst();
    closeSecond();
  });

  it('a retry in a tab that follows is stored and made by the tab running the project', async () => {
    await seed('tabs-retry');
    rig.proxy.failImage.add('Four five six.');
    const first = pageFor('tabs-retry', rig.engine({ renderMs: 150, lanes: 1 }));
    const secondEngine = rig.engine();
    const second = pageFor('tabs-retry', secondEngine);
    const closeFirst = first.run.open('tabs-retry');
    await until(() => first.run.running);
    const closeSecond = second.run.open('tabs-retry');
    await until(() => second.doc.failedScenes.length === 1);
    expect(first.run.running).toBe(true);

    rig.proxy.failImage.clear();
    await second.run.retryScene(1);
    expect(second.run.stopped).toBe(IN_ANOTHER_TAB);
    await until(() => first.doc.done && second.doc.done && !first.run.running);
    expect(rig.proxy.counts).toEqual({ transcribe: 1, guide: 1, prompt: 4, image: 5 });
    expect(secondEngine.rendered).toEqual([]);
    closeFirst();
    closeSecond();
  });

  it('when the tab making the project closes, the tab following it hears so and can resume it', async () => {
    await seed('tabs-close');
    const first = pageFor('tabs-close', rig.engine({ renderMs: 200 }));
    const second = pageFor('tabs-close');
    const closeFirst = first.run.open('tabs-close');
    await until(() => first.run.running);
    const closeSecond = second.run.open('tabs-close');
    await until(() => second.progress.elsewhere);
    closeFirst();
    await until(() => !second.progress.elsewhere && second.run.stopped === undefined);
    await second.run.start();
    expect(second.doc.done).toBe(true);
    // A request cut off by the closing tab may be sent again by this one, with the same idempotency
    // key: the server answers that from memory, so what is paid is one call per distinct key.
    const paid = (route: string) =>
      new Set(rig.proxy.keys.filter((entry) => entry.startsWith(`${route} `)).map((entry) => entry.split(' ').at(-1)))
        .size;
    expect({ transcribe: paid('transcribe'), prompt: paid('prompt'), image: paid('image') }).toEqual({
      transcribe: 1,
      prompt: 4,
      image: 4,
    });
    closeSecond();
  });

  it('Cancel in a tab that follows the run stops the run in the tab making the project', async () => {
    await seed('tabs-cancel');
    const first = pageFor('tabs-cancel', rig.engine({ renderMs: 300, lanes: 1 }));
    const secondEngine = rig.engine();
    const second = pageFor('tabs-cancel', secondEngine);
    const closeFirst = first.run.open('tabs-cancel');
    await until(() => first.run.running);
    const closeSecond = second.run.open('tabs-cancel');
    await until(() => second.progress.elsewhere);

    second.run.cancel();
    await until(() => !first.run.running && !second.progress.elsewhere);
    expect(first.run.stopped).toBe(CANCELLED);
    expect(second.run.stopped).toBeUndefined();
    expect(second.run.running).toBe(false);
    expect(secondEngine.rendered).toEqual([]);
    const kept = (await loadProject('tabs-cancel'))!;
    expect(kept.final).toBeUndefined();

    // Resumed (here in the first tab), it carries on from what was kept.
    await first.run.start();
    expect(first.doc.done).toBe(true);
    closeFirst();
    closeSecond();
  });

  it('closing a tab that follows the run does not stop it', async () => {
    await seed('tabs-leave');
    const first = pageFor('tabs-leave', rig.engine({ renderMs: 100 }));
    const second = pageFor('tabs-leave');
    const closeFirst = first.run.open('tabs-leave');
    await until(() => first.run.running);
    const closeSecond = second.run.open('tabs-leave');
    await until(() => second.progress.elsewhere);
    closeSecond();
    await until(() => first.doc.done);
    expect(first.run.stopped).toBeUndefined();
    closeFirst();
  });

  it('deleting a project stops the tab making it first; the tabs showing it say it is gone', async () => {
    await seed('tabs-delete');
    const first = pageFor('tabs-delete', rig.engine({ renderMs: 200 }));
    const close = first.run.open('tabs-delete');
    await until(() => first.run.running && (first.doc.project?.scenes?.length ?? 0) > 0);

    const saved = new SavedProjects();
    await saved.remove('tabs-delete');
    expect(saved.error).toBeUndefined();
    expect(first.run.running).toBe(false);
    expect(first.run.stopped).toBe(CANCELLED);
    await until(() => first.doc.loadError === DELETED_ELSEWHERE);
    expect(await loadProject('tabs-delete')).toBeUndefined();
    expect(await getBlob('tabs-delete', AUDIO)).toBeUndefined();
    close();
  });
});
