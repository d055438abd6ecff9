import { describe, expect, it } from 'vitest';
import { abortReason, anySignal } from './abort';

describe('anySignal', () => {
  it('aborts with the reason of the first source that aborts', () => {
    const a = new AbortController();
    const b = new AbortController();
    const linked = anySignal(a.signal, undefined, b.signal);
    expect(linked.signal.aborted).toBe(false);
    b.abort('disk full');
    a.abort('cancel');
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toBe('disk full');
  });

  it('starts aborted when a source already is', () => {
    const a = new AbortController();
    a.abort('before');
    expect(anySignal(a.signal).signal.reason).toBe('before');
  });

  it('can be aborted on its own without aborting its sources', () => {
    const source = new AbortController();
    const linked = anySignal(source.signal);
    linked.abort('stop');
    expect(linked.signal.reason).toBe('stop');
    expect(source.signal.aborted).toBe(false);
  });

  it('no longer follows its sources once released', () => {
    const source = new AbortController();
    const linked = anySignal(source.signal);
    linked.release();
    source.abort();
    expect(linked.signal.aborted).toBe(false);
  });
});

describe('abortReason', () => {
  it('is the signal’s reason, or an AbortError when it has none', () => {
    const controller = new AbortController();
    controller.abort('why');
    expect(abortReason(controller.signal)).toBe('why');
    const bare = { reason: undefined } as AbortSignal;
    expect(abortReason(bare, 'Cancelled.')).toMatchObject({ name: 'AbortError', message: 'Cancelled.' });
  });
});
