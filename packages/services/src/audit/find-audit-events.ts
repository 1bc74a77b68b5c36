import type { Db } from '@ctip/db';
import { type Actor, type AuditQuery, AuditQuerySchema, type Page, type Scope } from '@ctip/domain';
import { auditEvent, requireScope } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { appendAuditEventNow } from './append-audit-event';
import { type AuditVerifyResult, verifyAuditChain } from './verify-audit-chain';

type AuditFilters = Omit<AuditQuery, 'page' | 'pageSize'>;

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

/** The audit events within `scope` of the actor that match the filters (shared by search and export). */
function filteredAuditEvents(db: Db, actor: Actor, scope: Scope, query: AuditFilters) {
  let base = db
    .selectFrom('audit_event')
    .leftJoin('app_user', 'app_user.id', 'audit_event.actor_user_id');
  if (scope === 'country') {
    base = base.where('audit_event.actor_country', '=', actor.countryCode);
  } else if (scope === 'agency') {
    base = base.where('audit_event.actor_agency_id', '=', actor.agencyId);
  } else if (scope === 'own') {
    base = base.where('audit_event.actor_user_id', '=', actor.userId);
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
  return base;
}

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
  const base = filteredAuditEvents(ctx.db, auth.actor, scope, query);
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

const EXPORT_LIMIT = 100_000;
const EXPORT_COLUMNS = [
  'seq',
  'occurred_at',
  'action',
  'outcome',
  'actor_user_id',
  'actor_agency_id',
  'actor_country',
  'target_type',
  'target_id',
  'request_id',
  'ip',
  'details',
  'prev_hash',
  'hash',
] as const;

/** Quote a CSV cell; cells starting with = + - @ are prefixed so spreadsheets do not run them. */
function csvCell(value: unknown): string {
  let text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'object' && value !== null
        ? JSON.stringify(value)
        : String(value ?? '');
  if (/^[=+\-@]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Export matching audit events (oldest first, with their hashes so the extract can be checked) as
 * CSV, within the caller's export scope; at most 100,000 rows. The export is itself audited.
 * @throws FORBIDDEN
 */
export async function exportAuditEvents(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: Partial<AuditQuery>;
}): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const { ctx, auth } = args;
  const query = parseInput(AuditQuerySchema, args.query);
  const scope = await requireScope(ctx, auth, 'export', 'audit');
  const rows = await filteredAuditEvents(ctx.db, auth.actor, scope, query)
    .select(EXPORT_COLUMNS.map((c) => `audit_event.${c}` as const))
    .orderBy('audit_event.seq')
    .limit(EXPORT_LIMIT + 1)
    .execute();
  const truncated = rows.length > EXPORT_LIMIT;
  const kept = truncated ? rows.slice(0, EXPORT_LIMIT) : rows;
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const row of kept) {
    lines.push(EXPORT_COLUMNS.map((c) => csvCell(row[c])).join(','));
  }
  await appendAuditEventNow(
    ctx.db,
    auditEvent(auth, 'audit.export', { type: 'audit', id: null }, { rows: kept.length, truncated }),
    ctx.now(),
  );
  return { csv: `${lines.join('\r\n')}\r\n`, rows: kept.length, truncated };
}
