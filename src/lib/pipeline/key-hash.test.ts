import { describe, expect, it } from 'vitest';
import { hash as ohash } from 'ohash';
import { hash, hashPerOwner } from './key-hash';

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

  it('remembers a digest per owner only while its fields are the same', () => {
    const hashed = hashPerOwner();
    const scene = {};
    const motion = { kind: 'zoom-in', travel: 0.1 };
    const fields = { v: 1, image: 'image-abc', index: 3, motion };
    expect(hashed(scene, fields)).toBe(ohash(fields));
    expect(hashed(scene, { ...fields })).toBe(ohash(fields));
    // Another value, a field more or less, another object with equal content: each the digest of what it is.
    for (const other of [
      { ...fields, index: 4 },
      { ...fields, captions: 'abc' },
      { v: 1, image: 'image-abc', index: 3 },
      { ...fields, motion: { kind: 'zoom-out', travel: 0.1 } },
      { ...fields, motion: { ...motion } },
    ]) {
      expect(hashed(scene, other)).toBe(ohash(other));
    }
    expect(hashed({}, fields)).toBe(ohash(fields));
  });
});
