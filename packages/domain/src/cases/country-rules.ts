import { z } from 'zod';

/**
 * Country rules as configuration (table `country_rule`): fund entitlements with their caps, deadline
 * steps (e.g. Thailand's steps to work outside a shelter, Section 37) and shelter phases. The rules
 * here are pure: no clock, dates are ISO `YYYY-MM-DD` strings and the caller passes `today`.
 *
 * !!! `config` is stored JSON: changing a shape needs a data migration and a reseed. !!!
 */
export const COUNTRY_RULE_KINDS = ['fund_entitlement', 'deadline_step', 'shelter_phase'] as const;
export type CountryRuleKind = (typeof COUNTRY_RULE_KINDS)[number];

/** A fund entitlement (e.g. the Thai Anti-Human Trafficking Fund). Null numbers: no cap stated. */
export const FundEntitlementConfigSchema = z.object({
  /** The entitlement as the source names it, e.g. "Cost of living". */
  entitlement: z.string(),
  /** Cap per payment (per person) or per day (per = 'day'); null when no cap is stated. */
  amount: z.number().nullable(),
  currency: z.string(),
  per: z.enum(['person', 'day']).nullable(),
  max_times_per_year: z.number().int().nullable(),
  /** Days a per-day entitlement may be paid for in total (1 year = 365). */
  max_days: z.number().int().nullable(),
  /** The cap exactly as the source words it. */
  cap_text_exact: z.string(),
  /** Who approves, exactly as the source words it. */
  approval: z.string(),
});
export type FundEntitlementConfig = z.infer<typeof FundEntitlementConfigSchema>;

/** One step of a deadline flow; `days` is the time limit before the next step (null: none). */
export const DeadlineStepConfigSchema = z.object({
  step_no: z.number().int(),
  step: z.string(),
  time_limit_text: z.string().nullable(),
  days: z.number().int().nullable(),
  /** `all`, or `non_citizen`: only for persons who are not citizens of the rule's country. */
  applies_to: z.enum(['all', 'non_citizen']),
  applies_to_text: z.string(),
});
export type DeadlineStepConfig = z.infer<typeof DeadlineStepConfigSchema>;

/** A phase of a shelter stay, in months since admission: [from_months, to_months). */
export const ShelterPhaseConfigSchema = z.object({
  phase: z.string(),
  from_months: z.number().int(),
  to_months: z.number().int(),
  services: z.array(z.string()),
});
export type ShelterPhaseConfig = z.infer<typeof ShelterPhaseConfigSchema>;

/** A rule as the services pass it to these functions. */
export type CountryRule<C> = { id: string; key: string; sortOrder: number; config: C };

// ---- dates (UTC, ISO strings) ----

function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
function toIso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** `date` plus `days` days. */
export function dateAddDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return toIso(d);
}

/** `date` plus `months` calendar months, clamped to the end of a shorter month (31 Jan + 1 = 28/29 Feb). */
export function dateAddMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return toIso(new Date(Date.UTC(year, month, Math.min(d, last))));
}

/** Whole calendar months from `from` to `to` (0 when `to` is before the first month boundary). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  let months = (ty - fy) * 12 + (tm - fm);
  if (months > 0 && dateAddMonths(from, months) > to) {
    months -= 1;
  }
  return months;
}

// ---- parsing the source texts ----

/**
 * Days of a time limit as the Thai flow words it: "No longer than 1 week" = 7, "In 15 Days" = 15,
 * "2 months" = 60, "1 year" = 365. Null for an empty text or one without a number and unit.
 */
export function timeLimitDays(text: string | null | undefined): number | null {
  const m = /(\d+)\s*(day|week|month|year)s?/i.exec(text ?? '');
  if (!m) {
    return null;
  }
  const n = Number(m[1]);
  const unit = (m[2] as string).toLowerCase();
  return n * (unit === 'week' ? 7 : unit === 'month' ? 30 : unit === 'year' ? 365 : 1);
}

/** "limited to 3 times a year" → 3; null when the text sets no such limit. */
export function capTimesPerYear(capText: string): number | null {
  const m = /(\d+)\s*times?\s*(a|per)\s*year/i.exec(capText);
  return m ? Number(m[1]) : null;
}

/** For a per-day cap, "limited to 1 year" → 365 days; null otherwise. */
export function capMaxDays(capText: string, per: string | null): number | null {
  if (per !== 'day') {
    return null;
  }
  const m = /limited to\s*(\d+\s*(?:day|week|month|year)s?)/i.exec(capText);
  return m ? timeLimitDays(m[1]) : null;
}

