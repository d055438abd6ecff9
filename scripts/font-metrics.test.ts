// The committed advance table is the one the installed caption font gives (regenerate if this fails).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FALLBACK_METRICS_FILE,
  fallbackMetricsSource,
  fontFilePath,
  METRICS_FILE,
  metricsSource,
  packageVersion,
  parseFont,
} from './font-metrics';
import { measureShippedFont } from '../src/lib/pipeline/captions/measure';

describe('caption font metrics', () => {
  it('match the installed font (run `npx tsx scripts/font-metrics.ts` after changing it)', () => {
    const font = parseFont(readFileSync(fontFilePath()));
    expect(metricsSource(font, packageVersion())).toBe(readFileSync(METRICS_FILE, 'utf8'));
    expect(font.unitsPerEm).toBe(1000);
    expect(font.cmap.get(0x41)).toBeGreaterThan(0);
  });

  it('of the fallback fonts match the installed fonts too', () => {
    expect(fallbackMetricsSource()).toBe(readFileSync(FALLBACK_METRICS_FILE, 'utf8'));
  });

  it('measure wide letters wider than narrow ones, in proportion to the size', () => {
    expect(measureShippedFont('WWW', 100)).toBeGreaterThan(measureShippedFont('iii', 100) * 2);
    expect(measureShippedFont('garçon', 200)).toBeCloseTo(measureShippedFont('garçon', 100) * 2, 9);
  });
});
