import {
  can,
  DomainError,
  type Page,
  type Referral,
  type ReferralListQuery,
  ReferralListQuerySchema,
} from '@ctip/domain';
import { appendAuditEvent, appendAuditEventNow } from '../audit/append-audit-event';
import { caseRecordScope, hasReferralAccess, loadCaseForAccess } from '../cases/case-access';
import { auditEvent, authorize, denyAccess } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { insertNotification, todayOf } from './common';
import {
  isReceiver,
  isSender,
  type ReferralRow,
  referralRowToReferral,
  selectReferrals,
} from './referral-presenter';

/**
 * Write `referral_overdue` notifications (to the receiving side) for open referrals past due that
 * were not notified yet; once per referral. Called when inboxes are listed.
 * @returns how many were newly notified
 */
export async function notifyNewlyOverdue(
  ctx: ServiceContext,
  rows: readonly Pick<
    ReferralRow,
    | 'id'
    | 'case_id'
    | 'case_code'
    | 'kind'
    | 'to_agency_id'
    | 'to_user_id'
    | 'from_agency_id'
    | 'from_user_id'
  >[],
): Promise<number> {
  if (rows.length === 0) {
    return 0;
  }
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const fresh = await trx
      .updateTable('referral')
      .set({ overdue_notified_at: now })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .where('overdue_notified_at', 'is', null)
      .returning('id')
      .execute();
    const ids = new Set(fresh.map((r) => r.id));
    for (const r of rows.filter((x) => ids.has(x.id))) {
      const params = { caseCode: r.case_code, kind: r.kind };
      await insertNotification(trx, {
        kind: 'referral_overdue',
        userId: r.to_user_id,
        agencyId: r.to_agency_id,
        caseId: r.case_id,
        referralId: r.id,
        params,
        at: now,
      });
      await insertNotification(trx, {
        kind: 'referral_overdue',
        userId: r.from_user_id,
        agencyId: r.from_agency_id,
        caseId: r.case_id,
        referralId: r.id,
        params,
        at: now,
      });
    }
    return ids.size;
  });
}

/**
 * The caller's inbox: incoming (to the caller or the caller's agency) or outgoing (sent by the
 * caller's agency), newest first, with the overdue flag; newly overdue ones are notified. Details
 * are left out of lists. Audited as `referral.read`.
 * @throws FORBIDDEN (audited) when the caller may read no referrals
 */
