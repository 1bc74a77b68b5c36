import { type Actor, can, reconcileReturns } from '@ctip/domain';
import type { ServiceContext } from '../context';
import { loadReconciliationCases } from './reconciliation';

/** An agenda item to insert: about one shared case, or the reconciliation of the year. */
export type AgendaDraft = { title: string; xbCaseId: string | null; note: string | null };

const CLOSED = ['Closed', 'Rejected'];

/**
 * The agenda a case-management meeting of a pair starts from: one item per open shared case
 * (either role, either direction) the caller can see, titled with its pseudonymous code, status and
 * overdue steps; then one item listing the reconciliation mismatches of the current year, if any.
 * Reads only (run before the write transaction opens).
 */
export async function buildPairAgenda(
  ctx: ServiceContext,
  actor: Actor,
  pair: readonly [string, string],
  today: string,
): Promise<AgendaDraft[]> {
  const [a, b] = pair;
  const rows = await ctx.db
    .selectFrom('xb_case')
    .select(['id', 'ref', 'role', 'status', 'case_code', 'local_country', 'agency_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('origin_country', '=', a), eb('destination_country', '=', b)]),
        eb.and([eb('origin_country', '=', b), eb('destination_country', '=', a)]),
      ]),
    )
    .where('status', 'not in', CLOSED)
    .orderBy('offered_at')
    .orderBy('ref')
    .orderBy('role', 'desc')
    .execute();
  const visible = rows.filter((r) =>
    can(actor, 'read', 'crossborder_case', {
      countryCode: r.local_country.trim(),
      agencyId: r.agency_id,
    }),
  );
  // One item per shared case: the side held in the caller's country, else the first (sender).
  const byRef = new Map<string, (typeof visible)[number]>();
  for (const r of visible) {
    const prev = byRef.get(r.ref);
    if (
      !prev ||
      (prev.local_country.trim() !== actor.countryCode &&
        r.local_country.trim() === actor.countryCode)
    ) {
      byRef.set(r.ref, r);
    }
  }
  const chosen = [...byRef.values()];
  const overdue = new Map<string, string[]>();
  if (chosen.length > 0) {
    const steps = await ctx.db
      .selectFrom('xb_step')
      .select(['xb_case_id', 'step', 'due_date'])
      .where(
        'xb_case_id',
        'in',
        chosen.map((c) => c.id),
      )
      .where('status', 'not in', ['Done', 'NotApplicable'])
      .where('due_date', '<', today)
      .orderBy('position')
      .execute();
    for (const s of steps) {
      overdue.set(s.xb_case_id, [...(overdue.get(s.xb_case_id) ?? []), s.step]);
    }
  }
  const items: AgendaDraft[] = chosen.map((c) => {
    const late = overdue.get(c.id) ?? [];
    return {
      title:
        `${c.case_code} · ${c.status}${late.length ? ` · overdue: ${late.join(', ')}` : ''}`.slice(
          0,
          300,
        ),
      xbCaseId: c.id,
      note: null,
    };
  });
  const canReconcile = [a, b].some((c) =>
    can(actor, 'read', 'crossborder_case', { countryCode: c }),
  );
  if (canReconcile) {
    const period = today.slice(0, 4);
    const lines: string[] = [];
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const r = reconcileReturns(
        { from, to, period },
        await loadReconciliationCases(ctx.db, from, to),
      );
      for (const m of r.mismatches) {
        lines.push(
          `${from}→${to} ${m.caseCode}: ${m.problem} (handed over ${m.handedOverOn ?? '—'}, received ${m.receivedOn ?? '—'})`,
        );
      }
    }
    if (lines.length > 0) {
      items.push({
        title: `Reconciliation of returns ${period}: ${lines.length} mismatch${lines.length === 1 ? '' : 'es'}`,
        xbCaseId: null,
        note: lines.join('\n').slice(0, 5000),
      });
    }
  }
  return items;
}
