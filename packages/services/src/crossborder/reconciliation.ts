import type { Database, Db } from '@ctip/db';
import {
  type AgeGroup,
  can,
  type Reconciliation,
  type ReconciliationCase,
  type ReconciliationQuery,
  ReconciliationQuerySchema,
  reconcileReturns,
} from '@ctip/domain';
import type { Transaction } from 'kysely';
import { appendAuditEventNow } from '../audit/append-audit-event';
import { auditEvent, denyAccess } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';

type Reader = Db | Transaction<Database>;

/**
 * The shared cases returned from `from` (A, the destination country that hands over) to `to` (B,
 * the country of origin that receives), one per shared case: the handover as A recorded it and the
 * reception as B recorded it. A node hosting both countries holds both sides, kept identical by
 * the messages: either copy is used. No personal data: codes, sex and age group only.
 */
export async function loadReconciliationCases(
  db: Reader,
  from: string,
  to: string,
): Promise<ReconciliationCase[]> {
  const rows = await db
    .selectFrom('xb_case as x')
    .leftJoin('xb_step as h', (j) =>
      j
        .onRef('h.xb_case_id', '=', 'x.id')
        .on('h.step', '=', 'handover')
        .on('h.status', '=', 'Done'),
    )
    .leftJoin('xb_step as r', (j) =>
      j
        .onRef('r.xb_case_id', '=', 'x.id')
        .on('r.step', '=', 'reception')
        .on('r.status', '=', 'Done'),
    )
    .select([
      'x.ref',
      'x.role',
      'x.case_code',
      'x.sex',
      'x.age_group',
      'h.completed_on as handed_over_on',
      'r.completed_on as received_on',
    ])
    .where('x.destination_country', '=', from)
    .where('x.origin_country', '=', to)
    .orderBy('x.ref')
    .orderBy('x.role', 'desc')
    .execute();
  const byRef = new Map<string, ReconciliationCase>();
  for (const r of rows) {
    const prev = byRef.get(r.ref);
    // Sender rows sort first (role desc): their case code is the one both sides know.
    if (!prev) {
      byRef.set(r.ref, {
        ref: r.ref,
        caseCode: r.case_code,
        sex: r.sex,
        ageGroup: r.age_group as AgeGroup,
        handedOverOn: r.handed_over_on,
        receivedOn: r.received_on,
      });
      continue;
    }
    prev.handedOverOn = prev.handedOverOn ?? r.handed_over_on;
    prev.receivedOn = prev.receivedOn ?? r.received_on;
  }
  return [...byRef.values()].sort((a, b) => a.caseCode.localeCompare(b.caseCode));
}

async function authorizeReconciliation(
  ctx: ServiceContext,
  auth: AuthContext,
  query: ReconciliationQuery,
): Promise<void> {
  const ok = [query.from, query.to].some((c) =>
    can(auth.actor, 'read', 'crossborder_case', { countryCode: c }),
  );
  if (!ok) {
    await denyAccess(ctx, auth, 'read', 'crossborder_case', null);
  }
}

/**
 * Returns sent by A against returns received by B in a period, by sex and age group, with the
 * cases that do not match (for the case-management meeting). The read is audited.
 * @throws INVALID_INPUT (field named), FORBIDDEN (audited): crossborder_case read in either country
 */
export async function reconcileReturnsFor(
  ctx: ServiceContext,
  auth: AuthContext,
  query: ReconciliationQuery,
  format: 'json' | 'csv' = 'json',
): Promise<Reconciliation> {
  const q = parseInput(ReconciliationQuerySchema, query);
  await authorizeReconciliation(ctx, auth, q);
  const cases = await loadReconciliationCases(ctx.db, q.from, q.to);
  const result = reconcileReturns(q, cases);
  await appendAuditEventNow(
    ctx.db,
    auditEvent(
      auth,
      'crossborder.search',
      { type: 'crossborder_case', id: null },
      { view: 'reconciliation', from: q.from, to: q.to, period: q.period, format },
    ),
    ctx.now(),
  );
  return result;
}

function csvCell(value: unknown): string {
  let text = String(value ?? '');
  // Text cells starting with = + - @ are prefixed so spreadsheets do not run them (numbers are safe).
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The reconciliation as CSV: the sex × age table with totals, then the mismatches (codes only). */
export function reconciliationCsv(r: Reconciliation): string {
  const lines: string[] = [];
  const row = (...cells: unknown[]) => lines.push(cells.map(csvCell).join(','));
  row('from', 'to', 'period');
  row(r.from, r.to, r.period);
  lines.push('');
  row('sex', 'age_group', 'sent', 'received', 'difference');
  for (const c of r.cells) {
    row(c.sex, c.ageGroup, c.sent, c.received, c.sent - c.received);
  }
  row('Total', '', r.totals.sent, r.totals.received, r.totals.sent - r.totals.received);
  lines.push('');
  row('case_code', 'problem', 'handed_over_on', 'received_on');
  for (const m of r.mismatches) {
    row(m.caseCode, m.problem, m.handedOverOn, m.receivedOn);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The reconciliation as a CSV download (audited as a read with format csv).
 * @throws INVALID_INPUT, FORBIDDEN (audited)
 */
export async function exportReconciliationCsv(
  ctx: ServiceContext,
  auth: AuthContext,
  query: ReconciliationQuery,
): Promise<{ csv: string; filename: string }> {
  const r = await reconcileReturnsFor(ctx, auth, query, 'csv');
  return {
    csv: reconciliationCsv(r),
    filename: `reconciliation-${r.from}-${r.to}-${r.period}.csv`,
  };
}
