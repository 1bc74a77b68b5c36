/**
 * Reporting periods (DESIGN §5): ISO-like ids `2024` (year), `2024Q1` (quarter), `202403` (month)
 * and fiscal years named by the month they start, `2014Oct` = 1 October 2014 – 30 September 2015
 * (Thailand's budget year 2015, S000). Pure: no clock.
 */
export const PERIOD_TYPES = ['Yearly', 'FinancialYear', 'Quarterly', 'Monthly'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export const MONTH_ABBREVIATIONS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** A parsed period: its type, first and last day (ISO dates, inclusive). */
export type Period = {
  id: string;
  type: PeriodType;
  /** Calendar year the period starts in. */
  year: number;
  /** 1-based quarter, month, or fiscal start month, where the type has one. */
  index: number | null;
  startDate: string;
  endDate: string;
};

const pad2 = (n: number): string => String(n).padStart(2, '0');

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthStart(year: number, month: number): string {
  return `${year}-${pad2(month)}-01`;
}

function monthEnd(year: number, month: number): string {
  return `${year}-${pad2(month)}-${pad2(lastDayOfMonth(year, month))}`;
}

/** Add `months` (may be negative) to a (year, month) pair. */
function addMonths(year: number, month: number, months: number): [number, number] {
  const total = year * 12 + (month - 1) + months;
  return [Math.floor(total / 12), (total % 12) + 1];
}

/**
 * Parse a period id.
 * @returns The period, or null when the id is not one of the four forms or out of range (years
 * 1900–2199).
 */
export function parsePeriod(id: string): Period | null {
  let m = /^(\d{4})$/.exec(id);
  if (m) {
    const year = Number(m[1]);
    return inRange(year)
      ? {
          id,
          type: 'Yearly',
          year,
          index: null,
          startDate: `${year}-01-01`,
          endDate: `${year}-12-31`,
        }
      : null;
  }
  m = /^(\d{4})Q([1-4])$/.exec(id);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    return inRange(year)
      ? {
          id,
          type: 'Quarterly',
          year,
          index: q,
          startDate: monthStart(year, q * 3 - 2),
          endDate: monthEnd(year, q * 3),
        }
      : null;
  }
  m = /^(\d{4})(0[1-9]|1[0-2])$/.exec(id);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    return inRange(year)
      ? {
          id,
          type: 'Monthly',
          year,
          index: month,
          startDate: monthStart(year, month),
          endDate: monthEnd(year, month),
        }
      : null;
  }
  m = /^(\d{4})([A-Z][a-z]{2})$/.exec(id);
  if (m) {
    const year = Number(m[1]);
    const month = (MONTH_ABBREVIATIONS as readonly string[]).indexOf(m[2] ?? '') + 1;
    if (month < 1 || !inRange(year)) {
      return null;
    }
    const [endYear, endMonth] = addMonths(year, month, 11);
    return {
      id,
      type: 'FinancialYear',
      year,
      index: month,
      startDate: monthStart(year, month),
      endDate: monthEnd(endYear, endMonth),
    };
  }
  return null;
}

function inRange(year: number): boolean {
  return year >= 1900 && year <= 2199;
}

/** The type of a period id, or null when it is not a period. */
export function periodTypeOf(id: string): PeriodType | null {
  return parsePeriod(id)?.type ?? null;
}

/**
 * The period of `type` that contains a date.
 * @param fiscalStartMonth - For FinancialYear: 1–12 (Thailand 10).
 */
export function periodOfDate(isoDate: string, type: PeriodType, fiscalStartMonth = 1): string {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  switch (type) {
    case 'Yearly':
      return String(year);
    case 'Quarterly':
      return `${year}Q${Math.ceil(month / 3)}`;
    case 'Monthly':
      return `${year}${pad2(month)}`;
    case 'FinancialYear': {
      const startYear = month >= fiscalStartMonth ? year : year - 1;
      return `${startYear}${MONTH_ABBREVIATIONS[fiscalStartMonth - 1]}`;
    }
  }
}

/** The id of the period after `id` of the same type (and, for fiscal years, the same start month). */
export function periodNext(id: string, steps = 1): string {
  const p = parsePeriod(id);
  if (!p) {
    throw new RangeError(`not a period: ${id}`);
  }
  switch (p.type) {
    case 'Yearly':
      return String(p.year + steps);
    case 'FinancialYear':
      return `${p.year + steps}${MONTH_ABBREVIATIONS[(p.index ?? 1) - 1]}`;
    case 'Quarterly': {
      const total = p.year * 4 + ((p.index ?? 1) - 1) + steps;
      return `${Math.floor(total / 4)}Q${(total % 4) + 1}`;
    }
    case 'Monthly': {
      const [y, m] = addMonths(p.year, p.index ?? 1, steps);
      return `${y}${pad2(m)}`;
    }
  }
}

/** Every period id from `from` to `to` inclusive (same type); empty when `to` is before `from`. */
export function periodsBetween(from: string, to: string): string[] {
  const a = parsePeriod(from);
  const b = parsePeriod(to);
  if (!a || !b || a.type !== b.type) {
    throw new RangeError(`periods of different types: ${from}, ${to}`);
  }
  const out: string[] = [];
  for (let id = from; ; id = periodNext(id)) {
    const p = parsePeriod(id);
    if (!p || p.startDate > b.startDate || out.length > 5000) {
      break;
    }
    out.push(id);
  }
  return out;
}

/** Does period `outer` contain all of period `inner` (a quarter in its year, a month in a FY…)? */
export function periodContains(outer: string, inner: string): boolean {
  const a = parsePeriod(outer);
  const b = parsePeriod(inner);
  return a !== null && b !== null && a.startDate <= b.startDate && b.endDate <= a.endDate;
}

/** The periods `n` steps before `id`, nearest first (for "within past range" rules). */
export function periodsBefore(id: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 1; i <= n; i += 1) {
    out.push(periodNext(id, -i));
  }
  return out;
}

/**
 * Parts of a period label for display, so the web can translate and apply the user's calendar:
 * a fiscal year `2014Oct` is named by the year it ends in (Thai budget year 2015), as Thailand does.
 */
export type PeriodLabelParts =
  | { type: 'Yearly'; year: number }
  | { type: 'Quarterly'; year: number; quarter: number }
  | { type: 'Monthly'; year: number; month: number }
  | {
      type: 'FinancialYear';
      endYear: number;
      startYear: number;
      startMonth: number;
      endMonth: number;
    };

export function periodLabelParts(id: string): PeriodLabelParts | null {
  const p = parsePeriod(id);
  if (!p) {
    return null;
  }
  switch (p.type) {
    case 'Yearly':
      return { type: 'Yearly', year: p.year };
    case 'Quarterly':
      return { type: 'Quarterly', year: p.year, quarter: p.index ?? 1 };
    case 'Monthly':
      return { type: 'Monthly', year: p.year, month: p.index ?? 1 };
    case 'FinancialYear': {
      const startMonth = p.index ?? 1;
      const [endYear, endMonth] = addMonths(p.year, startMonth, 11);
      return { type: 'FinancialYear', startYear: p.year, endYear, startMonth, endMonth };
    }
  }
}
