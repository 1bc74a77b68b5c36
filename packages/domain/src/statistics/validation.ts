import { COMMIT_COUNTRIES } from '../reference/locales';
import { linesAlong, partsOfOption } from './cube';
import { type Disaggregation, disaggregationKey, type StatDimension, TOTAL } from './dimensions';
import { REGION_UNIT } from './elements';
import { periodsBefore } from './periods';
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
 *   element, period and disaggregation), with the same absent/missing handling. The countries are
 *   the six COMMIT members (REGION_MEMBER_UNITS): a non-member's figures (Japan's) are not part of
 *   the printed regional total; only whole-country values (province '') take part.
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
 * Two sums are equal when they differ by no more than floating-point noise: counts are integers and
 * must match exactly; money may carry decimals, so the tolerance is relative (1e-9 of the larger
 * magnitude, at least 1e-9).
 */
export function sumsEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** The countries whose values a regional (REGION_UNIT) total sums: the six COMMIT countries. */
export const REGION_MEMBER_UNITS: readonly string[] = COMMIT_COUNTRIES;

const ref = (c: StatCell): StatCellRef => ({
  dataElement: c.dataElement,
  country: c.country,
  province: c.province,
  period: c.period,
  disaggregation: c.disaggregation,
});

const blockKey = (c: Pick<StatCell, 'dataElement' | 'country' | 'province' | 'period'>): string =>
  `${c.dataElement}|${c.country}|${c.province}|${c.period}`;

/** disaggregationKey, computed once per disaggregation object (validation touches each many times). */
const keyCache = new WeakMap<object, string>();
function dkOf(d: Disaggregation): string {
  let k = keyCache.get(d);
  if (k === undefined) {
    k = disaggregationKey(d);
    keyCache.set(d, k);
  }
  return k;
}

const cellIdentity = (c: StatCell): string => `${blockKey(c)}|${dkOf(c.disaggregation)}`;

/** A cell's series: the same cell in every period (element, unit, disaggregation). */
const seriesKey = (c: StatCell): string =>
  `${c.dataElement}|${c.country}|${c.province}|${dkOf(c.disaggregation)}`;

const findingKey = (ruleCode: string, c: StatCell): string =>
  `${ruleCode}|${c.dataElement}|${c.country}|${c.province}|${c.period}|${dkOf(c.disaggregation)}`;

/** Deduplicate by identity (the last cell wins), keeping first-seen order. */
function uniqueCells(cells: readonly StatCell[]): StatCell[] {
  const byId = new Map<string, StatCell>();
  for (const c of cells) {
    byId.set(cellIdentity(c), c);
  }
  return [...byId.values()];
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = keyOf(item);
    const list = out.get(k);
    if (list) {
      list.push(item);
    } else {
      out.set(k, [item]);
    }
  }
  return out;
}

/**
 * Compare a whole with its parts. Absent parts are zeros; a Missing/SuppressedAtSource part makes
 * the sum a lower bound only.
 * @returns The sum of the reported parts when the equality is violated, else null.
 */
function checkSum(whole: StatCell, parts: readonly (StatCell | undefined)[]): number | null {
  if (whole.status !== 'Reported' || whole.value === null) {
    return null;
  }
  let sum = 0;
  let unverifiable = false;
  for (const p of parts) {
    if (!p) {
      continue;
    }
    if (p.status !== 'Reported' || p.value === null) {
      unverifiable = true;
    } else {
      sum += p.value;
    }
  }
  if (unverifiable) {
    return sum > whole.value && !sumsEqual(sum, whole.value) ? sum : null;
  }
  return sumsEqual(sum, whole.value) ? null : sum;
}

function sumOfParts(
  rule: Extract<ValidationRuleDef, { kind: 'SumOfParts' }>,
  cells: readonly StatCell[],
): ValidationViolation[] {
  const out: ValidationViolation[] = [];
  const dim: StatDimension = rule.dimension;
  const relevant =
    rule.dataElement === null ? cells : cells.filter((c) => c.dataElement === rule.dataElement);
  // Nothing to check without both a whole and a part on this dimension (a file of leaf cells
  // only): skip the line building, which is the expensive part.
  let hasWhole = false;
  let hasPart = false;
  for (const c of relevant) {
    const option = c.disaggregation[dim] ?? TOTAL;
    if (option === rule.total) {
      hasWhole = true;
    } else if (option !== TOTAL) {
      hasPart = true;
    }
    if (hasWhole && hasPart) {
      break;
    }
  }
  if (!hasWhole || !hasPart) {
    return out;
  }
  for (const block of groupBy(relevant, blockKey).values()) {
    for (const line of linesAlong(block, (c) => c.disaggregation, dim).values()) {
      const whole = line.get(rule.total);
      if (!whole) {
        continue;
      }
      const present = new Set(line.keys());
      const partOptions = partsOfOption(dim, rule.total, present, rule.parts);
      const parts = partOptions.map((o) => line.get(o));
      const presentParts = parts.filter((p): p is StatCell => p !== undefined);
      if (presentParts.length === 0) {
        continue;
      }
      const sum = checkSum(whole, parts);
      if (sum !== null) {
        out.push({
          ruleCode: rule.code,
          kind: 'SumOfParts',
          dataElement: whole.dataElement,
          country: whole.country,
          period: whole.period,
          cells: [ref(whole), ...presentParts.map(ref)],
          actual: whole.value ?? 0,
          expected: sum,
          key: findingKey(rule.code, whole),
        });
      }
    }
  }
  return out;
}

