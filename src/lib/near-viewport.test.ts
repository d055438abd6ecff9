import { afterEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for the browser's IntersectionObserver: the test says which elements come into range. */
class FakeObserver {
  static last: FakeObserver | undefined;
  observed = new Set<object>();
  constructor(
    readonly callback: (entries: { target: object; isIntersecting: boolean }[]) => void,
    readonly options: { rootMargin?: string },
  ) {
    FakeObserver.last = this;
  }
  observe(node: object) {
    this.observed.add(node);
  }
  unobserve(node: object) {
    this.observed.delete(node);
  }
  report(node: object, isIntersecting: boolean) {
    this.callback([{ target: node, isIntersecting }]);
  }
}

async function freshModule() {
  vi.resetModules();
  return import('./near-viewport');
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeObserver.last = undefined;
});

describe('nearViewport', () => {
  it('shows an element once, when it first comes within a screen of the viewport', async () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const { nearViewport } = await freshModule();
    const show = vi.fn();
    const node = {};
    nearViewport(show)(node as Element);
    const observer = FakeObserver.last!;
    expect(observer.options.rootMargin).toBe('100% 0px');
    observer.report(node, false);
    expect(show).not.toHaveBeenCalled();
    observer.report(node, true);
    expect(show).toHaveBeenCalledTimes(1);
    // Shown for good: no longer watched, and a later report changes nothing.
    expect(observer.observed.has(node)).toBe(false);
    observer.report(node, true);
    expect(show).toHaveBeenCalledTimes(1);
  });

  it('watches every element with one observer, and forgets an element taken off the page', async () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const { nearViewport } = await freshModule();
    const [a, b] = [{}, {}];
    const showA = vi.fn();
    const detachA = nearViewport(showA)(a as Element);
    const observer = FakeObserver.last!;
    nearViewport(vi.fn())(b as Element);
    expect(FakeObserver.last).toBe(observer);
    expect(observer.observed).toEqual(new Set([a, b]));
    detachA();
    expect(observer.observed).toEqual(new Set([b]));
    observer.report(a, true);
    expect(showA).not.toHaveBeenCalled();
  });

  it('shows at once where the browser has no IntersectionObserver', async () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const { nearViewport } = await freshModule();
    const show = vi.fn();
    nearViewport(show)({} as Element);
    expect(show).toHaveBeenCalledTimes(1);
  });
});

describe('showsNearOnly', () => {
  it('shows lists of up to 24 items whole, and longer ones near the screen only', async () => {
    const { showsNearOnly } = await freshModule();
    expect([0, 1, 24].map(showsNearOnly)).toEqual([false, false, false]);
    expect([25, 560].map(showsNearOnly)).toEqual([true, true]);
  });
});
