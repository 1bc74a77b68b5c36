import type { Disaggregation } from './dimensions';

/**
 * Indicators are expressions over data elements, evaluated per unit and period, and per
 * disaggregation: `#{VICTIMS_IDENTIFIED} / #{POPULATION} * 100000` evaluated for `{ sex: 'F' }`
 * divides female victims by the female population (each reference takes the context's options of
 * the dimensions its element has). A reference may fix options itself: `#{VICTIMS_IDENTIFIED|age_group=U18}`.
 *
 * Grammar: expr := term (('+'|'-') term)* ; term := factor (('*'|'/') factor)* ;
 * factor := number | reference | '(' expr ')' | '-' factor ;
 * reference := '#{' CODE ('|' dim '=' option (',' dim '=' option)*)? '}'.
 */
export const INDICATOR_UNITS = ['count', 'percent', 'per100k', 'ratio'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export type IndicatorDef = {
  code: string;
  expression: string;
  unit: IndicatorUnit;
  decimals: number;
};

/** A parsed expression. */
export type IndicatorExpr =
  | { kind: 'num'; value: number }
  | { kind: 'ref'; dataElement: string; fixed: Disaggregation }
  | { kind: 'neg'; arg: IndicatorExpr }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: IndicatorExpr; right: IndicatorExpr };

/** Parse failure, with the 0-based character position (for a field-named 400 error). */
export class IndicatorSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'IndicatorSyntaxError';
  }
}

/** Parse an expression; throws IndicatorSyntaxError. */
export function parseIndicator(_expression: string): IndicatorExpr {
  throw new Error('parseIndicator: not implemented yet');
}

/** The element codes an expression references (in first-use order, unique). */
export function indicatorElements(_expr: IndicatorExpr): string[] {
  throw new Error('indicatorElements: not implemented yet');
}

/**
 * Evaluate.
 * @param lookup - The value of an element for a disaggregation (context merged with the
 *   reference's fixed options), or null when not reported.
 * @returns The number, or null when any reference is null or a division is by zero.
 */
export function evaluateIndicator(
  _expr: IndicatorExpr,
  _context: Disaggregation,
  _lookup: (dataElement: string, disaggregation: Disaggregation) => number | null,
): number | null {
  throw new Error('evaluateIndicator: not implemented yet');
}

/** The built-in indicators: SDG 16.2.2 and the criminal justice ratios. */
export const BUILT_IN_INDICATORS: readonly IndicatorDef[] = [
  {
    code: 'SDG_16_2_2',
    expression: '#{VICTIMS_IDENTIFIED} / #{POPULATION} * 100000',
    unit: 'per100k',
    decimals: 2,
  },
  {
    code: 'CONVICTION_RATE',
    expression: '#{CONVICTIONS} / #{PROSECUTIONS} * 100',
    unit: 'percent',
    decimals: 1,
  },
  {
    code: 'ASSISTED_SHARE',
    expression: '#{VICTIMS_ASSISTED} / #{VICTIMS_IDENTIFIED} * 100',
    unit: 'percent',
    decimals: 1,
  },
  {
    code: 'SUSPECTS_PER_CASE',
    expression: '#{SUSPECTS} / #{INVESTIGATIONS}',
    unit: 'ratio',
    decimals: 2,
  },
];