function unitSum(
  rule: Extract<ValidationRuleDef, { kind: 'UnitSum' }>,
  cells: readonly StatCell[],
): ValidationViolation[] {
  const out: ValidationViolation[] = [];
  const relevant = cells.filter(
    (c) =>
      c.province === '' &&
      (rule.dataElement === null || c.dataElement === rule.dataElement) &&
      (c.country === REGION_UNIT || REGION_MEMBER_UNITS.includes(c.country)),
  );
  const lines = groupBy(relevant, (c) => `${c.dataElement}|${c.period}|${dkOf(c.disaggregation)}`);
  for (const line of lines.values()) {
    const whole = line.find((c) => c.country === REGION_UNIT);
    const parts = line.filter((c) => c.country !== REGION_UNIT);
    if (!whole || parts.length === 0) {
      continue;
    }
    const sum = checkSum(whole, parts);
    if (sum !== null) {
      out.push({
        ruleCode: rule.code,
        kind: 'UnitSum',
        dataElement: whole.dataElement,
        country: whole.country,
        period: whole.period,
        cells: [ref(whole), ...parts.map(ref)],
        actual: whole.value ?? 0,
        expected: sum,
        key: findingKey(rule.code, whole),
      });
    }
  }
  return out;
}

function pastRange(
  rule: Extract<ValidationRuleDef, { kind: 'PastRange' }>,
  cells: readonly StatCell[],
  pool: ReadonlyMap<string, ReadonlyMap<string, StatCell>>,
): ValidationViolation[] {
  const out: ValidationViolation[] = [];
  const before = new Map<string, string[]>();
  for (const cell of cells) {
    if (rule.dataElement !== null && cell.dataElement !== rule.dataElement) {
      continue;
    }
    if (cell.status !== 'Reported' || cell.value === null) {
      continue;
    }
    let earlier = before.get(cell.period);
    if (earlier === undefined) {
      try {
        earlier = periodsBefore(cell.period, rule.periods);
      } catch {
        earlier = [];
      }
      before.set(cell.period, earlier);
    }
    if (earlier.length === 0) {
      continue;
    }
    const series = pool.get(seriesKey(cell));
    const history: StatCell[] = [];
    for (const period of earlier) {
      const h = series?.get(period);
      if (h && h.status === 'Reported' && h.value !== null) {
        history.push(h);
      }
    }
    if (history.length === 0 || history.length < rule.minHistory) {
      continue;
    }
    const values = history.map((h) => h.value ?? 0);
    const lower = Math.min(...values) / rule.factor;
    const upper = Math.max(...values) * rule.factor;
    let expected: number | null = null;
    if (cell.value < lower && !sumsEqual(cell.value, lower)) {
      expected = lower;
    } else if (cell.value > upper && !sumsEqual(cell.value, upper)) {
      expected = upper;
    }
    if (expected !== null) {
      out.push({
        ruleCode: rule.code,
        kind: 'PastRange',
        dataElement: cell.dataElement,
        country: cell.country,
        period: cell.period,
        cells: [ref(cell), ...history.map(ref)],
        actual: cell.value,
        expected,
        key: findingKey(rule.code, cell),
      });
    }
  }
  return out;
}

/**
 * Run rules over cells.
 * @param rules - The rules to apply.
 * @param cells - The cells to check (typically one or more (element, unit, period) blocks).
 * @param history - Earlier cells for PastRange (same elements and units, earlier periods).
 * @returns Every violation, in a stable order (rule, element, unit, period, key).
 */
export function runValidation(
  rules: readonly ValidationRuleDef[],
  cells: readonly StatCell[],
  history: readonly StatCell[] = [],
): ValidationViolation[] {
  const checked = uniqueCells(cells);
  let pool: Map<string, Map<string, StatCell>> | null = null;
  const out: ValidationViolation[] = [];
  for (const rule of rules) {
    let found: ValidationViolation[];
    switch (rule.kind) {
      case 'SumOfParts':
        found = sumOfParts(rule, checked);
        break;
      case 'UnitSum':
        found = unitSum(rule, checked);
        break;
      case 'PastRange':
        // A cell needs `minHistory` earlier periods with values: unless the cells and the history
        // span more periods than that, no cell can be checked (a first import): skip the pool.
        if (
          rule.minHistory > 0 &&
          new Set([...history, ...checked].map((h) => h.period)).size <= rule.minHistory
        ) {
          found = [];
          break;
        }
        if (!pool) {
          pool = new Map();
          for (const c of [...history, ...checked]) {
            const key = seriesKey(c);
            let series = pool.get(key);
            if (!series) {
              series = new Map();
              pool.set(key, series);
            }
            series.set(c.period, c);
          }
        }
        found = pastRange(rule, checked, pool);
        break;
    }
    found.sort(compareFindings);
    out.push(...found);
  }
  return out;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareFindings(a: ValidationViolation, b: ValidationViolation): number {
  return (
    cmp(a.dataElement, b.dataElement) ||
    cmp(a.country, b.country) ||
    cmp(a.period, b.period) ||
    cmp(a.key, b.key)
  );
}
