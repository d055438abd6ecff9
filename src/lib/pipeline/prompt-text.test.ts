import { describe, expect, it } from 'vitest';
import { capText, collapseWhitespace } from './prompt-text';

describe('collapseWhitespace', () => {
  it('turns every whitespace run, non-breaking spaces included, into one space', () => {
    expect(collapseWhitespace(' a\u00a0\u00a0b\n\t c ')).toBe('a b c');
  });
});

describe('capText', () => {
  it('leaves text within the limit alone', () => {
    expect(capText('moons of Jupiter', 16, '…')).toBe('moons of Jupiter');
  });

  it('cuts at the last word boundary and drops a dangling comma', () => {
    expect(capText('moons, rings and storms', 11)).toBe('moons');
    expect(capText('moons of Jupiter', 15, '…')).toBe('moons of…');
  });

  it('keeps a word that ends exactly at the limit', () => {
    expect(capText('moons of Jupiter', 8)).toBe('moons of');
  });

  it('cuts an overlong word without splitting an emoji', () => {
    expect(capText('🪐🪐🪐🪐', 5)).toBe('🪐🪐');
    expect(capText('Supercalifragilistic', 6, '…')).toBe('Super…');
  });
});
