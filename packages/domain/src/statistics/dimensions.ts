/**
 * Disaggregation dimensions of aggregate statistics (REQUIREMENTS §3 "Disaggregations used in the
 * seeds"). A value carries one option per dimension, or TOTAL (`''`) where it is not broken down by
 * that dimension: so `{ sex: 'F', age_group: '' }` is "females, all ages".
 */
export const STAT_DIMENSIONS = [
  'sex',
  'age_group',
  'nationality',
  'exploitation',
  'country_from',
  'country_to',
  'channel',
  'victim_category',
  'agency_type',
  'trainee_type',
] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];

/** The option of a dimension a value is not broken down by ("all"). Stored as the empty string. */
export const TOTAL = '' as const;

/** Sex as the seeds' tables print it (M / F); X is "other or not stated". */
export const SEX_OPTIONS = ['M', 'F', 'X'] as const;

/**
 * Age groups. The seeds use 0-14 / 15-17 / 18+ (Thai MSDHS), under 18 / adult (Lao), under 18 /
 * above 18 (Myanmar): `U18` is the sum of `0-14` and `15-17`; `18+` is adult. `UNK` is not stated.
 */
export const AGE_GROUP_OPTIONS = ['0-14', '15-17', 'U18', '18+', 'UNK'] as const;

/** Forms of exploitation (S004 Thai table, S002, S000), HTCDS-style snake_case. */
export const EXPLOITATION_OPTIONS = [
  'sexual_exploitation',
  'forced_labour',
  'begging',
  'forced_marriage',
  'domestic_servitude',
  'organ_removal',
  'illegal_adoption',
  'surrogacy',
  'child_soldiers',
  'forced_criminality',
  'other',
  'not_stated',
] as const;

/** Return channels (S004): government to government, official channel, IOM, embassy, self. */
export const CHANNEL_OPTIONS = ['g2g', 'official', 'iom', 'embassy', 'self', 'not_stated'] as const;

/** Victim category (S004 Cambodia–Viet Nam counts "victims and vulnerable people"). */
export const VICTIM_CATEGORY_OPTIONS = ['victim', 'vulnerable', 'victim_or_vulnerable'] as const;

/** Agency types of the reporting agency. */
export const AGENCY_TYPE_OPTIONS = [
  'police',
  'border',
  'labour',
  'social_welfare',
  'shelter',
  'ngo',
  'io',
  'court',
  'prosecution',
  'hotline',
  'other',
] as const;

/** Trainee types of SPA trainings (government, NGO, other), finer ones are the plans module's. */
export const TRAINEE_TYPE_OPTIONS = ['government', 'ngo', 'other'] as const;

/**
 * Fixed option lists; `null` means the options are ISO 3166 alpha-2 country codes (nationality,
 * country_from, country_to).
 */
export const DIMENSION_OPTIONS: Readonly<Record<StatDimension, readonly string[] | null>> = {
  sex: SEX_OPTIONS,
  age_group: AGE_GROUP_OPTIONS,
  nationality: null,
  exploitation: EXPLOITATION_OPTIONS,
  country_from: null,
  country_to: null,
  channel: CHANNEL_OPTIONS,
  victim_category: VICTIM_CATEGORY_OPTIONS,
  agency_type: AGENCY_TYPE_OPTIONS,
  trainee_type: TRAINEE_TYPE_OPTIONS,
};

/**
 * Which options add up to which (the part–whole structure validation rules and secondary
 * suppression use). A dimension without an entry sums all its options except UNK-like "not
 * stated" ones only through its TOTAL.
 */
export const OPTION_PARTS: Readonly<
  Partial<Record<StatDimension, Readonly<Record<string, readonly string[]>>>>
> = {
  age_group: { U18: ['0-14', '15-17'] },
};

/** A value's disaggregation: only the dimensions it is broken down by appear. */
export type Disaggregation = Partial<Record<StatDimension, string>>;

/** Is the value "all" for this dimension? */
export function disaggregationIsTotal(d: Disaggregation, dim: StatDimension): boolean {
  return (d[dim] ?? TOTAL) === TOTAL;
}

/**
 * A stable text key of a disaggregation: `dim=opt` pairs in STAT_DIMENSIONS order, `;`-separated,
 * totals left out. `{}` gives `''`.
 */
export function disaggregationKey(d: Disaggregation): string {
  const parts: string[] = [];
  for (const dim of STAT_DIMENSIONS) {
    const v = d[dim];
    if (v !== undefined && v !== TOTAL) {
      parts.push(`${dim}=${v}`);
    }
  }
  return parts.join(';');
}

/** Inverse of disaggregationKey. Unknown dimensions are ignored. */
export function disaggregationFromKey(key: string): Disaggregation {
  const d: Disaggregation = {};
  if (key === '') {
    return d;
  }
  for (const part of key.split(';')) {
    const i = part.indexOf('=');
    const dim = part.slice(0, i) as StatDimension;
    if ((STAT_DIMENSIONS as readonly string[]).includes(dim)) {
      d[dim] = part.slice(i + 1);
    }
  }
  return d;
}

/** Is `option` allowed for `dim`? Country dimensions take any two-letter upper-case code. */
export function dimensionAllows(dim: StatDimension, option: string): boolean {
  if (option === TOTAL) {
    return true;
  }
  const options = DIMENSION_OPTIONS[dim];
  return options === null ? /^[A-Z]{2}$/.test(option) : options.includes(option);
}
