import type { StatDimension } from './dimensions';
import type { StatCell, StatCellRef } from './values';

/**
 * Validation rules run on entry and on import. They never block data as published: a violation
 * is recorded and stays visible until it is resolved (the data changed so the rule holds) or
 * annotated (someone explained it, e.g. "as printed in S004").
 *
 * - SumOfParts: within each (element, unit, period) block and for one dimension, the TOTAL cell
 *   (or the `total` option) equals the sum of its parts (all other dimensions equal). Parts are the
 *   listed options, or every present option that is not itself a part of another present option
 *   (so a block with U18 and 0-14/15-17 checks TOTAL = U18 + 18+ and U18 = 0-14 + 15-17).
 *   An absent part counts as zero (a published breakdown lists its non-zero parts); a part that is
 *   Missing or SuppressedAtSource makes the equality unverifiable, so only a sum already above the
 *   total is reported.
 * - UnitSum: the regional unit's (REGION_UNIT) value equals the sum over the countries (same
 *   element, period and disaggregation), with the same absent/missing handling.
 * - PastRange: a value lies within [min / factor, max × factor] of the same cell's values over the
 *   `periods` preceding periods (at least `minHistory` of them reported); zeros in history widen
 *   nothing (a lower bound of 0 holds).
 */
export const VALIDATION_RULE_KINDS = ['SumOfParts', 'UnitSum', 'PastRange'] as const;
export type ValidationRuleKind = (typeof VALIDATION_RULE_KINDS)[number];

export type ValidationRuleDef =
  | {
      code: string;
      kind: 'SumOfParts';
      /** null: every element that has the dimension. */
      dataElement: string | null;
      dimension: StatDimension;
      /** The option whose value is the whole ('' = TOTAL). */
      total: string;
      /** The parts; null = every present top-level option. */
      parts: readonly string[] | null;
    }
  | { code: string; kind: 'UnitSum'; dataElement: string | null }
  | {
      code: string;
      kind: 'PastRange';
      dataElement: string | null;
      periods: number;
      minHistory: number;
      factor: number;
    };

/** One finding: which rule, which cells, what was expected and what was found. */
export type ValidationViolation = {
  ruleCode: string;
  kind: ValidationRuleKind;
  dataElement: string;
  country: string;
  period: string;
  /** The whole first, then the parts (SumOfParts/UnitSum) or the history (PastRange). */
  cells: StatCellRef[];
  /** The total as reported (SumOfParts/UnitSum), or the value (PastRange). */
  actual: number;
  /** The sum of the parts, or the nearest bound of the range. */
  expected: number;
  /** A stable identity of the finding (rule + block + cell), to keep annotations across runs. */
  key: string;
};

/**
 * The built-in rules: male + female = total; under-18 + adult = total; 0-14 + 15-17 = under 18;
 * every other breakdown sums to its total; countries sum to the printed regional total; a value
 * within a factor 3 of its past five years.
 */
export const BUILT_IN_VALIDATION_RULES: readonly ValidationRuleDef[] = [
  {
    code: 'SEX_SUM',
    kind: 'SumOfParts',
    dataElement: null,
    dimension: 'sex',
    total: '',
    parts: null,
  },
  {
    code: 'AGE_SUM',
    kind: 'SumOfParts',
    dataElement: null,
    dimension: 'age_group',
    total: '',
    parts: null,
  },
  {
    code: 'AGE_U18_SUM',
    kind: 'SumOfParts',
    dataElement: null,
    dimension: 'age_group',
    total: 'U18',
    parts: ['0-14', '15-17'],
  },
  {
    code: 'NATIONALITY_SUM',
    kind: 'SumOfParts',
    dataElement: null,
    dimension: 'nationality',
    total: '',
    parts: null,
  },
  {
    code: 'EXPLOITATION_SUM',
    kind: 'SumOfParts',
    dataElement: null,
    dimension: 'exploitation',
    total: '',
    parts: null,
  },
  {
    code: 'COUNTRY_FROM_SUM',
    kind: 'SumOfParts',
    dataElement: null,
    dimension: 'country_from',
    total: '',
    parts: null,
  },
  {
    code: 'COUNTRY_TO_SUM',
    kind: 'SumOfParts',
    dataElement: null,
    dimension: 'country_to',
    total: '',
    parts: null,
  },
  {
    code: 'TRAINEE_TYPE_SUM',
    kind: 'SumOfParts',
    dataElement: null,
    dimension: 'trainee_type',
    total: '',
    parts: null,
  },
  { code: 'REGION_SUM', kind: 'UnitSum', dataElement: null },
  {
    code: 'PAST_RANGE',
    kind: 'PastRange',
    dataElement: null,
    periods: 5,
    minHistory: 3,
    factor: 3,
  },
];

/**
 * Run rules over cells.
 * @param rules - The rules to apply.
 * @param cells - The cells to check (typically one or more (element, unit, period) blocks).
 * @param history - Earlier cells for PastRange (same elements and units, earlier periods).
 * @returns Every violation, in a stable order (rule, element, unit, period, key).
 */
export function runValidation(
  _rules: readonly ValidationRuleDef[],
  _cells: readonly StatCell[],
  _history: readonly StatCell[] = [],
): ValidationViolation[] {
  throw new Error('runValidation: not implemented yet');
}
