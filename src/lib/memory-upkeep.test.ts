import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserMeasure, keepMemoryTidy, MEASURE_GAP_MS } from './memory-upkeep';
import { runBegins } from './state/run-activity';

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A wait the test ends by hand, recording what it was asked for. */
function manualWait() {
  const asked: number[] = [];
  let release: (() => void) | undefined;
  const wait = (ms: number) => {
    asked.push(ms);
    return new Promise<void>((resolve) => (release = resolve));
  };
  return { wait, asked, pass: () => release?.() };
}

afterEach(() => vi.unstubAllGlobals());

describe('keepMemoryTidy', () => {
  it('asks only while a run is going, one question at a time, a gap apart', async () => {
    const measure = vi.fn(() => Promise.resolve({ bytes: 1 }));
    const { wait, asked, pass } = manualWait();
    // An answer that comes at once: the next question waits out the gap.
    void keepMemoryTidy(measure, wait, () => 1000);
    await settle();
    expect(measure).not.toHaveBeenCalled();

    const end = runBegins();
    await settle();
    expect(measure).toHaveBeenCalledTimes(1);
    expect(asked).toEqual([MEASURE_GAP_MS]);
    pass();
    await settle();
    expect(measure).toHaveBeenCalledTimes(2);

    end();
    pass();
    await settle();
    expect(measure).toHaveBeenCalledTimes(2);

    // The next run is tended again.
    const endNext = runBegins();
    await settle();
    expect(measure).toHaveBeenCalledTimes(3);
    endNext();
    pass();
    await settle();
  });

  it('asks again at once after a slow answer, and waits out the gap after a quick one', async () => {
    const answers: (() => void)[] = [];
    const measure = vi.fn(() => new Promise<void>((resolve) => answers.push(resolve)));
    const { wait, asked, pass } = manualWait();
    let clock = 0;
    const end = runBegins();
    void keepMemoryTidy(measure, wait, () => clock);
    await settle();
    await settle();
    // No second question before the first is answered.
    expect(measure).toHaveBeenCalledTimes(1);
    // Answered 2 s after the question: the next one waits 3 s more.
    clock = 2000;
    answers[0]?.();
    await settle();
    expect(asked).toEqual([MEASURE_GAP_MS - 2000]);
    expect(measure).toHaveBeenCalledTimes(1);
    clock = 5000;
    pass();
    await settle();
    expect(measure).toHaveBeenCalledTimes(2);
    // Answered 20 s after it (Chromium's forced collection): the next one goes at once.
    clock = 25_000;
    answers[1]?.();
    await settle();
    expect(measure).toHaveBeenCalledTimes(3);
    expect(asked).toHaveLength(1);
    end();
  });

  it('stops for good, with a warning, when the browser refuses', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const measure = vi.fn(() => Promise.reject(new DOMException('Not allowed', 'SecurityError')));
    const end = runBegins();
    await expect(keepMemoryTidy(measure, () => Promise.resolve())).resolves.toBeUndefined();
    expect(measure).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith('Memory upkeep is unavailable:', expect.any(DOMException));
    end();
    warn.mockRestore();
  });
});

describe('browserMeasure', () => {
  it('is the browser call on a cross-origin isolated page that has it, else nothing', async () => {
    const call = vi.fn(() => Promise.resolve({ bytes: 5 }));
    vi.stubGlobal('performance', { measureUserAgentSpecificMemory: call });
    vi.stubGlobal('crossOriginIsolated', false);
    expect(browserMeasure()).toBeUndefined();
    vi.stubGlobal('crossOriginIsolated', true);
    await expect(browserMeasure()?.()).resolves.toEqual({ bytes: 5 });
    expect(call).toHaveBeenCalledTimes(1);
    vi.stubGlobal('performance', {});
    expect(browserMeasure()).toBeUndefined();
  });
});
