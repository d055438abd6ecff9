// The cut editor's draft in this tab's session storage: kept, read back, forgotten, and harmless when blocked.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCutDraft, saveCutDraft } from './cut-draft';

const draft = { base: 'abc', spans: [{ start: 0, end: 6.5, first: 0, count: 12 }] };

function stubSessionStorage(blocked = false): Map<string, string> {
  const items = new Map<string, string>();
  const guard = () => {
    if (blocked) throw new Error('blocked');
  };
  vi.stubGlobal('sessionStorage', {
    getItem: (key: string) => (guard(), items.get(key) ?? null),
    setItem: (key: string, value: string) => (guard(), void items.set(key, value)),
    removeItem: (key: string) => (guard(), void items.delete(key)),
  });
  return items;
}

describe('the cut draft kept for a reload', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('is kept per project until it is applied or discarded', () => {
    stubSessionStorage();
    saveCutDraft('p1', draft);
    expect(loadCutDraft('p1')).toEqual(draft);
    expect(loadCutDraft('p2')).toBeUndefined();
    saveCutDraft('p1', undefined);
    expect(loadCutDraft('p1')).toBeUndefined();
  });

  it('ignores what does not read as a draft, and works where storage throws', () => {
    const items = stubSessionStorage();
    items.set('voiceframe:cut-draft:p1', '{"base":');
    expect(loadCutDraft('p1')).toBeUndefined();
    items.set('voiceframe:cut-draft:p1', JSON.stringify({ spans: 'none' }));
    expect(loadCutDraft('p1')).toBeUndefined();
    vi.unstubAllGlobals();
    stubSessionStorage(true);
    expect(() => saveCutDraft('p1', draft)).not.toThrow();
    expect(loadCutDraft('p1')).toBeUndefined();
  });
});
