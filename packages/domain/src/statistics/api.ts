import { z } from 'zod';
import { STAT_DIMENSIONS, type StatDimension } from './dimensions';
import { PERIOD_TYPES } from './periods';
import type { PublishedCellStatus, StatValueStatus } from './values';

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
  internal: z.coerce.boolean().default(false),
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
  derived: number;
  difference: number | null;
  /** Reasons the two may disagree, as i18n keys `statistics:comparison.reason.<key>`. */
  reasons: string[];
};

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
