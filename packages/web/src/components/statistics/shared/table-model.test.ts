import { describe, expect, it } from 'vitest';
import { i18n } from '../../../i18n/i18n';
import '../../../test/render';
import { toCsv } from './csv';
import { identifiedTable } from './fixtures.test-util';
import { makeStatLabels } from './labels';
import { statTableCsvRows, tableChartData, tableTotals } from './table-model';

const labels = makeStatLabels(i18n.t, 'en', 'gregory', (c) => c);

describe(tableChartData.name, () => {
  it('puts the category axis on x whichever side it is on, totals left out, gaps for withheld', () => {
    const data = tableChartData(identifiedTable(), 'period', labels);
    expect(data.categories).toEqual(['2011', '2012']);
    expect(data.series.map((s) => [s.name, s.values])).toEqual([
      ['KH', [120, null]],
      ['TH', [null, null]],
    ]);
    const byCountry = tableChartData(identifiedTable(), 'country', labels);
    expect(byCountry.categories).toEqual(['KH', 'TH']);
    expect(byCountry.series.map((s) => s.name)).toEqual(['2011', '2012']);
  });

  it('gives the totals line', () => {
    expect(tableTotals(identifiedTable(), 'period', labels)?.series[0]?.values).toEqual([
      661,
      null,
    ]);
  });
});

describe(statTableCsvRows.name, () => {
  it('writes the table as shown: names, raw numbers, marks', () => {
    const rows = statTableCsvRows(identifiedTable(), labels);
    expect(rows[0]).toEqual(['Country', '2011', '2012', 'Total']);
    expect(rows[1]).toEqual(['KH', '120', '*', '**']);
    expect(rows[2]).toEqual(['TH', '§', '—', '541']);
    expect(rows[3]).toEqual(['Total', '661', '*', '664']);
    expect(
      toCsv([
        ['a', 'b,c'],
        ['1', 'say "x"'],
      ]),
    ).toBe('\uFEFFa,"b,c"\r\n1,"say ""x"""\r\n');
  });
});
