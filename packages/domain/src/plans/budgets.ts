import { z } from 'zod';
import { AmountSchema, CurrencySchema, toUsd, UsdRateSchema } from './money';

/**
 * Budget allocations (E14): what a government (or a programme such as UNIAP) put into the fight
 * against trafficking, in the currency the source prints, with its USD rate and USD value.
 *
 * Period kinds: `Annual` an amount per year (its USD counts in each year of its range),
 * `AnnualAverage` a yearly average over a range (counted like Annual), `MultiYear` one amount for
 * a whole range (never split into years: totals list it under its range), `Change` a change
 * without an amount ("more than doubled", "+13.5 %"), never summed.
 */
export const BUDGET_PERIOD_KINDS = ['Annual', 'MultiYear', 'AnnualAverage', 'Change'] as const;
export type BudgetPeriodKind = (typeof BUDGET_PERIOD_KINDS)[number];

const Year = z.number().int().min(1990).max(2100);
const CountryCode = z.string().regex(/^[A-Z]{2}$/);
const Text = (max: number) => z.string().trim().min(1).max(max);

export const BudgetInputSchema = z.strictObject({
  /** The country the allocation belongs to; null for an entity (UNIAP, JICA…). */
  countryCode: CountryCode.nullable().optional(),
  entity: Text(200).nullable().optional(),
  recipient: Text(1000),
  /** The amount in `currency`, as given; null for a Change or a USD-only figure. */
  amountLocal: AmountSchema.nullable().optional(),
  currency: CurrencySchema,
  /** National currency units per USD. */
  usdRate: UsdRateSchema.nullable().optional(),
  /** The USD value the source states; when absent it is computed from the amount and rate. */
  usdStated: AmountSchema.nullable().optional(),
  amountText: Text(2000).nullable().optional(),
  periodKind: z.enum(BUDGET_PERIOD_KINDS),
  yearStart: Year.nullable().optional(),
  yearEnd: Year.nullable().optional(),
  fiscalYear: z.boolean().optional(),
  periodText: Text(500).nullable().optional(),
  frameworkId: Text(20).nullable().optional(),
  /** An area (or SPA IV outcome) node of `frameworkId`. */
  areaNodeId: z.uuid().nullable().optional(),
  source: Text(1000).nullable().optional(),
  note: Text(2000).nullable().optional(),
});
export type BudgetInput = z.input<typeof BudgetInputSchema>;

export const BudgetUpdateInputSchema = BudgetInputSchema.extend({
  version: z.number().int().positive(),
});
export type BudgetUpdateInput = z.input<typeof BudgetUpdateInputSchema>;

export const BudgetListQuerySchema = z.strictObject({
  country: CountryCode.optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  framework: Text(20).optional(),
});
export type BudgetListQuery = z.input<typeof BudgetListQuerySchema>;

export type BudgetView = {
  id: string;
  countryCode: string | null;
  entity: string | null;
  recipient: string;
  amountLocal: number | null;
  currency: string;
  usdRate: number | null;
  usdAmount: number | null;
  usdIsStated: boolean;
  amountText: string | null;
  periodKind: BudgetPeriodKind;
  yearStart: number | null;
  yearEnd: number | null;
  fiscalYear: boolean;
  periodText: string | null;
  frameworkId: string | null;
  areaNodeId: string | null;
  areaCode: string | null;
  areaTitle: string | null;
  source: string | null;
  note: string | null;
  isSeeded: boolean;
  version: number;
};

/** Field-named problems of a budget beyond its schema (the money check is separate). */
export function checkBudget(input: {
  countryCode?: string | null;
  entity?: string | null;
  periodKind: BudgetPeriodKind;
  amountLocal?: number | null;
  usdStated?: number | null;
  yearStart?: number | null;
  yearEnd?: number | null;
  areaNodeId?: string | null;
  frameworkId?: string | null;
}): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (!input.countryCode && !input.entity) {
    issues.push({ path: 'countryCode', message: 'a country or an entity is required' });
  }
  if (
    input.yearStart !== null &&
    input.yearStart !== undefined &&
    input.yearEnd !== null &&
    input.yearEnd !== undefined &&
    input.yearEnd < input.yearStart
  ) {
    issues.push({ path: 'yearEnd', message: 'must not be before yearStart' });
  }
  if (input.periodKind === 'Change' && (input.amountLocal ?? null) !== null) {
    issues.push({ path: 'amountLocal', message: 'a Change records no amount (use amountText)' });
  }
  if (input.areaNodeId && !input.frameworkId) {
    issues.push({ path: 'frameworkId', message: 'is required with an area' });
  }
  return issues;
}

