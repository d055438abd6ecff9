import { describe, expect, it } from 'vitest';
import { throttle } from './throttle';

function clocked(intervalMs: number) {
  let time = 0;
  const sent: number[] = [];
  const throttled = throttle(
    (value: number) => sent.push(value),
    intervalMs,
    () => time,
  );
  return { throttled, sent, advance: (ms: number) => (time += ms) };
}

describe('throttle', () => {
  it('passes the first value at once and holds the ones that follow within the interval', () => {
    const { throttled, sent, advance } = clocked(250);
    throttled.push(1);
    advance(100);
    throttled.push(2);
    advance(100);
    throttled.push(3);
    expect(sent).toEqual([1]);
  });

  it('passes a value once the interval has gone by, and drops the older one held', () => {
    const { throttled, sent, advance } = clocked(250);
    throttled.push(1);
    advance(100);
    throttled.push(2);
    advance(150);
    throttled.push(3);
    throttled.flush();
    expect(sent).toEqual([1, 3]);
  });

  it('flush passes on the latest value held back, once', () => {
    const { throttled, sent, advance } = clocked(250);
    for (let frame = 1; frame <= 10; frame++) {
      throttled.push(frame);
      advance(20);
    }
    throttled.flush();
    throttled.flush();
    expect(sent).toEqual([1, 10]);
  });

  it('a flush with nothing held sends nothing, and a flush starts the interval again', () => {
    const { throttled, sent, advance } = clocked(250);
    throttled.flush();
    throttled.push(1);
    advance(10);
    throttled.push(2);
    advance(10);
    throttled.flush();
    advance(100);
    throttled.push(3);
    expect(sent).toEqual([1, 2]);
    advance(150);
    throttled.push(4);
    expect(sent).toEqual([1, 2, 4]);
  });
});
