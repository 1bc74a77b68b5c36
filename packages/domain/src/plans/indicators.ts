import { z } from 'zod';
import { STAT_DIMENSIONS, type StatDimension } from '../statistics/dimensions';

/**
 * Plan indicators (SPA IV, results-based: "governments select indicators to report against,
 * setting baseline data and defining annual progress markers"). An indicator hangs on a framework
 * node (an SPA IV outcome/output, or an SPA III target). Each country selects the indicators it
 * reports against (`country_indicator`) with a baseline, and per year an annual progress marker
 * and an actual (`indicator_year`). An indicator bound to a statistics data element
 * (`statElementCode` + `statFilter`) takes its actual per year from the country's stored
 * statistics value at exactly that filter's level (national, Yearly period, status Reported
 * only; Missing or absent stays "no data"), marked source Statistics; otherwise actuals are
 * entered by hand (source Manual).
 */

export const INDICATOR_DIRECTIONS = ['Increase', 'Decrease', 'Maintain'] as const;
export type IndicatorDirection = (typeof INDICATOR_DIRECTIONS)[number];

/** Node kinds an indicator may hang on. */
export const INDICATOR_NODE_KINDS = ['outcome', 'output', 'target'] as const;

export const ACTUAL_SOURCES = ['Manual', 'Statistics'] as const;
export type ActualSource = (typeof ACTUAL_SOURCES)[number];

export const TRACK_STATUSES = ['on_track', 'off_track', 'no_data'] as const;
export type TrackStatus = (typeof TRACK_STATUSES)[number];

/**
 * Tolerance of a Maintain indicator: the actual may stray this share of the marker either way
 * (and by no more than this absolute amount when the marker is 0).
 */
export const MAINTAIN_TOLERANCE = 0.05;

/**
 * The on-track rule, for one year: compare the actual with that year's progress marker.
 * - No actual or no marker for the year → `no_data` (the baseline is not a marker).
 * - Increase: on track when actual ≥ marker.
 * - Decrease: on track when actual ≤ marker.
 * - Maintain: on track when |actual − marker| ≤ 5 % of |marker| (≤ 0.05 when the marker is 0).
 * Otherwise `off_track`.
 */
export function trackStatus(
  direction: IndicatorDirection,
  marker: number | null | undefined,
  actual: number | null | undefined,
): TrackStatus {
  if (marker === null || marker === undefined || actual === null || actual === undefined) {
    return 'no_data';
  }
  if (!Number.isFinite(marker) || !Number.isFinite(actual)) {
    return 'no_data';
  }
  switch (direction) {
    case 'Increase':
      return actual >= marker ? 'on_track' : 'off_track';
    case 'Decrease':
      return actual <= marker ? 'on_track' : 'off_track';
    case 'Maintain': {
      const tolerance = marker === 0 ? MAINTAIN_TOLERANCE : Math.abs(marker) * MAINTAIN_TOLERANCE;
      return Math.abs(actual - marker) <= tolerance + 1e-9 ? 'on_track' : 'off_track';
    }
  }
}

/**
 * The overall status of a country indicator: that of the latest year with both a marker and an
 * actual (up to `asOf` when given), else `no_data`.
 */
export function latestTrackStatus(
  direction: IndicatorDirection,
  years: readonly { year: number; markerValue: number | null; actualValue: number | null }[],
  asOf?: number,
): { status: TrackStatus; year: number | null } {
  const usable = years
    .filter((y) => (asOf === undefined || y.year <= asOf) && y.markerValue !== null)
    .filter((y) => y.actualValue !== null)
    .sort((a, b) => b.year - a.year);
  const last = usable[0];
  if (!last) {
    return { status: 'no_data', year: null };
  }
  return { status: trackStatus(direction, last.markerValue, last.actualValue), year: last.year };
}

const Year = z.number().int().min(1990).max(2100);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Value = z.number().min(-1e15).max(1e15);
const CountryCode = z.string().regex(/^[A-Z]{2}$/);

/** A statistics filter: dimension → option code (absent = the total over that dimension). */
export const StatFilterSchema = z
  .record(z.string(), z.string().min(1).max(40))
  .refine((f) => Object.keys(f).every((k) => (STAT_DIMENSIONS as readonly string[]).includes(k)), {
    message: 'unknown dimension',
  });
export type StatFilter = Partial<Record<StatDimension, string>>;

/** Define an indicator on a framework node. */
export const PlanIndicatorCreateInputSchema = z.strictObject({
  frameworkId: z.string().trim().min(1).max(20),
  /** The outcome, output or target the indicator measures. */
  nodeId: z.uuid(),
  code: z
    .string()
    .trim()
    .min(1)
    .max(30)
    .regex(/^[A-Za-z0-9._-]+$/),
  title: Text(500),
  unit: Text(30).default('count'),
  direction: z.enum(INDICATOR_DIRECTIONS).default('Increase'),
  /** Bind to a statistics data element: actuals then come from stored statistics values. */
  statElementCode: z.string().trim().min(1).max(60).nullable().optional(),
  statFilter: StatFilterSchema.default({}),
  source: Text(1000).nullable().optional(),
});
export type PlanIndicatorCreateInput = z.input<typeof PlanIndicatorCreateInputSchema>;

