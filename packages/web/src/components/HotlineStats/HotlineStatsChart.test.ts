import type { HotlineStats } from '@ctip/domain';
import { describe, expect, it } from 'vitest';
import { categoryChartOptions } from './HotlineStatsChart';

describe(categoryChartOptions.name, () => {
  it('stacks one translated series per category with zeros filled', () => {
    const stats: HotlineStats = {
      months: ['2026-01', '2026-02'],
      byCategory: [
        { month: '2026-01', key: 'Trafficking', count: 2 },
        { month: '2026-02', key: 'LabourRights', count: 1 },
      ],
      byLanguage: [],
      total: 3,
    };
    const o = categoryChartOptions(
      stats,
      (c) => `L:${c}`,
      (m) => `M:${m}`,
    );
    expect(o.xAxis.data).toEqual(['M:2026-01', 'M:2026-02']);
    expect(o.series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['L:LabourRights', 'calls', [0, 1]],
      ['L:Trafficking', 'calls', [2, 0]],
      ['L:Information', 'calls', [0, 0]],
      ['L:Other', 'calls', [0, 0]],
    ]);
  });
});
