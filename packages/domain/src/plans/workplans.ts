import { z } from 'zod';
import { AmountSchema, CurrencySchema, toUsd, UsdRateSchema } from './money';

/**
 * National plans of action (NPAs) and annual country workplans. A workplan is country ×
 * framework × year (optionally under an NPA); each of its activities sits under one framework
 * activity (`plan_node.kind = 'activity'`) with a national title, lead and partner agencies and a
 * planned budget in the workplan's currency (the national one or USD) with its USD rate.
 */

const Year = z.number().int().min(1990).max(2100);
const Text = (max: number) => z.string().trim().min(1).max(max);
const Uuid = z.uuid();

/** Create or change a national plan of action. */
export const NationalPlanInputSchema = z.strictObject({
  /** ISO alpha-2 code of the country. */
  countryCode: z.string().regex(/^[A-Z]{2}$/),
  /** 1st, 2nd, … plan of the country. */
  ordinal: z.number().int().min(1).max(20),
  /** Title; null when the source does not give it. */
  title: Text(500).nullable().optional(),
  yearApproved: Year.nullable().optional(),
  periodStart: Year,
  periodEnd: Year,
  /** e.g. "women and children only" or "all forms of trafficking". */
  scope: Text(500).nullable().optional(),
  /** e.g. "not yet operationalised". */
  statusNote: Text(1000).nullable().optional(),
});
export type NationalPlanInput = z.infer<typeof NationalPlanInputSchema>;

export const NationalPlanUpdateInputSchema = NationalPlanInputSchema.omit({
  countryCode: true,
}).extend({
  /** The version read; a stale one is refused (409). */
  version: z.number().int().min(1),
});
export type NationalPlanUpdateInput = z.infer<typeof NationalPlanUpdateInputSchema>;

export type NationalPlanView = {
  id: string;
  countryCode: string;
  ordinal: number;
  title: string | null;
  yearApproved: number | null;
  periodStart: number;
  periodEnd: number;
  scope: string | null;
  statusNote: string | null;
  source: string | null;
  isSeeded: boolean;
  version: number;
};

export const WORKPLAN_STATUSES = ['Draft', 'Adopted'] as const;
export type WorkplanStatus = (typeof WORKPLAN_STATUSES)[number];

/** Start a workplan for a country, framework and year. */
export const WorkplanCreateInputSchema = z.strictObject({
  countryCode: z.string().regex(/^[A-Z]{2}$/),
  frameworkId: z.string().trim().min(1).max(20),
  /** Calendar year; must lie in the framework's period, its extension included. */
  year: Year,
  nationalPlanId: Uuid.nullable().optional(),
  title: Text(500).nullable().optional(),
  /** The country's currency or USD. */
  currency: CurrencySchema,
  /** National currency units per USD; required unless the currency is USD. */
  usdRate: UsdRateSchema.nullable().optional(),
  note: Text(4000).nullable().optional(),
});
export type WorkplanCreateInput = z.infer<typeof WorkplanCreateInputSchema>;

/** Change a workplan's header (fields left out keep their value). */
export const WorkplanUpdateInputSchema = z.strictObject({
  version: z.number().int().min(1),
  nationalPlanId: Uuid.nullable().optional(),
  title: Text(500).nullable().optional(),
  status: z.enum(WORKPLAN_STATUSES).optional(),
  currency: CurrencySchema.optional(),
  usdRate: UsdRateSchema.nullable().optional(),
  note: Text(4000).nullable().optional(),
});
export type WorkplanUpdateInput = z.infer<typeof WorkplanUpdateInputSchema>;

