import type { Database } from '@ctip/db';
import {
  can,
  type ReturnChoice,
  type ShareableField,
  widestScope,
  type XbCaseDetail,
  type XbCaseListItem,
  type XbListQuery,
  XbListQuerySchema,
  type XbMessageLogEntry,
  type XbOutcomeEntry,
} from '@ctip/domain';
import type { ExpressionBuilder } from 'kysely';
import { appendAuditEventNow } from '../audit/append-audit-event';
import { loadCaseForAccess } from '../cases/case-access';
import { openOptional } from '../cases/person-crypto';
import { auditEvent, denyAccess } from '../common/access';
import { isoOf } from '../common/iso-date';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import type { XbCaseRow } from '../federation/inbound-types';
import {
  loadPolicy,
  loadSteps,
  localSide,
  openJson,
  requireXbCase,
  roleKeysOf,
  stepRowToStep,
  todayIso,
  type XbStepRow,
  xbRecordScope,
  xbRowToListItem,
} from './xb-common';
import { notifyOverdueXbSteps, purgeExpiredXbShared } from './xb-maintenance';

/** Messages to the peer not yet delivered, per shared case side. */
async function pendingCounts(
  ctx: ServiceContext,
  rows: readonly XbCaseRow[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (rows.length === 0) {
    return out;
  }
  const counts = await ctx.db
    .selectFrom('outbox_message')
    .select(['ref', 'from_role', (eb) => eb.fn.countAll<number>().as('n')])
    .where(
      'ref',
      'in',
      rows.map((r) => r.ref),
    )
    .where('status', '=', 'Pending')
    .groupBy(['ref', 'from_role'])
    .execute();
  for (const c of counts) {
    out.set(`${c.ref}:${c.from_role}`, Number(c.n));
  }
  return out;
}

/**
 * Shared cases this caller may see (no personal data): outgoing (this node sent them) or incoming,
 * by status, peer country and overdue. Scoped by the caller's `crossborder_case:read` grant: region,
 * the local country (focal points) or the agency holding the case (case workers). Also sends the
 * once-per-step overdue alerts of this node's countries.
 */
export async function findXbCases(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: XbListQuery | Record<string, unknown>;
}): Promise<{ items: XbCaseListItem[]; total: number; page: number; pageSize: number }> {
  const { ctx, auth } = args;
  const q = parseInput(XbListQuerySchema, args.query);
  const scope = widestScope(auth.actor, 'read', 'crossborder_case');
  if (!scope) {
    await denyAccess(ctx, auth, 'read', 'crossborder_case', null);
  }
  await notifyOverdueXbSteps(ctx);
  await purgeExpiredXbShared(ctx);
  const today = todayIso(ctx);
  let base = ctx.db
    .selectFrom('xb_case')
    .innerJoin('agreement', 'agreement.id', 'xb_case.agreement_id');
  if (scope === 'country') {
    base = base.where('xb_case.local_country', '=', auth.actor.countryCode);
  } else if (scope === 'agency') {
    base = base.where('xb_case.agency_id', '=', auth.actor.agencyId);
  } else if (scope === 'own') {
    base = base.where('xb_case.created_by', '=', auth.actor.userId);
  }
  if (q.direction) {
    base = base.where('xb_case.role', '=', q.direction === 'outgoing' ? 'Sender' : 'Receiver');
  }
  if (q.status) {
    base = base.where('xb_case.status', '=', q.status);
  }
  if (q.country) {
    base = base.where('xb_case.peer_country', '=', q.country);
  }
  if (q.overdue) {
    const overdue = (eb: ExpressionBuilder<Database, 'xb_case' | 'agreement'>) =>
      eb.exists(
        eb
          .selectFrom('xb_step')
          .select('xb_step.xb_case_id')
          .whereRef('xb_step.xb_case_id', '=', 'xb_case.id')
          .where('xb_step.status', 'not in', ['Done', 'NotApplicable'])
          .where('xb_step.due_date', '<', today),
      );
    base = base.where((eb) =>
      q.overdue === 'true'
        ? eb.and([overdue(eb), eb('xb_case.status', 'not in', ['Closed', 'Rejected'])])
        : eb.or([eb.not(overdue(eb)), eb('xb_case.status', 'in', ['Closed', 'Rejected'])]),
    );
  }
  const totalRow = await base
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('xb_case')
    .select('agreement.code as agreement_code')
    .orderBy('xb_case.offered_at', 'desc')
    .orderBy('xb_case.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  const steps =
    rows.length === 0
      ? []
      : await ctx.db
          .selectFrom('xb_step')
          .selectAll()
          .where(
            'xb_case_id',
            'in',
            rows.map((r) => r.id),
          )
          .orderBy('position')
          .execute();
  const byCase = new Map<string, XbStepRow[]>();
  for (const s of steps) {
    byCase.set(s.xb_case_id, [...(byCase.get(s.xb_case_id) ?? []), s]);
  }
  const pending = await pendingCounts(ctx, rows);
  return {
    items: rows.map((r) =>
      xbRowToListItem(r, byCase.get(r.id) ?? [], pending.get(`${r.ref}:${r.role}`) ?? 0, today),
    ),
    total: Number(totalRow.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The message log of one side: what it sent and what it received, without payload. */
async function messageLog(ctx: ServiceContext, row: XbCaseRow): Promise<XbMessageLogEntry[]> {
  const other = row.role === 'Sender' ? 'Receiver' : 'Sender';
  const out = await ctx.db
    .selectFrom('outbox_message')
    .select(['id', 'kind', 'seq', 'status', 'created_at', 'delivered_at', 'attempts', 'last_error'])
    .where('ref', '=', row.ref)
    .where('from_role', '=', row.role)
    .execute();
  const inn = await ctx.db
    .selectFrom('inbox_message')
    .select(['id', 'kind', 'seq', 'status', 'received_at', 'applied_at', 'refusal'])
    .where('ref', '=', row.ref)
    .where('from_role', '=', other)
    .execute();
  const entries: XbMessageLogEntry[] = [
    ...out.map((m) => ({
      id: m.id,
      direction: 'out' as const,
      kind: m.kind,
      seq: m.seq,
      status: m.status,
      at: isoOf(m.created_at),
      deliveredAt: isoOf(m.delivered_at),
      attempts: m.attempts,
      error: m.last_error,
    })),
    ...inn.map((m) => ({
      id: m.id,
      direction: 'in' as const,
      kind: m.kind,
      seq: m.seq,
      status: m.status,
      at: isoOf(m.received_at),
      deliveredAt: isoOf(m.applied_at),
      attempts: 1,
      error: m.refusal,
    })),
  ];
  return entries.sort((a, b) => a.at.localeCompare(b.at) || (a.seq ?? 0) - (b.seq ?? 0));
}

/** Build the detail of a loaded side for `auth` (no audit). */
export async function xbDetailFor(
  ctx: ServiceContext,
  auth: AuthContext,
  row: XbCaseRow & { agreement_code: string },
): Promise<XbCaseDetail> {
  const today = todayIso(ctx);
  const steps = await loadSteps(ctx.db, row.id);
  const pending = await pendingCounts(ctx, [row]);
  const { policy } = await loadPolicy(ctx.db, row.agreement_id, row.policy_version);
  const roles = await roleKeysOf(ctx.db, auth.actor.userId);
  const mayReadShared = !row.is_restricted && roles.some((k) => policy.recipientRoles.includes(k));
  const shared = mayReadShared
    ? openJson<Partial<Record<ShareableField, unknown>>>(ctx.config, row.shared_enc)
    : null;
  const side = localSide(row);
  const open = row.status !== 'Closed' && row.status !== 'Rejected' && !row.is_restricted;
  const mayUpdate = can(auth.actor, 'update', 'crossborder_case', xbRecordScope(row));
  return {
    ...xbRowToListItem(row, steps, pending.get(`${row.ref}:${row.role}`) ?? 0, today),
    localCaseId: row.case_id,
    steps: steps.map((s) => stepRowToStep(ctx.config, s, today)),
    shared,
    returnChoice: row.return_choice as ReturnChoice | null,
    rejectReason: openOptional(ctx.config, row.reject_reason_enc),
    consentWithdrawnAt: isoOf(row.consent_withdrawn_at),
    withdrawalAcknowledgedAt: isoOf(row.withdrawal_ack_at),
    acceptedAt: isoOf(row.accepted_at),
    rejectedAt: isoOf(row.rejected_at),
    closedAt: isoOf(row.closed_at),
    retentionUntil: row.retention_until,
    onwardSharing: policy.onwardSharing,
    messages: await messageLog(ctx, row),
    outcomes: (
      await ctx.db
        .selectFrom('xb_outcome')
        .selectAll()
        .where('xb_case_id', '=', row.id)
        .orderBy('reported_on')
        .orderBy('created_at')
        .execute()
    ).map((o) => ({
      id: o.id,
      step: o.step,
      outcome: o.outcome as XbOutcomeEntry['outcome'],
      note: mayReadShared ? openOptional(ctx.config, o.note_enc) : null,
      reportedOn: o.reported_on,
      reportedBy: o.reported_by_side as XbOutcomeEntry['reportedBy'],
    })),
    ownSteps:
      open && mayUpdate ? steps.filter((s) => s.owner === side).map((s) => s.step as string) : [],
  };
}

/**
 * One shared case with its timeline (delay per step), its message log and — for readers the policy
 * names, while not restricted — the shared fields. Audited as `crossborder.read`.
 * @throws FORBIDDEN (audited), NOT_FOUND
 */
export async function getXbCase(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  xbCaseId: string;
  audit?: boolean;
}): Promise<XbCaseDetail> {
  const { ctx, auth } = args;
  const row = await requireXbCase(ctx.db, args.xbCaseId);
  if (!can(auth.actor, 'read', 'crossborder_case', xbRecordScope(row))) {
    await denyAccess(ctx, auth, 'read', 'crossborder_case', row.id);
  }
  const detail = await xbDetailFor(ctx, auth, row);
  if (args.audit !== false) {
    await appendAuditEventNow(
      ctx.db,
      auditEvent(
        auth,
        'crossborder.read',
        { type: 'crossborder_case', id: row.id },
        { ref: row.ref, role: row.role, shared: detail.shared !== null },
      ),
      ctx.now(),
    );
  }
  return detail;
}

/**
 * The cross-border cases of a local case (both sides it is linked to), for the case page.
 * @throws FORBIDDEN (audited) without read access to the case
 */
export async function listCaseXbCases(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
}): Promise<XbCaseListItem[]> {
  const { ctx, auth } = args;
  const kase = await loadCaseForAccess(ctx, auth, args.caseId, 'read');
  const today = todayIso(ctx);
  const rows = await ctx.db
    .selectFrom('xb_case')
    .innerJoin('agreement', 'agreement.id', 'xb_case.agreement_id')
    .selectAll('xb_case')
    .select('agreement.code as agreement_code')
    .where('xb_case.case_id', '=', kase.id)
    .orderBy('xb_case.offered_at', 'desc')
    .execute();
  const pending = await pendingCounts(ctx, rows);
  const out: XbCaseListItem[] = [];
  for (const r of rows) {
    const steps = await loadSteps(ctx.db, r.id);
    out.push(xbRowToListItem(r, steps, pending.get(`${r.ref}:${r.role}`) ?? 0, today));
  }
  return out;
}
