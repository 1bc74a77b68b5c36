import { z } from 'zod';
import { IdSchema, PageQuerySchema, text } from '../common/common.schema';
import { LanguageCodeSchema } from './case.schema';
import {
  HOTLINE_CALLER_TYPES,
  HOTLINE_CATEGORIES,
  HOTLINE_CHANNELS,
  HOTLINE_OUTCOMES,
  HOTLINE_URGENCIES,
} from './htcds';

/**
 * Hotline call log (COMMIT S002/S004 hotline data): coded fields in clear for statistics, the summary
 * and the caller's contact encrypted. Labels are translated under `hotline.<list>.<value>`.
 */

export type HotlineChannel = (typeof HOTLINE_CHANNELS)[number];
export type HotlineCallerType = (typeof HOTLINE_CALLER_TYPES)[number];
export type HotlineCategory = (typeof HOTLINE_CATEGORIES)[number];
export type HotlineUrgency = (typeof HOTLINE_URGENCIES)[number];
export type HotlineOutcome = (typeof HOTLINE_OUTCOMES)[number];

/** A calendar month `YYYY-MM` between 1900 and 2099. */
export const YearMonthSchema = z
  .string()
  .regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

/** First and last year an instant of a call or screening may fall in (both engines store these). */
const MIN_YEAR = 1900;
const MAX_YEAR = 2099;

/** An ISO 8601 instant with offset, in years 1900–2099 (outside that it is a typing error). */
export const BoundedInstantSchema = z.iso.datetime({ offset: true }).refine((v) => {
  const year = new Date(v).getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}, 'is out of range');

/** Longest span the statistics endpoint answers, in months. */
export const HOTLINE_STATS_MAX_MONTHS = 60;

/** A call as the operator logs it. */
export const HotlineCallCreateInputSchema = z.strictObject({
  /** When the call came in (with offset). */
  receivedAt: BoundedInstantSchema,
  /** Length of the call in seconds. */
  durationSeconds: z.number().int().min(0).max(86_400).optional(),
  channel: z.enum(HOTLINE_CHANNELS),
  /** Language spoken with the caller (ISO 639). */
  language: LanguageCodeSchema,
  callerType: z.enum(HOTLINE_CALLER_TYPES),
  category: z.enum(HOTLINE_CATEGORIES),
  urgency: z.enum(HOTLINE_URGENCIES),
  outcome: z.enum(HOTLINE_OUTCOMES),
  /** What the call was about (encrypted). */
  summary: text(4000).optional(),
  /** How to reach the caller back (encrypted). */
  callerContact: text(300).optional(),
  /** A case the call concerns (the caller must be able to read it). */
  caseId: IdSchema.optional(),
});
export type HotlineCallCreateInput = z.input<typeof HotlineCallCreateInputSchema>;

/** A change to a logged call; `caseId: null` unlinks the case. */
export const HotlineCallUpdateInputSchema = z
  .strictObject({
    caseId: IdSchema.nullable().optional(),
    durationSeconds: z.number().int().min(0).max(86_400).optional(),
    category: z.enum(HOTLINE_CATEGORIES).optional(),
    urgency: z.enum(HOTLINE_URGENCIES).optional(),
    outcome: z.enum(HOTLINE_OUTCOMES).optional(),
    summary: text(4000).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'nothing to change');
export type HotlineCallUpdateInput = z.input<typeof HotlineCallUpdateInputSchema>;

/** Refer from a call: which agency takes it up. The agency receives no personal data. */
export const HotlineReferInputSchema = z.strictObject({
  agencyId: IdSchema,
});
export type HotlineReferInput = z.input<typeof HotlineReferInputSchema>;

/** Filters of the call list. */
export const HotlineCallListQuerySchema = PageQuerySchema.omit({ q: true }).extend({
  /** Received at or after (with offset). */
  from: BoundedInstantSchema.optional(),
  /** Received before (with offset). */
  to: BoundedInstantSchema.optional(),
  category: z.enum(HOTLINE_CATEGORIES).optional(),
  caseId: IdSchema.optional(),
});
/** Query parameters as a client sends them (all optional where the schema has defaults). */
export type HotlineCallListQuery = Partial<z.output<typeof HotlineCallListQuerySchema>>;

/** The monthly statistics query: months `from`..`to` inclusive, in the caller's UTC offset. */
export const HotlineStatsQuerySchema = z
  .strictObject({
    from: YearMonthSchema,
    to: YearMonthSchema,
    /** Minutes east of UTC the months are counted in (Bangkok: 420); default UTC. */
    utcOffsetMinutes: z.coerce.number().int().min(-720).max(840).default(0),
  })
  .superRefine((v, ctx) => {
    if (v.to < v.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'is before from' });
    } else if (hotlineMonths(v.from, v.to).length > HOTLINE_STATS_MAX_MONTHS) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'span is too long' });
    }
  });
