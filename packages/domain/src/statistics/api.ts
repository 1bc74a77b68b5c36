import { z } from 'zod';
import { STAT_DIMENSIONS, type StatDimension } from './dimensions';
import { ELEMENT_CODE_PATTERN, ELEMENT_GROUPS, STAT_UNITS, VALUE_TYPES } from './elements';
import { INDICATOR_UNITS } from './indicators';
import { PERIOD_TYPES } from './periods';
import { type PublishedCellStatus, StatValueInputSchema, type StatValueStatus } from './values';

/**
 * Request and response shapes of the statistics API, shared by the server and the web (the web may
 * import only the domain). Additive changes only once screens use them.
 */

/** What a pivot axis can be: a dimension, the reporting unit, or the period. */
export const PIVOT_AXES = [...STAT_DIMENSIONS, 'country', 'period'] as const;
export type PivotAxis = (typeof PIVOT_AXES)[number];

const CodeList = z.array(z.string().min(1).max(60)).max(300);

/**
 * A table query.
 * - source `national`: this node's values (stat_value); disclosure control applied unless
 *   `internal` is asked for and allowed (statistic_internal:read), then cells are marked internal.
 * - source `regional`: the approved, already disclosure-controlled values pushed by the countries
 *   (stat_published_value), side by side, with regional totals.
 */
export const StatQuerySchema = z.strictObject({
  source: z.enum(['national', 'regional']).default('national'),
  /** One element or one indicator. */
  dataElement: z.string().min(2).max(60).optional(),
  indicator: z.string().min(2).max(60).optional(),
  rows: z.array(z.enum(PIVOT_AXES)).max(2).default([]),
  columns: z.array(z.enum(PIVOT_AXES)).max(2).default([]),
  /** Options kept per dimension (others are summed away); `country` and `period` filter too. */
  filters: z.partialRecord(z.enum(PIVOT_AXES), CodeList).default({}),
  periodType: z.enum(PERIOD_TYPES).default('Yearly'),
  periodFrom: z.string().min(4).max(10).optional(),
  periodTo: z.string().min(4).max(10).optional(),
  internal: z.boolean().default(false),
});
export type StatQuery = z.infer<typeof StatQuerySchema>;

/** One cell of a result table. */
export type StatTableCell = {
  value: number | null;
  /** Reported, Missing (no data or N/A), SuppressedAtSource, Suppressed, SecondarySuppressed. */
  status: PublishedCellStatus;
  /**
   * Added by the derived area: no value is stored at exactly this level, so the cell is the sum of
   * the finer stored values (never a total added to its own parts).
   */
  isDerived?: boolean;
  /**
   * Added by the derived area (regional source): some parts of this sum are withheld by the
   * publishers, so `value` is the sum of the visible parts only — "at least value".
   */
  isLowerBound?: boolean;
};

/**
 * A result table: row and column headers are tuples of option codes (one per axis); '' in a header
 * is the total of that axis. The last row and column are the totals when `hasTotals`.
 */
export type StatTable = {
  query: StatQuery;
  rowAxes: PivotAxis[];
  columnAxes: PivotAxis[];
  rowHeaders: string[][];
  columnHeaders: string[][];
  cells: StatTableCell[][];
  hasTotals: boolean;
  disclosure: {
    threshold: number;
    /** true: unsuppressed internal figures (never to be published). */
    internal: boolean;
    primary: number;
    secondary: number;
  };
  /** The sources cited by the values in the table. */
  sources: StatSourceRef[];
  /** Open validation findings touching the values in the table. */
  openViolations: number;
};

export type StatSourceRef = { code: string; title: string; citation: string };

/** A repatriation flow for the map: from → to with its count (null when suppressed). */
export type StatFlow = {
  from: string;
  to: string;
  value: number | null;
  status: PublishedCellStatus;
};

/** A validation finding as the API returns it. */
export type StatViolationView = {
  id: string;
  ruleCode: string;
  kind: string;
  dataElement: string;
  country: string;
  period: string;
  cells: {
    dataElement: string;
    country: string;
    province: string;
    period: string;
    disaggregation: Partial<Record<StatDimension, string>>;
  }[];
  actual: number;
  expected: number;
  status: 'Open' | 'Resolved' | 'Annotated';
  annotation: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
};

