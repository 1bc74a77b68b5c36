import {
  type Page,
  type ScreeningListQuery,
  ScreeningListQuerySchema,
  type ScreeningSummary,
} from '@ctip/domain';
import { appendAuditEventNow } from '../audit/append-audit-event';
import { auditEvent, requireScope } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { canReadLinkedCase } from './linked-case-access';
import { screeningRowToSummary } from './screening-presenter';

/**
 * Screenings the caller may read (own, agency, country or region by role; with `caseId`, every
 * screening of a case the caller may read), newest first: coded fields only. Audited as a read of a list (filters and counts, no personal data).
 * @throws INVALID_INPUT, FORBIDDEN (audited) when the caller may read no screening
 */
export async function findScreenings(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: ScreeningListQuery;
}): Promise<Page<ScreeningSummary>> {
  const { ctx, auth } = args;
  const query = parseInput(ScreeningListQuerySchema, args.query);
  // The screenings of a case the caller may read come with the case; otherwise the screening scope.
  const isViaCase = query.caseId ? await canReadLinkedCase(ctx, auth, query.caseId) : false;
  const scope = isViaCase ? 'region' : await requireScope(ctx, auth, 'read', 'screening');
  let base = ctx.db.selectFrom('screening');
  if (scope === 'country') {
    base = base.where('country_code', '=', auth.actor.countryCode);
  } else if (scope === 'agency') {
    base = base.where('agency_id', '=', auth.actor.agencyId);
  } else if (scope === 'own') {
    base = base.where('screener_user_id', '=', auth.actor.userId);
  }
  if (query.caseId) {
    base = base.where('case_id', '=', query.caseId);
  }
  if (query.hotlineCallId) {
    base = base.where('hotline_call_id', '=', query.hotlineCallId);
  }
  if (query.outcome) {
    base = base.where('outcome', '=', query.outcome);
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('screened_at', 'desc')
      .orderBy('id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<string | number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  await appendAuditEventNow(
    ctx.db,
    auditEvent(
      auth,
      'screening.read',
      { type: 'screening', id: null },
      {
        list: true,
        viaCase: isViaCase,
        page: query.page,
        results: rows.length,
        filtered: Boolean(query.caseId || query.hotlineCallId || query.outcome),
      },
    ),
    ctx.now(),
  );
  return {
    items: rows.map(screeningRowToSummary),
    total: Number(count.total),
    page: query.page,
    pageSize: query.pageSize,
  };
}