/** Query parameters as a client sends them (all optional where the schema has defaults). */
export type HotlineStatsQuery = Pick<z.output<typeof HotlineStatsQuerySchema>, 'from' | 'to'> &
  Partial<Pick<z.output<typeof HotlineStatsQuerySchema>, 'utcOffsetMinutes'>>;

/** A call as lists show it: coded fields only. */
export type HotlineCallSummary = {
  id: string;
  countryCode: string;
  agencyId: string;
  operatorUserId: string;
  receivedAt: string;
  durationSeconds: number | null;
  channel: HotlineChannel;
  language: string;
  callerType: HotlineCallerType;
  category: HotlineCategory;
  urgency: HotlineUrgency;
  outcome: HotlineOutcome;
  caseId: string | null;
  screeningId: string | null;
  referredAgencyId: string | null;
  referredAt: string | null;
  createdAt: string;
};

/** One call with its personal fields opened (an audited read). */
export type HotlineCallDetail = HotlineCallSummary & {
  summary: string | null;
  callerContact: string | null;
};

/** One cell of the statistics. */
export type HotlineStatsCell = { month: string; key: string; count: number };

/** Monthly call counts by category and by language. */
export type HotlineStats = {
  months: string[];
  byCategory: HotlineStatsCell[];
  byLanguage: HotlineStatsCell[];
  total: number;
};

/**
 * The months from `from` to `to` inclusive.
 *
 * ### Example
 * `hotlineMonths('2026-11', '2027-02')` → `['2026-11', '2026-12', '2027-01', '2027-02']`
 */
export function hotlineMonths(from: string, to: string): string[] {
  const out: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const endKey = to;
  for (let i = 0; i < 10_000; i += 1) {
    const key = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (key > endKey) {
      break;
    }
    out.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

/**
 * The instants bounding months `from`..`to` in a UTC offset: `[start, end)`.
 *
 * ### Example
 * `hotlineMonthBounds('2026-01', '2026-01', 420)` →
 * `{ start: 2025-12-31T17:00:00Z, end: 2026-01-31T17:00:00Z }`
 */
export function hotlineMonthBounds(
  from: string,
  to: string,
  utcOffsetMinutes: number,
): { start: Date; end: Date } {
  const offsetMs = utcOffsetMinutes * 60_000;
  const start = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, 1) - offsetMs;
  const end = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)), 1) - offsetMs;
  return { start: new Date(start), end: new Date(end) };
}

/**
 * Pivot statistics cells into one row per month with a count per key (zeros filled), for charts.
 *
 * ### Example
 * `hotlineStatsPivot(['2026-01'], [{ month: '2026-01', key: 'Trafficking', count: 2 }],
 * ['Trafficking', 'Other'])` → `[{ month: '2026-01', counts: { Trafficking: 2, Other: 0 } }]`
 */
export function hotlineStatsPivot(
  months: readonly string[],
  cells: readonly HotlineStatsCell[],
  keys: readonly string[],
): { month: string; counts: Record<string, number> }[] {
  return months.map((month) => {
    const counts: Record<string, number> = {};
    for (const key of keys) {
      counts[key] = 0;
    }
    for (const cell of cells) {
      if (cell.month === month) {
        counts[cell.key] = (counts[cell.key] ?? 0) + cell.count;
      }
    }
    return { month, counts };
  });
}
