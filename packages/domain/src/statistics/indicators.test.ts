import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Disaggregation } from './dimensions';
import {
  BUILT_IN_INDICATORS,
  evaluateIndicator,
  type IndicatorExpr,
  IndicatorSyntaxError,
  indicatorElements,
  parseIndicator,
  printIndicator,
} from './indicators';

const values: Record<string, number> = {
  'VICTIMS_IDENTIFIED|': 300,
  'VICTIMS_IDENTIFIED|sex=F': 200,
  'VICTIMS_IDENTIFIED|age_group=U18': 50,
  'POPULATION|': 6_000_000,
  'POPULATION|sex=F': 3_000_000,
  'PROSECUTIONS|': 0,
};
const lookup = (el: string, d: Disaggregation): number | null => {
  const k = Object.entries(d)
    .filter(([, v]) => v !== '')
    .map(([dim, v]) => `${dim}=${v}`)
    .join(';');
  return values[`${el}|${k}`] ?? null;
};

function syntaxError(src: string): IndicatorSyntaxError {
  try {
    parseIndicator(src);
  } catch (e) {
    if (e instanceof IndicatorSyntaxError) {
      return e;
    }
    throw e;
  }
  throw new Error(`parsed: ${src}`);
}

describe(parseIndicator.name, () => {
  it('parses precedence, left associativity, unary minus and brackets', () => {
    expect(parseIndicator('1 - 2 - 3')).toEqual({
      kind: 'bin',
      op: '-',
      left: {
        kind: 'bin',
        op: '-',
        left: { kind: 'num', value: 1 },
        right: { kind: 'num', value: 2 },
      },
      right: { kind: 'num', value: 3 },
    });
    const e = parseIndicator('2 + 3 * -(4 - 1) / 1.5e1');
    expect(evaluateIndicator(e, {}, lookup)).toBeCloseTo(2 + (3 * -3) / 15);
  });

  it('parses references with fixed options', () => {
    expect(parseIndicator('#{VICTIMS_IDENTIFIED|age_group=U18,sex=F}')).toEqual({
      kind: 'ref',
      dataElement: 'VICTIMS_IDENTIFIED',
      fixed: { age_group: 'U18', sex: 'F' },
    });
  });

  it('parses every built-in indicator', () => {
    for (const i of BUILT_IN_INDICATORS) {
      expect(() => parseIndicator(i.expression)).not.toThrow();
    }
  });

  it('reports the position of a syntax error', () => {
    expect(syntaxError('1 +').position).toBe(3);
    expect(syntaxError('(1 + 2').position).toBe(6);
    expect(syntaxError('1 2').position).toBe(2);
    expect(syntaxError('#{victims}').position).toBe(2);
    expect(syntaxError('#{VICTIMS_IDENTIFIED|colour=F}').position).toBe(21);
    expect(syntaxError('#{VICTIMS_IDENTIFIED|sex=Q}').position).toBe(25);
    expect(syntaxError('#{VICTIMS_IDENTIFIED|sex=F,sex=M}').position).toBe(27);
    expect(syntaxError('#{VICTIMS_IDENTIFIED').position).toBe(20);
    expect(syntaxError('').position).toBe(0);
    expect(syntaxError('2 $ 3').position).toBe(2);
    expect(syntaxError('('.repeat(200)).position).toBeGreaterThan(0);
  });
});

describe(indicatorElements.name, () => {
  it('lists referenced elements once, in first-use order', () => {
    const e = parseIndicator('#{B_X} + #{A_X} * #{B_X|sex=F} - 1');
    expect(indicatorElements(e)).toEqual(['B_X', 'A_X']);
  });
});

describe(evaluateIndicator.name, () => {
  it('computes SDG 16.2.2 per 100,000, per disaggregation', () => {
    const e = parseIndicator('#{VICTIMS_IDENTIFIED} / #{POPULATION} * 100000');
    expect(evaluateIndicator(e, {}, lookup)).toBeCloseTo(5);
    expect(evaluateIndicator(e, { sex: 'F' }, lookup)).toBeCloseTo(200 / 30);
  });

  it('lets a reference fix options over the context', () => {
    const e = parseIndicator('#{VICTIMS_IDENTIFIED|age_group=U18} / #{VICTIMS_IDENTIFIED} * 100');
    expect(evaluateIndicator(e, {}, lookup)).toBeCloseTo(50 / 3);
  });

  it('gives null for a missing reference or a division by zero', () => {
    expect(evaluateIndicator(parseIndicator('#{CONVICTIONS} + 1'), {}, lookup)).toBeNull();
    expect(
      evaluateIndicator(parseIndicator('#{VICTIMS_IDENTIFIED} / #{PROSECUTIONS}'), {}, lookup),
    ).toBeNull();
  });

  it('evaluates a printed expression like the original (property)', () => {
    const refs = ['VICTIMS_IDENTIFIED', 'POPULATION', 'PROSECUTIONS', 'CONVICTIONS'];
    const exprArb = fc.letrec<{ e: IndicatorExpr }>((tie) => ({
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.record({
          kind: fc.constant('num' as const),
          value: fc.oneof(fc.nat(1000), fc.double({ min: 0, max: 1e6, noNaN: true })),
        }),
        fc.record({
          kind: fc.constant('ref' as const),
          dataElement: fc.constantFrom(...refs),
          fixed: fc.constantFrom<Disaggregation>({}, { sex: 'F' }, { age_group: 'U18' }),
        }),
        fc.record({ kind: fc.constant('neg' as const), arg: tie('e') }),
        fc.record({
          kind: fc.constant('bin' as const),
          op: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const),
          left: tie('e'),
          right: tie('e'),
        }),
      ),
    })).e;
    fc.assert(
      fc.property(exprArb, (e) => {
        const printed = printIndicator(e);
        const reparsed = parseIndicator(printed);
        const a = evaluateIndicator(e, {}, lookup);
        const b = evaluateIndicator(reparsed, {}, lookup);
        if (a === null) {
          expect(b).toBeNull();
        } else {
          expect(b).not.toBeNull();
          expect(b === a || (b === 0 && a === 0)).toBe(true);
        }
        expect(printIndicator(reparsed)).toBe(printed);
      }),
    );
  });
});
