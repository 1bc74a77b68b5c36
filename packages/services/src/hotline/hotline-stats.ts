import type { Db } from '@ctip/db';
import {
  type HotlineStats,
  type HotlineStatsCell,
  type HotlineStatsQuery,
  HotlineStatsQuerySchema,
  hotlineMonthBounds,
  hotlineMonths,
  type Scope,
} from '@ctip/domain';
import { sql } from 'kysely';
import { appendAuditEventNow } from '../audit/append-audit-event';
import { auditEvent, requireScope } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { scopedHotlineCalls } from './hotline-scope';

/**
 * Monthly call counts by category and by language over the calls the caller may read, counted in
 * SQL (GROUP BY) with months taken in the caller's UTC offset. Audited as `hotline.search` with the
 * range only. Only non-empty cells are returned; `hotlineStatsPivot` fills zeros for charts.
 *
 * ### SQL (by category; by language groups on `language`)
 * ```sql
 * SELECT to_char((received_at AT TIME ZONE 'UTC') + 420 * interval '1 minute', 'YYYY-MM') AS month,
 *        category AS key, count(*) AS count
 * FROM hotline_call WHERE agency_id = $1 AND received_at >= $2 AND received_at < $3
 * GROUP BY 1, 2 ORDER BY 1, 2
 * ```
 * @throws INVALID_INPUT (naming the field), FORBIDDEN (audited)
 */
export async function getHotlineStats(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: HotlineStatsQuery;
}): Promise<HotlineStats> {
  const { ctx, auth } = args;
  const query = parseInput(HotlineStatsQuerySchema, args.query);
  const scope = await requireScope(ctx, auth, 'read', 'hotline_call');
  const { start, end } = hotlineMonthBounds(query.from, query.to, query.utcOffsetMinutes);
  const cells = async (column: 'category' | 'language'): Promise<HotlineStatsCell[]> => {
    const rows = await hotlineStatsQuery(ctx.db, auth, scope, {
      column,
      start,
      end,
      utcOffsetMinutes: query.utcOffsetMinutes,
    }).execute();
    return rows.map((r) => ({ month: r.month, key: r.key, count: Number(r.count) }));
  };
  const byCategory = await cells('category');
  const byLanguage = await cells('language');
  await appendAuditEventNow(
    ctx.db,
    auditEvent(
      auth,
      'hotline.search',
      { type: 'hotline_call', id: null },
      { statistics: true, from: query.from, to: query.to },
    ),
    ctx.now(),
  );
  return {
    months: hotlineMonths(query.from, query.to),
    byCategory,
    byLanguage,
    total: byCategory.reduce((sum, c) => sum + c.count, 0),
  };
}

/**
 * The GROUP BY query behind {@link getHotlineStats} for one breakdown (category or language), over
 * the calls the caller reaches at `scope` received in `[start, end)`.
 */
export function hotlineStatsQuery(
  db: Db,
  auth: AuthContext,
  scope: Scope,
  opts: { column: 'category' | 'language'; start: Date; end: Date; utcOffsetMinutes: number },
) {
  // The offset is a validated integer, inlined so the SELECT and GROUP BY expressions are identical.
  const month = sql<string>`to_char((hotline_call.received_at AT TIME ZONE 'UTC') + ${sql.lit(
    Math.trunc(opts.utcOffsetMinutes),
  )} * interval '1 minute', 'YYYY-MM')`;
  return scopedHotlineCalls(db, auth, scope)
    .where('hotline_call.received_at', '>=', opts.start)
    .where('hotline_call.received_at', '<', opts.end)
    .select([
      month.as('month'),
      sql<string>`hotline_call.${sql.ref(opts.column)}`.as('key'),
      (eb) => eb.fn.countAll<string | number>().as('count'),
    ])
    .groupBy([sql`1`, sql`2`])
    .orderBy(sql`1`)
    .orderBy(sql`2`);
}
