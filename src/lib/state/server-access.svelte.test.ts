import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACCESS_TOKEN_KEY, accessToken, forgetAccessToken, saveAccessToken } from '../store/access-token';
import { ServerAccess } from './server-access.svelte';

const REPORT = { ok: true, providers: {} };

/** The server at the fetch boundary: it takes `right` as its ACCESS_TOKEN and counts calls. */
function server() {
  const calls: string[] = [];
  const fetch = (_url: string, init: RequestInit) => {
    const auth = new Headers(init.headers).get('authorization') ?? '';
    calls.push(auth);
    const response =
      auth === 'Bearer right'
        ? new Response(JSON.stringify(REPORT), { status: 200 })
        : new Response(JSON.stringify({ error: { code: 'access_token_required', message: 'No.', retryable: false } }), {
            status: 401,
          });
    return Promise.resolve(response);
  };
  return { calls, fetch };
}

let page: EventTarget;
beforeEach(() => {
  page = new EventTarget();
  vi.stubGlobal('window', page);
});
afterEach(() => {
  vi.unstubAllGlobals();
  forgetAccessToken();
});

describe('ServerAccess', () => {
  it('asks for the token when refused, forgetting a saved one the server no longer takes', () => {
    const fresh = new ServerAccess();
    fresh.denied();
    expect(fresh.needed).toBe(true);
    expect(fresh.problem).toBeUndefined();

    saveAccessToken('old');
    const stale = new ServerAccess();
    expect(stale.saved).toBe(true);
    stale.denied();
    expect(stale.needed).toBe(true);
    expect(stale.saved).toBe(false);
    expect(accessToken()).toBeUndefined();
    expect(stale.problem).toMatch(/^The access token saved in this browser was not accepted/);
  });

  it('keeps a typed token only when the server takes it', async () => {
    const fake = server();
    vi.stubGlobal('fetch', fake.fetch);
    const access = new ServerAccess();
    access.denied();

    expect(await access.unlock('has spaces')).toBeUndefined();
    expect(access.problem).toMatch(/no spaces/);
    expect(fake.calls).toEqual([]);

    expect(await access.unlock('wrong')).toBeUndefined();
    expect(access.problem).toMatch(/^That is not the server’s access token/);
    expect(accessToken()).toBeUndefined();
    expect(access.needed).toBe(true);

    expect(await access.unlock('  right ')).toEqual(REPORT);
    expect(fake.calls).toEqual(['Bearer wrong', 'Bearer right']);
    expect(accessToken()).toBe('right');
    expect(access).toMatchObject({ needed: false, saved: true, problem: undefined });

    access.forget();
    expect(accessToken()).toBeUndefined();
    expect(access.saved).toBe(false);
  });

  it('follows the token other tabs keep, until told to stop', () => {
    const access = new ServerAccess();
    access.denied();
    let unlocked = 0;
    const stop = access.follow(() => (unlocked += 1));
    const storage = (key: string | null) => page.dispatchEvent(Object.assign(new Event('storage'), { key }));

    storage('some-other-key');
    expect(access.needed).toBe(true);
    saveAccessToken('from-another-tab');
    storage(ACCESS_TOKEN_KEY);
    expect(access).toMatchObject({ needed: false, saved: true });
    expect(unlocked).toBe(1);

    // Forgotten there (here the whole storage is cleared): gone here, nothing to unlock.
    forgetAccessToken();
    storage(null);
    expect(access.saved).toBe(false);
    expect(unlocked).toBe(1);

    stop();
    saveAccessToken('later');
    storage(ACCESS_TOKEN_KEY);
    expect(access.saved).toBe(false);
  });
});
