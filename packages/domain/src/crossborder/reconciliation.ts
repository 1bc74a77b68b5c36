import { z } from 'zod';
import { CountryCodeSchema } from '../common/common.schema';
import type { AgeGroup } from './repatriation';

/** Period of a reconciliation: a year (`2026`) or a quarter (`2026Q3`). */
export const ReconciliationQuerySchema = z.strictObject({
  /** The sending (destination) country: A. */
  from: CountryCodeSchema,
  /** The receiving (origin) country: B. */
  to: CountryCodeSchema,
  period: z.string().regex(/^\d{4}(Q[1-4])?$/, 'must be a year (2026) or a quarter (2026Q3)'),
});
export type ReconciliationQuery = z.infer<typeof ReconciliationQuerySchema>;

/** One shared case as reconciliation sees it (no personal data: sex and age group only). */
export type ReconciliationCase = {
  ref: string;
  caseCode: string;
  sex: string;
  ageGroup: AgeGroup;
  /** Day A recorded the handover as done (null: not handed over). */
  handedOverOn: string | null;
  /** Day B recorded the reception as done (null: not received). */
  receivedOn: string | null;
};

export type ReconciliationCell = {
  sex: string;
  ageGroup: AgeGroup;
  sent: number;
  received: number;
};

export type ReconciliationMismatch = {
  ref: string;
  caseCode: string;
  problem: 'sent_not_received' | 'received_not_sent' | 'different_period';
  handedOverOn: string | null;
  receivedOn: string | null;
};

export type Reconciliation = {
  from: string;
  to: string;
  period: string;
  totals: { sent: number; received: number };
  cells: ReconciliationCell[];
  mismatches: ReconciliationMismatch[];
};

/** Whether an ISO date lies in a period (`2026` or `2026Q3`). */
export function inPeriod(isoDate: string | null, period: string): boolean {
  if (!isoDate) {
    return false;
  }
  const year = period.slice(0, 4);
  if (isoDate.slice(0, 4) !== year) {
    return false;
  }
  if (period.length === 4) {
    return true;
  }
  const q = Number(period.slice(5));
  const month = Number(isoDate.slice(5, 7));
  return Math.ceil(month / 3) === q;
}

/**
 * Returns sent by A (handovers done in the period) against returns received by B (receptions done
 * in the period), by sex and age group, with every case that does not match listed for the
 * case-management meeting.
 */
export function reconcileReturns(
  query: ReconciliationQuery,
  cases: readonly ReconciliationCase[],
): Reconciliation {
  const cells = new Map<string, ReconciliationCell>();
  const mismatches: ReconciliationMismatch[] = [];
  let sent = 0;
  let received = 0;
  for (const c of cases) {
    const s = inPeriod(c.handedOverOn, query.period);
    const r = inPeriod(c.receivedOn, query.period);
    if (!s && !r) {
      continue;
    }
    const key = `${c.sex}|${c.ageGroup}`;
    const cell = cells.get(key) ?? { sex: c.sex, ageGroup: c.ageGroup, sent: 0, received: 0 };
    if (s) {
      cell.sent += 1;
      sent += 1;
    }
    if (r) {
      cell.received += 1;
      received += 1;
    }
    cells.set(key, cell);
    const base = {
      ref: c.ref,
      caseCode: c.caseCode,
      handedOverOn: c.handedOverOn,
      receivedOn: c.receivedOn,
    };
    if (s && !c.receivedOn) {
      mismatches.push({ ...base, problem: 'sent_not_received' });
    } else if (r && !c.handedOverOn) {
      mismatches.push({ ...base, problem: 'received_not_sent' });
    } else if (s !== r) {
      mismatches.push({ ...base, problem: 'different_period' });
    }
  }
  const order = (x: ReconciliationCell) => `${x.sex}|${x.ageGroup}`;
  return {
    from: query.from,
    to: query.to,
    period: query.period,
    totals: { sent, received },
    cells: [...cells.values()].sort((a, b) => order(a).localeCompare(order(b))),
    mismatches,
  };
}