/**
 * The USD value stored with an allocation: the stated USD when the source gives one, else the
 * amount converted at its rate (`toUsd`), else null.
 */
export function budgetUsd(input: {
  amountLocal: number | null;
  currency: string;
  usdRate: number | null;
  usdStated: number | null;
}): { usdAmount: number | null; usdIsStated: boolean } {
  if (input.usdStated !== null) {
    return { usdAmount: input.usdStated, usdIsStated: true };
  }
  return { usdAmount: toUsd(input.amountLocal, input.currency, input.usdRate), usdIsStated: false };
}

export type BudgetTotalRow = {
  /** Country code, or the entity's name when there is no country. */
  holder: string;
  isCountry: boolean;
  /** A single year, or null for a MultiYear range / an undated amount. */
  year: number | null;
  /** The range as printed for MultiYear and undated rows (`2011–2014`, `per year`). */
  period: string | null;
  usd: number;
  count: number;
};
export type BudgetAreaTotal = {
  areaNodeId: string | null;
  areaCode: string | null;
  areaTitle: string | null;
  usd: number;
  count: number;
};
export type BudgetTotals = {
  byHolderYear: BudgetTotalRow[];
  byArea: BudgetAreaTotal[];
  /** Sum of every yearly (Annual/AnnualAverage, dated) USD figure. */
  annualUsd: number;
  /** Allocations that add nothing: Change rows and amounts without a USD value. */
  notSummed: number;
};

/**
 * USD totals by country (or entity) × year and by area. Annual and AnnualAverage rows count in
 * every year of `yearStart…yearEnd` (one year when only one end is known); MultiYear rows and
 * undated rows are one line per range; Change rows and rows without a USD value are not summed.
 */
export function budgetTotals(rows: readonly BudgetView[]): BudgetTotals {
  const lines = new Map<string, BudgetTotalRow>();
  const areas = new Map<string, BudgetAreaTotal>();
  let annualUsd = 0;
  let notSummed = 0;
  const add = (
    holder: string,
    isCountry: boolean,
    year: number | null,
    period: string | null,
    usd: number,
  ) => {
    const key = `${holder}|${year ?? ''}|${period ?? ''}`;
    const cur = lines.get(key) ?? { holder, isCountry, year, period, usd: 0, count: 0 };
    cur.usd = Math.round((cur.usd + usd) * 100) / 100;
    cur.count += 1;
    lines.set(key, cur);
  };
  for (const r of rows) {
    if (r.periodKind === 'Change' || r.usdAmount === null) {
      notSummed += 1;
      continue;
    }
    const holder = r.countryCode ?? r.entity ?? '';
    const isCountry = r.countryCode !== null;
    const first = r.yearStart ?? r.yearEnd;
    const last = r.yearEnd ?? r.yearStart;
    const yearly = r.periodKind === 'Annual' || r.periodKind === 'AnnualAverage';
    if (yearly && first !== null && last !== null) {
      for (let y = first; y <= last; y += 1) {
        add(holder, isCountry, y, null, r.usdAmount);
        annualUsd = Math.round((annualUsd + r.usdAmount) * 100) / 100;
      }
    } else {
      const period =
        first !== null && last !== null
          ? first === last
            ? String(first)
            : `${first}–${last}`
          : (r.periodText ?? '');
      add(holder, isCountry, null, period, r.usdAmount);
    }
    const akey = r.areaNodeId ?? '';
    const a = areas.get(akey) ?? {
      areaNodeId: r.areaNodeId,
      areaCode: r.areaCode,
      areaTitle: r.areaTitle,
      usd: 0,
      count: 0,
    };
    a.usd = Math.round((a.usd + r.usdAmount) * 100) / 100;
    a.count += 1;
    areas.set(akey, a);
  }
  const byHolderYear = [...lines.values()].sort(
    (a, b) =>
      Number(b.isCountry) - Number(a.isCountry) ||
      a.holder.localeCompare(b.holder) ||
      (a.year ?? 99999) - (b.year ?? 99999) ||
      (a.period ?? '').localeCompare(b.period ?? ''),
  );
  const byArea = [...areas.values()].sort((a, b) =>
    (a.areaCode ?? '~').localeCompare(b.areaCode ?? '~', undefined, { numeric: true }),
  );
  return { byHolderYear, byArea, annualUsd, notSummed };
}
