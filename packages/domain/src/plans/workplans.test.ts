import { describe, expect, it } from 'vitest';
import {
  WorkplanActivityInputSchema,
  WorkplanCreateInputSchema,
  workplanTotals,
} from './workplans';

describe(workplanTotals.name, () => {
  it('converts each amount at its own rate, else the workplan rate, and sums per area', () => {
    const totals = workplanTotals('THB', 35, [
      { areaCode: '2', plannedAmount: 350, plannedUsdRate: null },
      { areaCode: '1', plannedAmount: 400, plannedUsdRate: 40 },
      { areaCode: '1', plannedAmount: null, plannedUsdRate: null },
    ]);
    expect(totals).toEqual({
      byArea: [
        { areaCode: '1', activityCount: 2, plannedUsd: 10 },
        { areaCode: '2', activityCount: 1, plannedUsd: 10 },
      ],
      plannedUsd: 20,
      unconverted: 0,
    });
  });

  it('counts amounts without any rate as unconverted instead of summing them', () => {
    const totals = workplanTotals('LAK', null, [
      { areaCode: '3', plannedAmount: 1000, plannedUsdRate: null },
    ]);
    expect(totals.plannedUsd).toBe(0);
    expect(totals.unconverted).toBe(1);
  });

  it('needs no rate for USD', () => {
    expect(
      workplanTotals('USD', null, [{ areaCode: '5', plannedAmount: 12.5, plannedUsdRate: null }])
        .plannedUsd,
    ).toBe(12.5);
  });
});

describe('workplan schemas', () => {
  it('reads "RMB" as CNY and refuses negative or three-decimal amounts', () => {
    const wp = WorkplanCreateInputSchema.parse({
      countryCode: 'CN',
      frameworkId: 'SPA3',
      year: 2012,
      currency: 'RMB',
      usdRate: 6.3,
    });
    expect(wp.currency).toBe('CNY');
    const node = '00000000-0000-4000-8000-000000000001';
    expect(
      WorkplanActivityInputSchema.safeParse({ nodeId: node, title: 'x', plannedAmount: -1 })
        .success,
    ).toBe(false);
    expect(
      WorkplanActivityInputSchema.safeParse({ nodeId: node, title: 'x', plannedAmount: 1.005 })
        .success,
    ).toBe(false);
  });
});