export const ViolationListQuerySchema = z.strictObject({
  status: z.enum(['Open', 'Resolved', 'Annotated', 'any']).default('Open'),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  dataElement: z.string().max(60).optional(),
  period: z.string().max(10).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ViolationAnnotateInputSchema = z.strictObject({
  annotation: z.string().trim().min(3).max(1000),
});

/** The regional overview (dashboard) in one response. */
export type RegionalOverview = {
  source: 'national' | 'regional';
  /** VICTIMS_IDENTIFIED: country × year. */
  identifiedByCountryYear: StatTable;
  /** VICTIMS_RETURNED and VICTIMS_REPATRIATED flows (country pairs) over the chosen years. */
  flows: StatFlow[];
  /** VICTIMS_IDENTIFIED by sex and by age group, country × option. */
  bySex: StatTable;
  byAge: StatTable;
  /** Open validation findings per country. */
  openViolationsByCountry: { country: string; open: number }[];
  /** Approved data sets per country (regional source) or the node's approvals. */
  approvals: {
    dataSet: string;
    country: string;
    period: string;
    status: string;
    approvedAt: string | null;
  }[];
  periodFrom: string;
  periodTo: string;
};

export const OverviewQuerySchema = z.strictObject({
  source: z.enum(['national', 'regional']).default('national'),
  periodFrom: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  periodTo: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
  /** `?internal=true|false` in a query string, or a boolean (a plain coercion reads "false" as true). */
  internal: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .or(z.boolean())
    .default(false),
});

/** Case-derived counts beside the official figure, per country × period × option. */
export type ComparisonRow = {
  country: string;
  period: string;
  dataElement: string;
  /** The disaggregation compared ('' = total). */
  dimension: StatDimension | '';
  option: string;
  official: number | null;
  officialStatus: StatValueStatus | 'Absent';
  /** The case-derived count; null when withheld by disclosure control (see derivedStatus). */
  derived: number | null;
  /** Added by the derived area: Reported, or Suppressed / SecondarySuppressed. */
  derivedStatus: PublishedCellStatus;
  /**
   * Added by the derived area: the official figure as shown after disclosure control (Suppressed /
   * SecondarySuppressed hide `official`; otherwise as officialStatus).
   */
  officialShownStatus: PublishedCellStatus;
  difference: number | null;
  /** Reasons the two may disagree, as i18n keys `statistics:comparison.reason.<key>`. */
  reasons: string[];
};

/**
 * Query of GET /statistics/comparison (added by the derived area): one case-derived element, a
 * country (default: every country the caller may read), calendar years, and optionally the
 * disaggregation compared (rows for the total and each option).
 */
export const ComparisonQuerySchema = z.strictObject({
  dataElement: z.enum([
    'VICTIMS_IDENTIFIED',
    'VICTIMS_ASSISTED',
    'VICTIMS_REFERRED',
    'VICTIMS_REPATRIATED',
    'VICTIMS_RETURNED',
  ]),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be a country code')
    .optional(),
  periodFrom: z
    .string()
    .regex(/^\d{4}$/, 'must be a year')
    .optional(),
  periodTo: z
    .string()
    .regex(/^\d{4}$/, 'must be a year')
    .optional(),
  dimension: z.enum(STAT_DIMENSIONS).optional(),
  internal: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .or(z.boolean())
    .default(false),
});
export type ComparisonQuery = z.infer<typeof ComparisonQuerySchema>;

/** Reasons a comparison row may give (i18n keys `statistics:comparison.reason.<key>`). */
export const COMPARISON_REASONS = [
  'official_missing',
  'official_suppressed_at_source',
  'different_period_basis',
  'not_all_agencies_use_system',
  'identified_before_system',
  'possible_victims_not_confirmed',
  'different_counting_rules',
] as const;
export type ComparisonReason = (typeof COMPARISON_REASONS)[number];

/** An approval of a data set for a country and period. */
export type StatApprovalView = {
  dataSet: string;
  country: string;
  period: string;
  status: 'Approved' | 'Unapproved' | 'Open';
  version: number;
  approvedAt: string | null;
  approvedBy: string | null;
  unapprovedAt: string | null;
  reason: string | null;
};

export const ApprovalInputSchema = z.strictObject({
  dataSet: z.string().min(2).max(60),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be a country code'),
  period: z.string().min(4).max(10),
});
export const UnapprovalInputSchema = ApprovalInputSchema.extend({
  reason: z.string().trim().min(3).max(1000),
});

/** An entry form: the data set's elements with their current values for a country and period. */
export type DataEntryForm = {
  dataSet: string;
  periodType: string;
  country: string;
  period: string;
  approval: StatApprovalView;
  /** Locked when approved: values cannot change until un-approved. */
  isLocked: boolean;
  elements: {
    dataElement: string;
    formDimensions: StatDimension[];
    /** The options per form dimension, in display order. */
    options: Partial<Record<StatDimension, string[]>>;
    values: {
      disaggregation: Partial<Record<StatDimension, string>>;
      status: StatValueStatus;
      value: number | null;
      note: string | null;
      source: string | null;
    }[];
  }[];
  openViolations: StatViolationView[];
};

export const DataEntryFormQuerySchema = z.strictObject({
  dataSet: z.string().min(2).max(60),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be a country code'),
  period: z.string().min(4).max(10),
});

// ---- Core area (metadata, settings, entry, approvals): added by the statistics core area. ----

const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'must be a country code');

/** Save values of an entry form: every value must be of the form's country and period. */
export const DataEntrySaveInputSchema = z.strictObject({
  dataSet: z.string().min(2).max(60),
  country: CountryCode,
  period: z.string().min(4).max(10),
  values: z.array(StatValueInputSchema).max(5000),
});
export type DataEntrySaveInput = z.infer<typeof DataEntrySaveInputSchema>;

/** The node's statistics settings. */
export type StatSettingsView = {
  /** Primary suppression threshold of published cells (1–100, default 5). */
  threshold: number;
  suppressZeros: boolean;
  /** First month (1–12) of the fiscal year per country. */
  fiscalStartMonths: Record<string, number>;
};

/** Change settings: fields left out keep their value; fiscalStartMonths merges per country. */
export const StatSettingsInputSchema = z.strictObject({
  threshold: z.number().int().min(1).max(100).optional(),
  suppressZeros: z.boolean().optional(),
  fiscalStartMonths: z.record(CountryCode, z.number().int().min(1).max(12)).optional(),
});
export type StatSettingsInput = z.infer<typeof StatSettingsInputSchema>;

export type StatDataElementView = {
  code: string;
  group: string;
  valueType: string;
  unit: string;
  dimensions: StatDimension[];
  caseDerived: boolean;
  name: string;
  description: string | null;
  isBuiltIn: boolean;
};

export type StatDataSetView = {
  code: string;
  periodType: string;
  name: string;
  isBuiltIn: boolean;
  elements: { dataElement: string; formDimensions: StatDimension[]; sort: number }[];
};

export type StatIndicatorView = {
  code: string;
  name: string;
  expression: string;
  unit: string;
  decimals: number;
  isBuiltIn: boolean;
};

export type StatRuleView = {
  code: string;
  kind: string;
  dataElement: string | null;
  /** The rule's other fields (dimension, total, parts; periods, minHistory, factor). */
  params: Record<string, unknown>;
  isEnabled: boolean;
  isBuiltIn: boolean;
};

export type StatSourceView = {
  id: string;
  code: string;
  title: string;
  citation: string;
  publisher: string | null;
  seedFile: string | null;
};

/** A new data element; `dataSet` also adds it to that data set (form dimensions = its dimensions). */
export const DataElementInputSchema = z.strictObject({
  code: z.string().regex(ELEMENT_CODE_PATTERN, 'must be UPPER_SNAKE_CASE, 2–60 characters'),
  group: z.enum(ELEMENT_GROUPS),
  valueType: z.enum(VALUE_TYPES),
  unit: z.enum(STAT_UNITS),
  dimensions: z.array(z.enum(STAT_DIMENSIONS)).max(STAT_DIMENSIONS.length).default([]),
  name: z.string().trim().min(2).max(200),
  description: z.string().trim().max(2000).nullable().optional(),
  dataSet: z.string().min(2).max(60).optional(),
});
export type DataElementInput = z.infer<typeof DataElementInputSchema>;

/** Change a data element. A built-in element takes only name and description. */
export const DataElementUpdateInputSchema = z
  .strictObject({
    group: z.enum(ELEMENT_GROUPS),
    valueType: z.enum(VALUE_TYPES),
    unit: z.enum(STAT_UNITS),
    dimensions: z.array(z.enum(STAT_DIMENSIONS)).max(STAT_DIMENSIONS.length),
    name: z.string().trim().min(2).max(200),
    description: z.string().trim().max(2000).nullable(),
  })
  .partial();
export type DataElementUpdateInput = z.infer<typeof DataElementUpdateInputSchema>;

/** A new indicator; the expression follows the grammar of indicators.ts. */
export const IndicatorInputSchema = z.strictObject({
  code: z.string().regex(ELEMENT_CODE_PATTERN, 'must be UPPER_SNAKE_CASE, 2–60 characters'),
  name: z.string().trim().min(2).max(200),
  expression: z.string().trim().min(1).max(1000),
  unit: z.enum(INDICATOR_UNITS),
  decimals: z.number().int().min(0).max(6).default(1),
});
export type IndicatorInput = z.infer<typeof IndicatorInputSchema>;

/** Change an indicator. A built-in indicator takes only name and decimals. */
export const IndicatorUpdateInputSchema = z
  .strictObject({
    name: z.string().trim().min(2).max(200),
    expression: z.string().trim().min(1).max(1000),
    unit: z.enum(INDICATOR_UNITS),
    decimals: z.number().int().min(0).max(6),
  })
  .partial();
export type IndicatorUpdateInput = z.infer<typeof IndicatorUpdateInputSchema>;

export const RuleUpdateInputSchema = z.strictObject({ isEnabled: z.boolean() });

export const ApprovalListQuerySchema = z.strictObject({
  country: CountryCode.optional(),
  dataSet: z.string().min(2).max(60).optional(),
  period: z.string().min(4).max(10).optional(),
});

/** The answer to approve: the approval and the findings still open on the set (they stay visible). */
export type ApprovalResult = { approval: StatApprovalView; openViolations: StatViolationView[] };

// ---- Regional area (published sets and the push to the regional node): added by the regional area. ----

/**
 * A published set: on a national node what it published (its own approvals), on the regional node
 * what the countries pushed. Figures are disclosure-controlled already.
 */
export type StatPublishedSetView = {
  dataSet: string;
  country: string;
  period: string;
  /** The approval's version the set is at. */
  version: number;
  status: string;
  approvedAt: string;
  /** When this node stored it (published here, or received from the origin node). */
  receivedAt: string;
  /** The node the set came from (this node's id for its own). */
  originNode: string;
  /** Primary suppression threshold the origin applied. */
  threshold: number;
  cells: number;
  /** Cells withheld by disclosure control (primary + secondary). */
  suppressed: number;
};

export const PublishedSetListQuerySchema = z.strictObject({
  country: CountryCode.optional(),
  dataSet: z.string().min(2).max(60).optional(),
  period: z.string().min(4).max(10).optional(),
});
export type PublishedSetListQuery = z.infer<typeof PublishedSetListQuerySchema>;

/** One published set with its cells (as stored: suppressed cells carry no number). */
export type StatPublishedSetDetail = StatPublishedSetView & {
  values: {
    dataElement: string;
    province: string;
    periodType: string;
    disaggregation: Partial<Record<StatDimension, string>>;
    status: PublishedCellStatus;
    value: number | null;
    sourceCitation: string | null;
  }[];
};
