// The page learns that a newer version was deployed from the server's version.json, and only then.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { version } from '$app/environment';
import { appVersion } from './app-version.svelte';

function serve(body: unknown, status = 200) {
  const fetch = vi.fn(() => Promise.resolve(new Response(JSON.stringify(body), { status })));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
  appVersion.outdated = false;
});

describe('appVersion', () => {
  it('is up to date while the server serves this version, or cannot say', async () => {
    const fetch = serve({ version });
    expect(await appVersion.check()).toBe(false);
    expect(fetch).toHaveBeenCalledWith('/_app/version.json', { cache: 'no-store' });
    serve({}, 404);
    expect(await appVersion.check()).toBe(false);
    vi.stubGlobal('fetch', () => Promise.reject(new TypeError('offline')));
    expect(await appVersion.check()).toBe(false);
    expect(appVersion.outdated).toBe(false);
  });

  it('is out of date once the server serves another version, and stays so', async () => {
    serve({ version: `${version}-next` });
    expect(await appVersion.check()).toBe(true);
    serve({ version });
    expect(await appVersion.check()).toBe(true);
    expect(appVersion.outdated).toBe(true);
  });

  it('checks when a lazily loaded chunk fails to load', async () => {
    const fetch = serve({ version: 'next' });
    const page = new EventTarget();
    const stop = appVersion.watchChunks(page as Window);
    page.dispatchEvent(new Event('vite:preloadError'));
    await vi.waitFor(() => expect(appVersion.outdated).toBe(true));
    expect(fetch).toHaveBeenCalledTimes(1);
    stop();
    appVersion.outdated = false;
    page.dispatchEvent(new Event('vite:preloadError'));
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
