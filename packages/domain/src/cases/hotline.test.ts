import { describe, expect, it } from 'vitest';
import {
  HotlineStatsQuerySchema,
  hotlineMonthBounds,
  hotlineMonths,
  hotlineStatsPivot,
} from './hotline';

describe(hotlineMonths.name, () => {
  it('lists months across a year end', () => {
    expect(hotlineMonths('2026-11', '2027-02')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(hotlineMonths('2026-05', '2026-05')).toEqual(['2026-05']);
  });
});

describe(hotlineMonthBounds.name, () => {
  it('shifts the bounds by the offset', () => {
    const b = hotlineMonthBounds('2026-01', '2026-02', 420);
    expect(b.start.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(b.end.toISOString()).toBe('2026-02-28T17:00:00.000Z');
  });
});

describe(hotlineStatsPivot.name, () => {
  it('fills zeros', () => {
    expect(
      hotlineStatsPivot(
        ['2026-01', '2026-02'],
        [{ month: '2026-02', key: 'Other', count: 3 }],
        ['Other', 'Trafficking'],
      ),
    ).toEqual([
      { month: '2026-01', counts: { Other: 0, Trafficking: 0 } },
      { month: '2026-02', counts: { Other: 3, Trafficking: 0 } },
    ]);
  });
});

describe('HotlineStatsQuerySchema', () => {
  it('rejects an inverted or malformed range', () => {
    expect(
      HotlineStatsQuerySchema.safeParse({ from: '2026-05', to: '2026-01' }).error?.issues[0]?.path,
    ).toEqual(['to']);
    expect(HotlineStatsQuerySchema.safeParse({ from: '2026-13', to: '2026-01' }).success).toBe(
      false,
    );
    expect(HotlineStatsQuerySchema.parse({ from: '2026-01', to: '2026-03' }).utcOffsetMinutes).toBe(
      0,
    );
  });
});
