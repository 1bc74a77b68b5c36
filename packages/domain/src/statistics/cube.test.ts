import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cubeConstraints, partsOfOption } from './cube';
import { type Disaggregation, disaggregationKey } from './dimensions';
import { suppressCells } from './disclosure';

const keyed = (ds: Disaggregation[]) =>
  ds.map((d) => ({ key: disaggregationKey(d), disaggregation: d }));

describe(partsOfOption.name, () => {
  it('takes the top level of the present options', () => {
    expect(partsOfOption('age_group', '', new Set(['', 'U18', '0-14', '15-17', '18+']))).toEqual([
      '18+',
      'U18',
    ]);
    expect(partsOfOption('age_group', '', new Set(['0-14', '15-17', '18+']))).toEqual([
      '0-14',
      '15-17',
      '18+',
    ]);
    expect(partsOfOption('age_group', 'U18', new Set(['U18']))).toEqual(['0-14', '15-17']);
    expect(partsOfOption('sex', 'M', new Set(['M', 'F']))).toEqual([]);
  });
});

describe(cubeConstraints.name, () => {
  it('gives the margins of a sex × age table', () => {
    const cells = keyed([
      {},
      { sex: 'M' },
      { sex: 'F' },
      { age_group: 'U18' },
      { age_group: '18+' },
      { age_group: '0-14' },
      { age_group: '15-17' },
      { sex: 'M', age_group: 'U18' },
      { sex: 'M', age_group: '18+' },
    ]);
    expect(cubeConstraints(cells)).toEqual([
      { total: '', parts: ['sex=F', 'sex=M'] },
      { total: 'age_group=18+', parts: ['sex=M;age_group=18+'] },
      { total: 'age_group=U18', parts: ['sex=M;age_group=U18'] },
      { total: '', parts: ['age_group=18+', 'age_group=U18'] },
      { total: 'age_group=U18', parts: ['age_group=0-14', 'age_group=15-17'] },
      { total: 'sex=M', parts: ['sex=M;age_group=18+', 'sex=M;age_group=U18'] },
    ]);
  });

  it('closes every single-subtraction attack after suppression (property)', () => {
    const sexes = ['', 'M', 'F'];
    const ages = ['', 'U18', '0-14', '15-17', '18+'];
    const nats = ['', 'MM', 'LA'];
    const all: Disaggregation[] = [];
    for (const s of sexes) {
      for (const a of ages) {
        for (const n of nats) {
          const d: Disaggregation = {};
          if (s) {
            d.sex = s;
          }
          if (a) {
            d.age_group = a;
          }
          if (n) {
            d.nationality = n;
          }
          all.push(d);
        }
      }
    }
    fc.assert(
      fc.property(
        fc.subarray(all, { minLength: 1 }),
        fc.array(fc.option(fc.nat(30), { nil: null, freq: 8 }), {
          minLength: all.length,
          maxLength: all.length,
        }),
        (present, vals) => {
          const cells = keyed(present);
          const values = new Map(cells.map((c, i) => [c.key, vals[i] ?? null]));
          const constraints = cubeConstraints(cells);
          const { primary, secondary } = suppressCells(values, constraints);
          for (const k of primary) {
            expect(secondary.has(k)).toBe(false);
          }
          const hidden = (k: string) =>
            primary.has(k) || secondary.has(k) || values.get(k) === null;
          for (const c of constraints) {
            const members = [c.total, ...c.parts];
            const withheld = members.filter((k) => primary.has(k) || secondary.has(k));
            if (members.length >= 2 && withheld.length > 0) {
              expect(members.filter(hidden).length).not.toBe(1);
            }
          }
        },
      ),
    );
  });
});
