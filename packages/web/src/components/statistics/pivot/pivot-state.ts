import {
  BUILT_IN_DATA_ELEMENTS,
  COMMIT_COUNTRIES,
  DIMENSION_OPTIONS,
  type PeriodType,
  type PivotAxis,
  parsePeriod,
  type StatDimension,
  type StatQuery,
} from '@ctip/domain';

/** What the pivot screen asks for, before it becomes a StatQuery. */
export type PivotState = {
  kind: 'element' | 'indicator';
  code: string;
  rows: PivotAxis[];
  columns: PivotAxis[];
  filters: Partial<Record<PivotAxis, string[]>>;
  periodType: PeriodType;
  periodFrom: string;
  periodTo: string;
  source: 'national' | 'regional';
  internal: boolean;
};

/** Example period ids per type, shown as placeholders. */
export const PERIOD_EXAMPLES: Readonly<Record<PeriodType, string>> = {
  Yearly: '2024',
  FinancialYear: '2014Oct',
  Quarterly: '2024Q1',
  Monthly: '202403',
};

/** Country codes offered where a dimension's options are countries: COMMIT first, then common destinations. */
export const COUNTRY_CHOICES: readonly string[] = [
  ...COMMIT_COUNTRIES,
  'MY',
  'ID',
  'SG',
  'PH',
  'BN',
  'JP',
  'KR',
  'TW',
  'HK',
  'MO',
  'IN',
  'BD',
];

/** Dimensions an indicator may be broken down by (those of the population): sex and age group. */
const INDICATOR_DIMENSIONS: readonly StatDimension[] = ['sex', 'age_group'];

/** The axes the chosen element or indicator can be pivoted on. */
export function pivotAxesFor(kind: PivotState['kind'], code: string): PivotAxis[] {
  const dims =
    kind === 'indicator'
      ? INDICATOR_DIMENSIONS
      : (BUILT_IN_DATA_ELEMENTS.find((e) => e.code === code)?.dimensions ?? []);
  return ['country', 'period', ...dims];
}

/** The options of an axis offered as filters. */
export function axisOptions(axis: PivotAxis): readonly string[] {
  if (axis === 'country' || axis === 'period') {
    return axis === 'country' ? COUNTRY_CHOICES : [];
  }
  return DIMENSION_OPTIONS[axis] ?? COUNTRY_CHOICES;
}

/** Field errors of a pivot state (i18n keys by field), empty when it can be asked. */
export function pivotErrors(
  s: PivotState,
): Partial<Record<'code' | 'periodFrom' | 'periodTo', string>> {
  const errors: Partial<Record<'code' | 'periodFrom' | 'periodTo', string>> = {};
  if (!s.code) {
    errors.code = 'validation.required';
  }
  for (const field of ['periodFrom', 'periodTo'] as const) {
    const v = s[field];
    if (v && parsePeriod(v)?.type !== s.periodType) {
      errors[field] = 'statistics.pivot.periodFormat';
    }
  }
  const a = parsePeriod(s.periodFrom);
  const b = parsePeriod(s.periodTo);
  if (!errors.periodTo && a && b && a.startDate > b.startDate) {
    errors.periodTo = 'statistics.range.toBeforeFrom';
  }
  return errors;
}

/**
 * The StatQuery of a pivot state: filters of axes left out, empty filters dropped.
 * ### Example
 * `{kind:'element', code:'VICTIMS_IDENTIFIED', rows:['country'], columns:['sex'], filters:{sex:[]}, …}`
 * → `{dataElement:'VICTIMS_IDENTIFIED', rows:['country'], columns:['sex'], filters:{}, …}`
 */
export function pivotQuery(s: PivotState): Partial<StatQuery> {
  const axes = pivotAxesFor(s.kind, s.code);
  const filters: Partial<Record<PivotAxis, string[]>> = {};
  for (const [axis, values] of Object.entries(s.filters) as [PivotAxis, string[]][]) {
    if (values.length > 0 && axes.includes(axis)) {
      filters[axis] = values;
    }
  }
  return {
    source: s.source,
    ...(s.kind === 'element' ? { dataElement: s.code } : { indicator: s.code }),
    rows: s.rows.filter((a) => axes.includes(a)),
    columns: s.columns.filter((a) => axes.includes(a)),
    filters,
    periodType: s.periodType,
    ...(s.periodFrom ? { periodFrom: s.periodFrom } : {}),
    ...(s.periodTo ? { periodTo: s.periodTo } : {}),
    internal: s.internal && s.source === 'national',
  };
}
