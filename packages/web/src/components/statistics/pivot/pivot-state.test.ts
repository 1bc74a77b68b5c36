import { describe, expect, it } from 'vitest';
import { type PivotState, pivotAxesFor, pivotErrors, pivotQuery } from './pivot-state';
import { headerRuns } from './StatTableView';

const base: PivotState = {
  kind: 'element',
  code: 'PROSECUTIONS',
  rows: ['period'],
  columns: ['sex', 'channel'],
  filters: { sex: ['F'], age_group: [], channel: ['g2g'] },
  periodType: 'Yearly',
  periodFrom: '2010',
  periodTo: '2012',
  source: 'national',
  internal: true,
};

describe(pivotQuery.name, () => {
  it("keeps the element's axes only and drops empty filters", () => {
    expect(pivotQuery(base)).toEqual({
      source: 'national',
      dataElement: 'PROSECUTIONS',
      rows: ['period'],
      columns: ['sex'],
      filters: { sex: ['F'] },
      periodType: 'Yearly',
      periodFrom: '2010',
      periodTo: '2012',
      internal: true,
    });
    expect(pivotQuery({ ...base, source: 'regional' }).internal).toBe(false);
    expect(pivotAxesFor('indicator', 'SDG_16_2_2')).toEqual([
      'country',
      'period',
      'sex',
      'age_group',
    ]);
  });
});

describe(pivotErrors.name, () => {
  it('names periods of the wrong type or order', () => {
    expect(pivotErrors(base)).toEqual({});
    expect(pivotErrors({ ...base, periodFrom: '2010Q1' })).toEqual({
      periodFrom: 'statistics.pivot.periodFormat',
    });
    expect(pivotErrors({ ...base, periodFrom: '2013' })).toEqual({
      periodTo: 'statistics.range.toBeforeFrom',
    });
    expect(
      pivotErrors({ ...base, periodType: 'FinancialYear', periodFrom: '2014Oct', periodTo: '' }),
    ).toEqual({});
  });
});

describe(headerRuns.name, () => {
  it('groups equal headers of a level under equal parents', () => {
    const headers = [
      ['F', 'U18'],
      ['F', '18+'],
      ['M', 'U18'],
      ['', ''],
    ];
    expect(headerRuns(headers, 0)).toEqual([
      { code: 'F', span: 2 },
      { code: 'M', span: 1 },
      { code: '', span: 1 },
    ]);
    expect(headerRuns(headers, 1).map((r) => r.span)).toEqual([1, 1, 1, 1]);
  });
});
