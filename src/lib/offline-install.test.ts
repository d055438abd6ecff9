import { afterEach, describe, expect, it, vi } from 'vitest';
import { FIRST_INSTALL_DELAY_MS, installForOffline, type WorkerContainer } from './offline-install';
import { runBegins } from './state/run-activity';

/** A stand-in for `navigator.serviceWorker`: registered or not yet, and the registrations asked for. */
function container(registered: boolean) {
  const asked: { url: string; scope?: string }[] = [];
  const fake = {
    getRegistration: () => Promise.resolve(registered ? ({} as ServiceWorkerRegistration) : undefined),
    register: (url: string | URL, options?: RegistrationOptions) => {
      asked.push({ url: String(url), scope: options?.scope });
      return Promise.resolve({} as ServiceWorkerRegistration);
    },
  } satisfies WorkerContainer;
  return { fake, asked };
}

/** A wait the test ends by hand, recording how long it was asked to last. */
function manualWait() {
  const asked: number[] = [];
  let end: () => void = () => undefined;
  const wait = (ms: number) => {
    asked.push(ms);
    return new Promise<void>((resolve) => (end = resolve));
  };
  return { wait, asked, end: () => end() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A first moment asked for, nothing registered until it ends, then the service worker registered. */
async function registersAfterOneMoment(
  timer: ReturnType<typeof manualWait>,
  done: Promise<void>,
  asked: { url: string; scope?: string }[],
) {
  await settle();
  expect(timer.asked).toEqual([FIRST_INSTALL_DELAY_MS]);
  expect(asked).toEqual([]);
  timer.end();
  await done;
  expect(asked).toEqual([{ url: '/sw.js', scope: '/' }]);
}

afterEach(() => vi.restoreAllMocks());

describe('installForOffline', () => {
  it('registers at once on a later visit (the browser checks for an update), even while a video is made', async () => {
    const { fake, asked } = container(true);
    const end = runBegins();
    const timer = manualWait();
    await installForOffline(fake, timer.wait);
    expect(asked).toEqual([{ url: '/sw.js', scope: '/' }]);
    expect(timer.asked).toEqual([]);
    end();
  });

  it('on a first visit waits a moment on the page before registering', async () => {
    const { fake, asked } = container(false);
    const timer = manualWait();
    await registersAfterOneMoment(timer, installForOffline(fake, timer.wait), asked);
  });

  it('on a first visit waits for the videos being made in the tab to end, then a moment', async () => {
    const { fake, asked } = container(false);
    const timer = manualWait();
    const first = runBegins();
    const second = runBegins();
    const done = installForOffline(fake, timer.wait);
    await settle();
    expect(timer.asked).toEqual([]);
    first();
    first(); // Ending twice counts once: the second run still goes.
    await settle();
    expect(timer.asked).toEqual([]);
    second();
    await registersAfterOneMoment(timer, done, asked);
  });

  it('on a first visit starts its moment over when a video is begun and ended meanwhile (a file read, then created)', async () => {
    const { fake, asked } = container(false);
    const timer = manualWait();
    const done = installForOffline(fake, timer.wait);
    await settle();
    // The picked file is read within the first moment; the project is created a little later.
    runBegins()();
    timer.end();
    await settle();
    expect(timer.asked).toEqual([FIRST_INSTALL_DELAY_MS, FIRST_INSTALL_DELAY_MS]);
    const creating = runBegins();
    timer.end();
    await settle();
    expect(asked).toEqual([]);
    creating();
    await settle();
    timer.end();
    await done;
    expect(timer.asked).toHaveLength(3);
    expect(asked).toEqual([{ url: '/sw.js', scope: '/' }]);
  });

  it('says why when the browser refuses, and throws nothing at the page', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const refused = new Error('The operation is insecure.');
    const fake: WorkerContainer = {
      getRegistration: () => Promise.resolve({} as ServiceWorkerRegistration),
      register: () => Promise.reject(refused),
    };
    await expect(installForOffline(fake)).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith('Offline support is unavailable:', refused);
  });
});
