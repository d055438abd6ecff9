import { describe, expect, it } from 'vitest';
import { hash as ohash } from 'ohash';
import { hash } from './key-hash';

describe('key hash', () => {
  const values = [
    { v: 1, text: 'A photograph of a lighthouse' },
    { v: 1, prompt: 'Ünïcödé 日本語', width: 1920, height: 1080 },
    { v: 1, image: 'image-abc', index: 3, start: 1.5, end: 7.25, fps: 30 },
    '[Script Info]\nPlayResX: 1920',
  ];

  it('is ohash’s hash, the first time and when remembered', () => {
    for (const value of values) {
      expect(hash(value)).toBe(ohash(value));
      expect(hash(structuredClone(value))).toBe(ohash(value));
    }
  });

  it('stays right past the number of values it remembers', () => {
    const many = Array.from({ length: 5000 }, (_, i) => ({ v: 1, text: `scene ${i}` }));
    for (const value of many) hash(value);
    for (const value of [many[0], many[4999]]) expect(hash(value)).toBe(ohash(value));
  });
});
