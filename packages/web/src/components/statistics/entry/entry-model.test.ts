import { describe, expect, it } from 'vitest';
import {
  cellDisaggregation,
  cellKey,
  gridAxes,
  parseCellNumber,
  pendingValues,
  sameCell,
  valueIndexOfField,
} from './entry-model';

describe(gridAxes.name, () => {
  it('puts each form dimension’s options then its total on an axis', () => {
    const { rows, columns } = gridAxes(['sex', 'age_group'], {
      sex: ['M', 'F'],
      age_group: ['U18', '18+'],
    });
    expect(rows).toEqual({ dimension: 'sex', options: ['M', 'F', ''] });
    expect(columns).toEqual({ dimension: 'age_group', options: ['U18', '18+', ''] });
    expect(cellDisaggregation(rows, 'F', columns, '')).toEqual({ sex: 'F' });
    expect(cellKey('VICTIMS_IDENTIFIED', cellDisaggregation(rows, 'F', columns, 'U18'))).toBe(
      'VICTIMS_IDENTIFIED|sex=F;age_group=U18',
    );
  });

  it('shows the total once when the server lists it among the options', () => {
    const { rows } = gridAxes(['sex'], { sex: ['', 'M', 'F', 'X'] });
    expect(rows.options).toEqual(['M', 'F', 'X', '']);
  });

  it('makes an element without form dimensions one total cell', () => {
    expect(gridAxes([], {})).toEqual({
      rows: { dimension: null, options: [''] },
      columns: { dimension: null, options: [''] },
    });
  });
});

describe(pendingValues.name, () => {
  const base = { dataElement: 'SUSPECTS', disaggregation: { sex: 'F' as const } };
  it('sends numbers and marked cells, never an empty cell as zero', () => {
    const { values, errors } = pendingValues(
      [
        { key: 'a', ...base, draft: { status: 'Reported', text: '1,204' } },
        { key: 'b', ...base, draft: { status: 'SuppressedAtSource', text: '' } },
        { key: 'c', ...base, draft: { status: 'Empty', text: '' } },
      ],
      new Map(),
      'TH',
      '2024',
    );
    expect(values.map((v) => [v.input.status, v.input.value])).toEqual([
      ['Reported', 1204],
      ['SuppressedAtSource', null],
    ]);
    expect(errors.size).toBe(0);
  });

  it('refuses text, negatives and clearing a stored figure', () => {
    const { values, errors } = pendingValues(
      [
        { key: 'a', ...base, draft: { status: 'Reported', text: 'twelve' } },
        { key: 'b', ...base, draft: { status: 'Reported', text: '-3' } },
        { key: 'c', ...base, draft: { status: 'Empty', text: '' } },
      ],
      new Map([['c', { status: 'Reported', text: '4' }]]),
      'TH',
      '2024',
    );
    expect(values).toEqual([]);
    expect([...errors]).toEqual([
      ['a', 'notNumber'],
      ['b', 'negative'],
      ['c', 'clearStored'],
    ]);
  });
});

describe('cell helpers', () => {
  it('compares drafts by meaning and reads the value index of a server field', () => {
    expect(sameCell({ status: 'Reported', text: '10' }, { status: 'Reported', text: '10.0' })).toBe(
      true,
    );
    expect(sameCell({ status: 'Missing', text: '' }, { status: 'Reported', text: '' })).toBe(false);
    expect(parseCellNumber(' 7 ')).toBe(7);
    expect(parseCellNumber('')).toBeNull();
    expect(valueIndexOfField('values.3.value')).toBe(3);
    expect(valueIndexOfField('values[2].disaggregation.sex')).toBe(2);
    expect(valueIndexOfField('dataSet')).toBeNull();
  });
});
