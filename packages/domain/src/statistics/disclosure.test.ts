import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gridConstraints, isBelowThreshold, type SumConstraint, suppressCells } from './disclosure';

describe(isBelowThreshold.name, () => {
  it('withholds 1–4 by default, shows zeros unless asked', () => {
    const s = { threshold: 5, suppressZeros: false };
    expect([0, 1, 4, 5, null].map((v) => isBelowThreshold(v, s))).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
    expect(isBelowThreshold(0, { threshold: 5, suppressZeros: true })).toBe(true);
  });
});

describe(suppressCells.name, () => {
  it('withholds a second part so a suppressed cell cannot be recovered from its total', () => {
    const values = new Map<string, number | null>([
      ['T', 30],
      ['a', 3],
      ['b', 12],
      ['c', 15],
    ]);
    const { primary, secondary } = suppressCells(values, [{ total: 'T', parts: ['a', 'b', 'c'] }]);
    expect([...primary]).toEqual(['a']);
    expect([...secondary]).toEqual(['b']);
  });

  it('withholds the total when the only other cell is the total', () => {
    const values = new Map<string, number | null>([
      ['T', 3],
      ['a', 3],
    ]);
    const { primary, secondary } = suppressCells(values, [{ total: 'T', parts: ['a'] }]);
    expect([...primary].sort()).toEqual(['T', 'a']);
    expect(secondary.size).toBe(0);
    const v2 = new Map<string, number | null>([
      ['T', 10],
      ['a', 2],
      ['b', 8],
    ]);
    // Parts first: b is withheld, the total stays visible.
    expect([...suppressCells(v2, [{ total: 'T', parts: ['a', 'b'] }]).secondary]).toEqual(['b']);
  });

  it('counts a part suppressed at source under a printed total as already hidden', () => {
    const values = new Map<string, number | null>([
      ['T', 30],
      ['a', 3],
      ['b', null],
      ['c', 15],
    ]);
    const constraints = [{ total: 'T', parts: ['a', 'b', 'c'] }];
    expect(suppressCells(values, constraints, undefined, new Set(['b'])).secondary.size).toBe(0);
  });

  it('treats a cell without a number as known: it adds nothing to a computed total', () => {
    // T = a + c as computed; with a withheld, c alone would give it away.
    const values = new Map<string, number | null>([
      ['T', 18],
      ['a', 3],
      ['b', null],
      ['c', 15],
    ]);
    const r = suppressCells(values, [{ total: 'T', parts: ['a', 'b', 'c'] }]);
    expect([...r.primary]).toEqual(['a']);
    expect([...r.secondary]).toEqual(['c']);
  });

  it('protects every row and column of a two-way table with margins (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat(12), { minLength: 16, maxLength: 16 }),
        (nr, nc, raw) => {
          const rows = Array.from({ length: nr }, (_, i) => `r${i}`);
          const cols = Array.from({ length: nc }, (_, i) => `c${i}`);
          const values = new Map<string, number | null>();
          rows.forEach((r, i) => {
            cols.forEach((c, j) => {
              values.set(`${r}|${c}`, raw[i * 4 + j] ?? 0);
            });
          });
          const sum = (keys: string[]) => keys.reduce((n, k) => n + (values.get(k) ?? 0), 0);
          for (const r of rows) {
            values.set(`${r}|*`, sum(cols.map((c) => `${r}|${c}`)));
          }
          for (const c of cols) {
            values.set(`*|${c}`, sum(rows.map((r) => `${r}|${c}`)));
          }
          values.set('*|*', sum(rows.map((r) => `${r}|*`)));
          const constraints: SumConstraint[] = gridConstraints(rows, cols);
          const { primary, secondary } = suppressCells(values, constraints);
          for (const c of constraints) {
            const members = [c.total, ...c.parts];
            const hidden = members.filter((k) => primary.has(k) || secondary.has(k));
            if (members.length >= 2 && hidden.length > 0) {
              expect(hidden.length).not.toBe(1);
            }
          }
          // Every primary cell is withheld; nothing below the threshold is shown.
          for (const [k, v] of values) {
            if (v !== null && v > 0 && v < 5) {
              expect(primary.has(k)).toBe(true);
            }
          }
        },
      ),
    );
  });
});