/** Change an indicator's definition (framework and code stay). */
export const PlanIndicatorUpdateInputSchema = z.strictObject({
  nodeId: z.uuid().optional(),
  title: Text(500).optional(),
  unit: Text(30).optional(),
  direction: z.enum(INDICATOR_DIRECTIONS).optional(),
  statElementCode: z.string().trim().min(1).max(60).nullable().optional(),
  statFilter: StatFilterSchema.optional(),
  source: Text(1000).nullable().optional(),
  /** The version read; a stale one is refused (409). */
  version: z.number().int().min(1),
});
export type PlanIndicatorUpdateInput = z.input<typeof PlanIndicatorUpdateInputSchema>;

export const PlanIndicatorListQuerySchema = z.strictObject({
  framework: z.string().trim().min(1).max(20).optional(),
});
export type PlanIndicatorListQuery = z.infer<typeof PlanIndicatorListQuerySchema>;

/** Select an indicator for a country (or change its baseline). */
export const CountryIndicatorInputSchema = z.strictObject({
  baselineValue: Value.nullable().optional(),
  baselineYear: Year.nullable().optional(),
  baselineNote: Text(1000).nullable().optional(),
  /** Absent when selecting; the version read when changing (409 on a stale one). */
  version: z.number().int().min(1).optional(),
});
export type CountryIndicatorInput = z.infer<typeof CountryIndicatorInputSchema>;

/** One year of a country indicator: the progress marker and, for manual indicators, the actual. */
export const IndicatorYearInputSchema = z.strictObject({
  year: Year,
  markerValue: Value.nullable().optional(),
  markerNote: Text(1000).nullable().optional(),
  /** Only for indicators not bound to statistics. */
  actualValue: Value.nullable().optional(),
  actualNote: Text(1000).nullable().optional(),
});
export type IndicatorYearInput = z.infer<typeof IndicatorYearInputSchema>;

/** Replace the years of a country indicator (years not listed are removed). */
export const IndicatorYearsInputSchema = z.strictObject({
  years: z
    .array(IndicatorYearInputSchema)
    .max(50)
    .refine((ys) => new Set(ys.map((y) => y.year)).size === ys.length, {
      message: 'a year is listed twice',
    }),
  /** The country indicator's version read (409 on a stale one). */
  version: z.number().int().min(1),
});
export type IndicatorYearsInput = z.infer<typeof IndicatorYearsInputSchema>;

export const IndicatorDashboardQuerySchema = z.strictObject({
  country: CountryCode.optional(),
  framework: z.string().trim().min(1).max(20).optional(),
});
export type IndicatorDashboardQuery = z.infer<typeof IndicatorDashboardQuerySchema>;

export type PlanIndicatorView = {
  id: string;
  frameworkId: string;
  nodeId: string | null;
  nodeCode: string | null;
  nodeKind: string | null;
  nodeTitle: string | null;
  code: string;
  title: string;
  unit: string;
  direction: IndicatorDirection;
  statElementCode: string | null;
  statFilter: StatFilter;
  source: string | null;
  isSeeded: boolean;
  version: number;
  /** Countries that selected it (within the caller's scope). */
  countries: string[];
};

export type IndicatorYearView = {
  year: number;
  markerValue: number | null;
  markerNote: string | null;
  actualValue: number | null;
  actualSource: ActualSource | null;
  actualNote: string | null;
  status: TrackStatus;
};

export type CountryIndicatorView = {
  id: string;
  indicatorId: string;
  countryCode: string;
  baselineValue: number | null;
  baselineYear: number | null;
  baselineNote: string | null;
  version: number;
  /** One row per framework year (extension included). */
  years: IndicatorYearView[];
  /** Status of the latest year with a marker and an actual. */
  status: TrackStatus;
  statusYear: number | null;
};

export type IndicatorDashboardRow = {
  indicator: PlanIndicatorView;
  selection: CountryIndicatorView;
};

export type IndicatorDashboard = {
  framework: { id: string; title: string; first: number; last: number } | null;
  frameworks: { id: string; title: string; first: number; last: number }[];
  /** The countries the caller may see (one for a focal point). */
  countries: string[];
  country: string | null;
  /** Indicators of the framework (all, for the selection editor). */
  indicators: PlanIndicatorView[];
  /** The selected indicators of `country` with their years. */
  rows: IndicatorDashboardRow[];
  totals: Record<TrackStatus, number>;
};