/** "0- 3 Month(s)" → [0, 3]; "3- 6 Months" → [3, 6]. */
export function phaseMonths(phase: string): [number, number] | null {
  const m = /(\d+)\s*-\s*(\d+)/.exec(phase);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

// ---- fund payments ----

/** A payment as the cap check sees it. */
export type FundPaymentFacts = { amount: number; paidOn: string; days?: number | null };

export type FundPaymentCheck =
  | {
      ok: true;
      /** No cap is stated: the committee decides case by case, so the approval must be recorded. */
      requiresApproval: boolean;
    }
  | {
      ok: false;
      /** Which cap is exceeded. */
      violation: 'amount_cap' | 'times_per_year' | 'max_days' | 'days_required';
      /** The input field to point at. */
      field: 'amount' | 'days' | 'entitlement';
      /** Names the rule and quotes its cap, e.g. "Cost of living: 3,000 baht per person limited to 3 times a year". */
      message: string;
    };

/** The message of a refused payment: the rule's name and its exact cap text. */
export function fundRuleLabel(config: FundEntitlementConfig): string {
  return `${config.entitlement}: ${config.cap_text_exact}`;
}

/**
 * Check a payment against its entitlement's caps, given the earlier payments of the same entitlement
 * for the same case: amount per payment (per person), times per calendar year of `paidOn`, and for a
 * per-day entitlement amount ≤ rate × days with at most `max_days` days in total. An entitlement
 * without a stated cap is allowed but needs the committee's approval recorded.
 */
export function fundPaymentCheck(
  rule: Pick<CountryRule<FundEntitlementConfig>, 'config'>,
  priorPayments: readonly FundPaymentFacts[],
  payment: FundPaymentFacts,
): FundPaymentCheck {
  const c = rule.config;
  const refuse = (
    violation: Exclude<FundPaymentCheck, { ok: true }>['violation'],
    field: 'amount' | 'days' | 'entitlement',
  ): FundPaymentCheck => ({ ok: false, violation, field, message: fundRuleLabel(c) });
  if (c.per === 'day') {
    const days = payment.days ?? 0;
    if (days < 1) {
      return refuse('days_required', 'days');
    }
    const priorDays = priorPayments.reduce((n, p) => n + (p.days ?? 0), 0);
    if (c.max_days != null && priorDays + days > c.max_days) {
      return refuse('max_days', 'days');
    }
    if (c.amount != null && payment.amount > c.amount * days) {
      return refuse('amount_cap', 'amount');
    }
  } else if (c.amount != null && payment.amount > c.amount) {
    return refuse('amount_cap', 'amount');
  }
  if (c.max_times_per_year != null) {
    const year = payment.paidOn.slice(0, 4);
    const sameYear = priorPayments.filter((p) => p.paidOn.slice(0, 4) === year).length;
    if (sameYear + 1 > c.max_times_per_year) {
      return refuse('times_per_year', 'entitlement');
    }
  }
  return { ok: true, requiresApproval: c.amount == null };
}

// ---- deadline steps ----

export type DeadlineTask = { ruleId: string; key: string; stepNo: number; dueOn: string };

/**
 * The tasks of a deadline flow starting on `startDate`: steps in order, each due when its time
 * limit ends, counted cumulatively from the start (a step without a limit is due with the step
 * before it). Steps for non-citizens only are skipped for citizens, and take no time for them.
 * ### Example
 * TH, non-Thai, start 2026-01-01: shelter 01-08, temporary stay 01-15, job 01-30, agreement 01-30.
 */
export function deadlineTasks(
  steps: readonly CountryRule<DeadlineStepConfig>[],
  startDate: string,
  opts: { isCitizen: boolean },
): DeadlineTask[] {
  const ordered = [...steps].sort(
    (a, b) => a.config.step_no - b.config.step_no || a.sortOrder - b.sortOrder,
  );
  let offset = 0;
  const out: DeadlineTask[] = [];
  for (const s of ordered) {
    if (s.config.applies_to === 'non_citizen' && opts.isCitizen) {
      continue;
    }
    offset += s.config.days ?? 0;
    out.push({
      ruleId: s.id,
      key: s.key,
      stepNo: s.config.step_no,
      dueOn: dateAddDays(startDate, offset),
    });
  }
  return out;
}

// ---- shelter phases ----

export type ShelterPhaseNow = {
  ruleId: string;
  key: string;
  phase: string;
  services: string[];
  /** Whole months since admission. */
  monthsElapsed: number;
  /** When this phase ends (admission + to_months). */
  endsOn: string;
  /** The stay has run past the last phase (shown as the last phase, flagged). */
  isPastLastPhase: boolean;
};

/**
 * The phase a stay admitted on `admittedOn` is in on `today`. Null before admission or when the
 * country has no phases.
 */
export function shelterPhase(
  rules: readonly CountryRule<ShelterPhaseConfig>[],
  admittedOn: string,
  today: string,
): ShelterPhaseNow | null {
  if (today < admittedOn || rules.length === 0) {
    return null;
  }
  const ordered = [...rules].sort((a, b) => a.config.from_months - b.config.from_months);
  const months = monthsBetween(admittedOn, today);
  const found =
    ordered.find((r) => months >= r.config.from_months && months < r.config.to_months) ?? null;
  const rule = found ?? (ordered.at(-1) as CountryRule<ShelterPhaseConfig>);
  return {
    ruleId: rule.id,
    key: rule.key,
    phase: rule.config.phase,
    services: rule.config.services,
    monthsElapsed: months,
    endsOn: dateAddMonths(admittedOn, rule.config.to_months),
    isPastLastPhase: found === null && months >= rule.config.to_months,
  };
}
