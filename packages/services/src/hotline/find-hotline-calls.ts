import {
  type HotlineCallListQuery,
  HotlineCallListQuerySchema,
  type HotlineCallSummary,
  type Page,
} from '@ctip/domain';
import { appendAuditEventNow } from '../audit/append-audit-event';
import { auditEvent, requireScope } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { hotlineRowToSummary } from './hotline-presenter';
import { scopedHotlineCalls } from './hotline-scope';

/**
 * Calls the caller may read, newest first: coded fields only. Audited as `hotline.search` (filters
 * used and counts, no personal data).
 * @throws INVALID_INPUT, FORBIDDEN (audited) when the caller may read no call
 */
export async function findHotlineCalls(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: HotlineCallListQuery;
}): Promise<Page<HotlineCallSummary>> {
  const { ctx, auth } = args;
  const query = parseInput(HotlineCallListQuerySchema, args.query);
  const scope = await requireScope(ctx, auth, 'read', 'hotline_call');
  let base = scopedHotlineCalls(ctx.db, auth, scope);
  if (query.from) {
    base = base.where('received_at', '>=', new Date(query.from));
  }
  if (query.to) {
    base = base.where('received_at', '<', new Date(query.to));
  }
  if (query.category) {
    base = base.where('category', '=', query.category);
  }
  if (query.caseId) {
    base = base.where('case_id', '=', query.caseId);
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('received_at', 'desc')
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
      'hotline.search',
      { type: 'hotline_call', id: null },
      {
        page: query.page,
        results: rows.length,
        filtered: Boolean(query.from || query.to || query.category || query.caseId),
      },
    ),
    ctx.now(),
  );
  return {
    items: rows.map(hotlineRowToSummary),
    total: Number(count.total),
    page: query.page,
    pageSize: query.pageSize,
  };
}
