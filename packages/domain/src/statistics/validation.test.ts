import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Disaggregation } from './dimensions';
import { REGION_UNIT } from './elements';
import { BUILT_IN_VALIDATION_RULES, runValidation, type ValidationRuleDef } from './validation';
import type { StatCell, StatValueStatus } from './values';

const cell = (
  disaggregation: Disaggregation,
  value: number | null,
  over: Partial<StatCell> = {},
): StatCell => ({
  dataElement: 'VICTIMS_RETURNED',
  country: 'LA',
  province: '',
  period: '2016',
  disaggregation,
  status: value === null ? 'Missing' : 'Reported',
  value,
  ...over,
});

const rule = (code: string): ValidationRuleDef[] =>
  BUILT_IN_VALIDATION_RULES.filter((r) => r.code === code);

describe(runValidation.name, () => {
  it('accepts male + female = total', () => {
    const cells = [cell({}, 10), cell({ sex: 'M' }, 4), cell({ sex: 'F' }, 6)];
    expect(runValidation(BUILT_IN_VALIDATION_RULES, cells)).toEqual([]);
  });

  it('reports a total that is not the sum of its parts, with the cells involved', () => {
    const cells = [cell({}, 11), cell({ sex: 'M' }, 4), cell({ sex: 'F' }, 6)];
    const [v, ...rest] = runValidation(BUILT_IN_VALIDATION_RULES, cells);
    expect(rest).toEqual([]);
    expect(v).toMatchObject({
      ruleCode: 'SEX_SUM',
      kind: 'SumOfParts',
      dataElement: 'VICTIMS_RETURNED',
      country: 'LA',
      period: '2016',
      actual: 11,
      expected: 10,
      key: 'SEX_SUM|VICTIMS_RETURNED|LA||2016|',
    });
    expect(v?.cells.map((c) => c.disaggregation)).toEqual([{}, { sex: 'F' }, { sex: 'M' }]);
  });

  it('counts an absent part as zero', () => {
    expect(runValidation(rule('SEX_SUM'), [cell({}, 4), cell({ sex: 'M' }, 4)])).toEqual([]);
    expect(runValidation(rule('SEX_SUM'), [cell({}, 5), cell({ sex: 'M' }, 4)])).toHaveLength(1);
  });

  it('checks nothing when a total has no parts or a part has no total', () => {
    expect(runValidation(BUILT_IN_VALIDATION_RULES, [cell({}, 4)])).toEqual([]);
    expect(runValidation(BUILT_IN_VALIDATION_RULES, [cell({ sex: 'F' }, 4)])).toEqual([]);
  });

  it('reports a missing part only when the known parts already exceed the total', () => {
    const missing = cell({ sex: 'F' }, null);
    expect(runValidation(rule('SEX_SUM'), [cell({}, 10), cell({ sex: 'M' }, 4), missing])).toEqual(
      [],
    );
    const over = runValidation(rule('SEX_SUM'), [cell({}, 3), cell({ sex: 'M' }, 4), missing]);
    expect(over).toMatchObject([{ actual: 3, expected: 4 }]);
  });

  it('does not check a total that is missing or suppressed at source', () => {
    const whole = cell({}, null, { status: 'SuppressedAtSource' });
    expect(runValidation(rule('SEX_SUM'), [whole, cell({ sex: 'M' }, 4)])).toEqual([]);
  });

  it('uses the two-level age hierarchy: TOTAL = U18 + 18+, U18 = 0-14 + 15-17', () => {
    const ok = [
      cell({}, 10),
      cell({ age_group: 'U18' }, 6),
      cell({ age_group: '0-14' }, 2),
      cell({ age_group: '15-17' }, 4),
      cell({ age_group: '18+' }, 4),
    ];
    expect(runValidation(BUILT_IN_VALIDATION_RULES, ok)).toEqual([]);
    const badU18 = ok.map((c) => (c.disaggregation.age_group === '0-14' ? { ...c, value: 3 } : c));
    expect(runValidation(BUILT_IN_VALIDATION_RULES, badU18)).toMatchObject([
      { ruleCode: 'AGE_U18_SUM', actual: 6, expected: 7 },
    ]);
    // Without U18 the fine groups are the top level.
    const flat = [
      cell({}, 10),
      cell({ age_group: '0-14' }, 2),
      cell({ age_group: '15-17' }, 4),
      cell({ age_group: '18+' }, 4),
    ];
    expect(runValidation(BUILT_IN_VALIDATION_RULES, flat)).toEqual([]);
  });

  it('checks each line of a cube separately', () => {
    const cells = [
      cell({ sex: 'M' }, 5),
      cell({ sex: 'M', age_group: 'U18' }, 2),
      cell({ sex: 'M', age_group: '18+' }, 2),
      cell({ sex: 'F' }, 1),
      cell({ sex: 'F', age_group: '18+' }, 1),
    ];
    expect(runValidation(BUILT_IN_VALIDATION_RULES, cells)).toMatchObject([
      {
        ruleCode: 'AGE_SUM',
        actual: 5,
        expected: 4,
        key: 'AGE_SUM|VICTIMS_RETURNED|LA||2016|sex=M',
      },
    ]);
  });

  it('compares the regional unit with the sum over the countries', () => {
    const el = { dataElement: 'VICTIMS_IDENTIFIED', period: '2010' };
    const cells = [
      cell({}, 100, { ...el, country: REGION_UNIT }),
      cell({}, 60, { ...el, country: 'TH' }),
      cell({}, 30, { ...el, country: 'VN' }),
      cell({}, 500, { ...el, country: 'JP' }),
    ];
    expect(runValidation(rule('REGION_SUM'), cells)).toMatchObject([
      { ruleCode: 'REGION_SUM', kind: 'UnitSum', country: 'XR', actual: 100, expected: 90 },
    ]);
    expect(
      runValidation(rule('REGION_SUM'), [...cells, cell({}, 10, { ...el, country: 'KH' })]),
    ).toEqual([]);
  });

  it('flags a value outside a factor 3 of its past five periods', () => {
    const history = [2011, 2012, 2013].map((y) => cell({}, 10 + y - 2011, { period: String(y) }));
    expect(runValidation(rule('PAST_RANGE'), [cell({}, 30, { period: '2014' })], history)).toEqual(
      [],
    );
    expect(
      runValidation(rule('PAST_RANGE'), [cell({}, 37, { period: '2014' })], history),
    ).toMatchObject([{ actual: 37, expected: 36 }]);
    expect(
      runValidation(rule('PAST_RANGE'), [cell({}, 3, { period: '2014' })], history),
    ).toMatchObject([{ actual: 3, expected: 10 / 3 }]);
    // Too little history: nothing to say.
    expect(
      runValidation(rule('PAST_RANGE'), [cell({}, 99, { period: '2014' })], history.slice(1)),
    ).toEqual([]);
  });

  it('treats a zero in history as a lower bound of zero', () => {
    const history = [0, 4, 5].map((v, i) => cell({}, v, { period: String(2011 + i) }));
    expect(runValidation(rule('PAST_RANGE'), [cell({}, 0, { period: '2014' })], history)).toEqual(
      [],
    );
  });

  it('takes history from the checked cells too', () => {
    const cells = [10, 11, 12, 100].map((v, i) => cell({}, v, { period: String(2011 + i) }));
    expect(runValidation(rule('PAST_RANGE'), cells)).toMatchObject([
      { period: '2014', actual: 100 },
    ]);
  });

  it('has stable keys and order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            sex: fc.constantFrom('', 'M', 'F'),
            age: fc.constantFrom('', 'U18', '0-14', '15-17', '18+'),
            value: fc.option(fc.nat(20), { nil: null }),
          }),
          { maxLength: 12 },
        ),
        (rows) => {
          const cells = rows.map((r) => {
            const d: Disaggregation = {};
            if (r.sex) {
              d.sex = r.sex;
            }
            if (r.age) {
              d.age_group = r.age;
            }
            const status: StatValueStatus = r.value === null ? 'Missing' : 'Reported';
            return cell(d, r.value, { status });
          });
          const a = runValidation(BUILT_IN_VALIDATION_RULES, cells);
          const b = runValidation(BUILT_IN_VALIDATION_RULES, [...cells].reverse());
          // Order of input does not matter (except which duplicate wins): compare key sets when no duplicates.
          const ids = new Set(rows.map((r) => `${r.sex}|${r.age}`));
          if (ids.size === rows.length) {
            expect(b.map((v) => v.key)).toEqual(a.map((v) => v.key));
          }
          expect(new Set(a.map((v) => v.key)).size).toBe(a.length);
        },
      ),
    );
  });

  it('reports nothing on a consistent generated cube', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.nat(50), { minLength: 4, maxLength: 4 }), {
          minLength: 2,
          maxLength: 3,
        }),
        (bySex) => {
          // bySex[s] = [0-14, 15-17, 18+, UNK]; everything else derived.
          const sexes = ['M', 'F', 'X'].slice(0, bySex.length);
          const cells: StatCell[] = [];
          let grand = 0;
          const byAge = [0, 0, 0, 0];
          bySex.forEach((ages, i) => {
            const s = sexes[i] as string;
            const [a, b, c, u] = ages as [number, number, number, number];
            cells.push(cell({ sex: s, age_group: '0-14' }, a));
            cells.push(cell({ sex: s, age_group: '15-17' }, b));
            cells.push(cell({ sex: s, age_group: 'U18' }, a + b));
            cells.push(cell({ sex: s, age_group: '18+' }, c));
            cells.push(cell({ sex: s, age_group: 'UNK' }, u));
            cells.push(cell({ sex: s }, a + b + c + u));
            grand += a + b + c + u;
            ages.forEach((v, j) => {
              byAge[j] = (byAge[j] ?? 0) + v;
            });
          });
          const [a, b, c, u] = byAge as [number, number, number, number];
          cells.push(cell({ age_group: '0-14' }, a));
          cells.push(cell({ age_group: '15-17' }, b));
          cells.push(cell({ age_group: 'U18' }, a + b));
          cells.push(cell({ age_group: '18+' }, c));
          cells.push(cell({ age_group: 'UNK' }, u));
          cells.push(cell({}, grand));
          expect(runValidation(BUILT_IN_VALIDATION_RULES, cells)).toEqual([]);
        },
      ),
    );
  });
});
