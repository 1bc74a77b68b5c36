import { type AuditQuery, AuditQuerySchema, type Page } from '@ctip/domain';
import { auditEvent, requireScope } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { appendAuditEventNow } from './append-audit-event';
import { type AuditVerifyResult, verifyAuditChain } from './verify-audit-chain';

/** An audit event as the audit viewer shows it. */
export type AuditEventView = {
  seq: number;
  occurredAt: string;
  action: string;
  outcome: string;
  actorUserId: string | null;
  actorUsername: string | null;
  actorAgencyId: string | null;
  actorCountry: string | null;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

/**
 * Search the audit trail, newest first, within the caller's scope (country: events by actors of the
 * caller's country; agency: of the caller's agency). The search is itself audited.
 * @throws FORBIDDEN
 */
export async function findAuditEvents(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: Partial<AuditQuery>;
}): Promise<Page<AuditEventView>> {
  const { ctx, auth } = args;
  const query = parseInput(AuditQuerySchema, args.query);
  const scope = await requireScope(ctx, auth, 'read', 'audit');
  let base = ctx.db
    .selectFrom('audit_event')
    .leftJoin('app_user', 'app_user.id', 'audit_event.actor_user_id');
  if (scope === 'country') {
    base = base.where('audit_event.actor_country', '=', auth.actor.countryCode);
  } else if (scope === 'agency') {
    base = base.where('audit_event.actor_agency_id', '=', auth.actor.agencyId);
  } else if (scope === 'own') {
    base = base.where('audit_event.actor_user_id', '=', auth.actor.userId);
  }
  if (query.action) {
    base = base.where('audit_event.action', '=', query.action);
  }
  if (query.actorUserId) {
    base = base.where('audit_event.actor_user_id', '=', query.actorUserId);
  }
  if (query.outcome) {
    base = base.where('audit_event.outcome', '=', query.outcome);
  }
  if (query.targetType) {
    base = base.where('audit_event.target_type', '=', query.targetType);
  }
  if (query.targetId) {
    base = base.where('audit_event.target_id', '=', query.targetId);
  }
  if (query.from) {
    base = base.where('audit_event.occurred_at', '>=', new Date(query.from));
  }
  if (query.to) {
    base = base.where('audit_event.occurred_at', '<', new Date(query.to));
  }
  const [rows, count] = await Promise.all([
    base
      .select([
        'audit_event.seq',
        'audit_event.occurred_at',
        'audit_event.action',
        'audit_event.outcome',
        'audit_event.actor_user_id',
        'app_user.username',
        'audit_event.actor_agency_id',
        'audit_event.actor_country',
        'audit_event.target_type',
        'audit_event.target_id',
        'audit_event.request_id',
        'audit_event.ip',
        'audit_event.details',
      ])
      .orderBy('audit_event.seq', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  await appendAuditEventNow(
    ctx.db,
    auditEvent(
      auth,
      'audit.search',
      { type: 'audit', id: null },
      { page: query.page, results: rows.length },
    ),
    ctx.now(),
  );
  return {
    items: rows.map((r) => ({
      seq: r.seq,
      occurredAt: r.occurred_at.toISOString(),
      action: r.action,
      outcome: r.outcome,
      actorUserId: r.actor_user_id,
      actorUsername: r.username,
      actorAgencyId: r.actor_agency_id,
      actorCountry: r.actor_country,
      targetType: r.target_type,
      targetId: r.target_id,
      requestId: r.request_id,
      ip: r.ip,
      details: r.details,
    })),
    total: count.total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Verify the audit chain on behalf of an administrator; the check is audited. @throws FORBIDDEN */
export async function verifyAuditChainAs(args: {
  ctx: ServiceContext;
  auth: AuthContext;
}): Promise<AuditVerifyResult> {
  await requireScope(args.ctx, args.auth, 'read', 'audit');
  const result = await verifyAuditChain(args.ctx.db);
  await appendAuditEventNow(
    args.ctx.db,
    auditEvent(
      args.auth,
      'audit.verify',
      { type: 'audit', id: null },
      { ok: result.ok, checked: result.checked },
    ),
    args.ctx.now(),
  );
  return result;
}
