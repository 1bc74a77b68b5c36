/**
 * Reporting periods of the plans module: a year (`2024`), a half (`2024H1`, `2024H2`) or a
 * quarter (`2024Q1`…`2024Q4`). Plans run in calendar years; a framework covers
 * `period_start`…`extended_to ?? period_end`.
 */
export type PlanPeriodKind = 'year' | 'half' | 'quarter';
export type PlanPeriod = { id: string; kind: PlanPeriodKind; year: number; part: number | null };

const PERIOD_RE = /^(\d{4})(?:(H)([12])|(Q)([1-4]))?$/;

/** Parse a plan period id; null when it is not one. */
export function parsePlanPeriod(id: string): PlanPeriod | null {
  const m = PERIOD_RE.exec(id);
  if (!m) {
    return null;
  }
  const year = Number(m[1]);
  if (year < 1990 || year > 2100) {
    return null;
  }
  if (m[2]) {
    return { id, kind: 'half', year, part: Number(m[3]) };
  }
  if (m[4]) {
    return { id, kind: 'quarter', year, part: Number(m[5]) };
  }
  return { id, kind: 'year', year, part: null };
}

/** The years a framework covers, its extension included. */
export function frameworkYears(f: {
  periodStart: number;
  periodEnd: number;
  extendedTo: number | null;
}): { first: number; last: number } {
  return { first: f.periodStart, last: f.extendedTo ?? f.periodEnd };
}

/** Whether a year lies inside a framework's period (extension included). */
export function isYearInFramework(
  year: number,
  f: { periodStart: number; periodEnd: number; extendedTo: number | null },
): boolean {
  const { first, last } = frameworkYears(f);
  return year >= first && year <= last;
}
