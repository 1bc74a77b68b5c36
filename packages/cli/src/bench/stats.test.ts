import { describe, expect, it } from 'vitest';
import { percentile, summarizeLatencies } from './stats';

describe(percentile.name, () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  });

  it('is NaN for no values', () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe(summarizeLatencies.name, () => {
  it('sorts, ranks and divides by wall time', () => {
    expect(summarizeLatencies([40, 10, 30, 20], 1000)).toEqual({
      n: 4,
      p50Ms: 20,
      p95Ms: 40,
      throughputPerSecond: 4,
    });
  });
});