/** Add an activity to a workplan, under a framework activity. */
export const WorkplanActivityInputSchema = z.strictObject({
  /** The framework activity (plan_node of kind 'activity' in the workplan's framework). */
  nodeId: Uuid,
  /** National activity title in English. */
  title: Text(1000),
  /** The same title in the country's language. */
  titleLocal: Text(1000).nullable().optional(),
  /** Lead agency from the country's agencies… */
  leadAgencyId: Uuid.nullable().optional(),
  /** …or named in free text. */
  leadAgencyText: Text(500).nullable().optional(),
  partnerAgencyIds: z.array(Uuid).max(50).optional(),
  partnersText: Text(2000).nullable().optional(),
  /** Planned budget in the workplan's currency. */
  plannedAmount: AmountSchema.nullable().optional(),
  /** USD rate of this amount; the workplan's rate when left out. */
  plannedUsdRate: UsdRateSchema.nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type WorkplanActivityInput = z.infer<typeof WorkplanActivityInputSchema>;

export const WorkplanActivityUpdateInputSchema = WorkplanActivityInputSchema.partial().extend({
  version: z.number().int().min(1),
});
export type WorkplanActivityUpdateInput = z.infer<typeof WorkplanActivityUpdateInputSchema>;

/** Copy a workplan (header and activities) into another year, by default the next one. */
export const WorkplanCopyInputSchema = z.strictObject({
  year: Year.optional(),
  /** USD rate of the new year; the source's rate when left out. */
  usdRate: UsdRateSchema.nullable().optional(),
});
export type WorkplanCopyInput = z.infer<typeof WorkplanCopyInputSchema>;

export const WorkplanListQuerySchema = z.strictObject({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  framework: z.string().min(1).max(20).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
});
export type WorkplanListQuery = z.infer<typeof WorkplanListQuerySchema>;

export type WorkplanSummary = {
  id: string;
  countryCode: string;
  frameworkId: string;
  year: number;
  nationalPlanId: string | null;
  title: string | null;
  status: WorkplanStatus;
  currency: string;
  usdRate: number | null;
  isDemo: boolean;
  activityCount: number;
  /** Planned budget in USD, summed per activity with its own rate (null: nothing convertible). */
  plannedUsd: number | null;
  version: number;
};

export type WorkplanActivityView = {
  id: string;
  nodeId: string;
  nodeCode: string;
  nodeTitle: string | null;
  /** Code of the area (or outcome) the framework activity sits in. */
  areaCode: string | null;
  title: string;
  titleLocal: string | null;
  leadAgencyId: string | null;
  leadAgencyName: string | null;
  leadAgencyText: string | null;
  partnerAgencyIds: string[];
  partnersText: string | null;
  plannedAmount: number | null;
  plannedUsdRate: number | null;
  /** plannedAmount in USD at this activity's rate (or the workplan's). */
  plannedUsd: number | null;
  position: number;
  version: number;
};

/** A framework activity the editor can pick, with the area it sits in. */
export type WorkplanFrameworkActivity = {
  id: string;
  code: string;
  title: string | null;
  isPriority: boolean;
  areaId: string | null;
  areaCode: string | null;
  areaTitle: string | null;
};

export type WorkplanAreaTotal = {
  areaCode: string | null;
  activityCount: number;
  plannedUsd: number;
};

export type WorkplanView = Omit<WorkplanSummary, 'activityCount' | 'plannedUsd'> & {
  frameworkTitle: string;
  frameworkYears: { first: number; last: number };
  activities: WorkplanActivityView[];
  totals: { byArea: WorkplanAreaTotal[]; plannedUsd: number; unconverted: number };
  /** The framework's activities, grouped by area through `areaCode`. */
  frameworkActivities: WorkplanFrameworkActivity[];
  /** Agencies of the workplan's country, for the lead and partner pickers. */
  agencies: { id: string; name: string; shortName: string | null }[];
  /** Progress reports exist: activities with entries cannot be removed. */
  hasProgress: boolean;
};

/**
 * Planned totals in USD per area: each amount converted at its own rate (the activity's, else the
 * workplan's), never one rate for all. Amounts that cannot be converted (no rate) are counted in
 * `unconverted`, not summed.
 * ### Example
 * `workplanTotals('THB', 35, [{ areaCode: '1', plannedAmount: 350, plannedUsdRate: null }])`
 * → `{ byArea: [{ areaCode: '1', activityCount: 1, plannedUsd: 10 }], plannedUsd: 10, unconverted: 0 }`
 */
export function workplanTotals(
  currency: string,
  workplanRate: number | null,
  activities: readonly {
    areaCode: string | null;
    plannedAmount: number | null;
    plannedUsdRate: number | null;
  }[],
): { byArea: WorkplanAreaTotal[]; plannedUsd: number; unconverted: number } {
  const byArea = new Map<string, WorkplanAreaTotal>();
  let cents = 0;
  let unconverted = 0;
  for (const a of activities) {
    const key = a.areaCode ?? '';
    const row = byArea.get(key) ?? { areaCode: a.areaCode, activityCount: 0, plannedUsd: 0 };
    row.activityCount += 1;
    const usd = toUsd(a.plannedAmount, currency, a.plannedUsdRate ?? workplanRate);
    if (usd !== null) {
      row.plannedUsd = Math.round(row.plannedUsd * 100 + usd * 100) / 100;
      cents += Math.round(usd * 100);
    } else if (a.plannedAmount !== null) {
      unconverted += 1;
    }
    byArea.set(key, row);
  }
  const rows = [...byArea.values()].sort((x, y) =>
    (x.areaCode ?? '').localeCompare(y.areaCode ?? '', 'en', { numeric: true }),
  );
  return { byArea: rows, plannedUsd: cents / 100, unconverted };
}