export async function findReferrals(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: ReferralListQuery;
}): Promise<Page<Referral>> {
  const { ctx, auth } = args;
  const { actor } = auth;
  const query = parseInput(ReferralListQuerySchema, args.query);
  await authorize(ctx, auth, 'read', 'referral');
  const today = todayOf(ctx);
  let base = selectReferrals(ctx.db);
  base =
    query.box === 'incoming'
      ? base.where((eb) =>
          eb.or([
            eb('referral.to_user_id', '=', actor.userId),
            eb('referral.to_agency_id', '=', actor.agencyId),
          ]),
        )
      : base.where((eb) =>
          eb.or([
            eb('referral.from_user_id', '=', actor.userId),
            eb('referral.from_agency_id', '=', actor.agencyId),
          ]),
        );
  if (query.status) {
    base = base.where('referral.status', '=', query.status);
  }
  if (query.overdue) {
    base = base
      .where('referral.status', 'in', ['InProgress', 'Accepted'])
      .where('referral.due_on', '<', today);
  }
  const rows = await base
    .orderBy('referral.created_at', 'desc')
    .orderBy('referral.id')
    .limit(query.pageSize + 1)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const page = rows.slice(0, query.pageSize);
  const items = page.map((r) => referralRowToReferral(ctx.config, actor, r, today, false));
  await notifyNewlyOverdue(
    ctx,
    page.filter((_r, i) => items[i]?.isOverdue),
  );
  await appendAuditEventNow(
    ctx.db,
    auditEvent(
      auth,
      'referral.read',
      { type: 'referral', id: null },
      { box: query.box, results: items.length },
    ),
    ctx.now(),
  );
  return {
    items,
    total: (query.page - 1) * query.pageSize + rows.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * Overdue referrals the caller stands on either side of (or all of the caller's country for a
 * country-wide referral reader), notifying newly overdue ones.
 * @throws FORBIDDEN (audited)
 */
export async function findOverdueReferrals(args: {
  ctx: ServiceContext;
  auth: AuthContext;
}): Promise<Referral[]> {
  const { ctx, auth } = args;
  const { actor } = auth;
  await authorize(ctx, auth, 'read', 'referral');
  const today = todayOf(ctx);
  const countryWide = can(actor, 'read', 'referral', { countryCode: actor.countryCode });
  let q = selectReferrals(ctx.db)
    .where('referral.status', 'in', ['InProgress', 'Accepted'])
    .where('referral.due_on', '<', today);
  q = countryWide
    ? q.where('case_record.country_code', '=', actor.countryCode)
    : q.where((eb) =>
        eb.or([
          eb('referral.to_user_id', '=', actor.userId),
          eb('referral.to_agency_id', '=', actor.agencyId),
          eb('referral.from_agency_id', '=', actor.agencyId),
        ]),
      );
  const rows = await q.orderBy('referral.due_on').orderBy('referral.id').limit(500).execute();
  await notifyNewlyOverdue(ctx, rows);
  await appendAuditEventNow(
    ctx.db,
    auditEvent(
      auth,
      'referral.read',
      { type: 'referral', id: null },
      { overdue: true, results: rows.length },
    ),
    ctx.now(),
  );
  return rows.map((r) => referralRowToReferral(ctx.config, actor, r, today, false));
}

/**
 * The referrals of one case (for its Referrals tab), with details for readers of the case.
 * @throws FORBIDDEN (audited) without read access to the case
 */
export async function listCaseReferrals(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
}): Promise<Referral[]> {
  const { ctx, auth } = args;
  const kase = await loadCaseForAccess(ctx, auth, args.caseId, 'read');
  const today = todayOf(ctx);
  let q = selectReferrals(ctx.db).where('referral.case_id', '=', kase.id);
  // A receiver reading through its referral sees its own referrals, not the owner's others.
  if (!can(auth.actor, 'read', 'case', caseRecordScope(kase))) {
    q = q.where((eb) =>
      eb.or([
        eb('referral.to_agency_id', '=', auth.actor.agencyId),
        eb('referral.from_agency_id', '=', auth.actor.agencyId),
      ]),
    );
  }
  const rows = await q.orderBy('referral.created_at', 'desc').orderBy('referral.id').execute();
  await ctx.db
    .transaction()
    .execute((trx) =>
      appendAuditEvent(
        trx,
        auditEvent(auth, 'referral.read', { type: 'case', id: kase.id }, { results: rows.length }),
        ctx.now(),
      ),
    );
  return rows.map((r) => referralRowToReferral(ctx.config, auth.actor, r, today, true));
}

/**
 * One referral, with details when the caller may read its case (sender or receiver side).
 * @throws NOT_FOUND, FORBIDDEN (audited)
 */
export async function getReferral(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  referralId: string;
}): Promise<Referral> {
  const { ctx, auth } = args;
  const row = await selectReferrals(ctx.db)
    .where('referral.id', '=', args.referralId)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such referral');
  }
  const involved = isReceiver(auth.actor, row) || isSender(auth.actor, row);
  if (!involved) {
    await loadCaseForAccess(ctx, auth, row.case_id, 'read');
  }
  const c = await ctx.db
    .selectFrom('case_record')
    .select(['owner_user_id', 'agency_id', 'country_code'])
    .where('id', '=', row.case_id)
    .executeTakeFirstOrThrow();
  const scope = {
    ownerUserId: c.owner_user_id,
    agencyId: c.agency_id,
    countryCode: c.country_code,
  };
  const readsCase =
    can(auth.actor, 'read', 'case', scope) ||
    (await hasReferralAccess(ctx.db, row.case_id, auth.actor.agencyId));
  await appendAuditEventNow(
    ctx.db,
    auditEvent(auth, 'referral.read', { type: 'referral', id: row.id }, { caseId: row.case_id }),
    ctx.now(),
  );
  return referralRowToReferral(ctx.config, auth.actor, row, todayOf(ctx), readsCase);
}

/**
 * Users a referral can name as receiver in an agency (Assign within the owner's agency, or a named
 * receiver elsewhere): active users, display names only.
 * @throws FORBIDDEN (audited) when the caller may not create referrals for that agency's country
 */
export async function findReferralAssignees(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  agencyId: string;
}): Promise<{ id: string; displayName: string }[]> {
  const { ctx, auth } = args;
  const agency = await ctx.db
    .selectFrom('agency')
    .select(['id', 'country_code'])
    .where('id', '=', args.agencyId)
    .executeTakeFirst();
  if (!agency || agency.country_code !== auth.actor.countryCode) {
    await denyAccess(ctx, auth, 'create', 'referral', args.agencyId);
  }
  await authorize(ctx, auth, 'create', 'referral');
  const rows = await ctx.db
    .selectFrom('app_user')
    .select(['id', 'display_name'])
    .where('agency_id', '=', args.agencyId)
    .where('is_disabled', '=', false)
    .orderBy('display_name')
    .limit(500)
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name }));
}
