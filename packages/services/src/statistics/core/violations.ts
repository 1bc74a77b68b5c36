import {
  type StatViolationView,
  ViolationAnnotateInputSchema,
  ViolationListQuerySchema,
} from '@ctip/domain';
import type { z } from 'zod';
import { appendAuditEvent } from '../../audit/append-audit-event';
import { auditEvent } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import {
  authorizeCountry,
  conflict,
  countryFilter,
  invalid,
  notFound,
  presentViolation,
  selectViolations,
} from './common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Validation findings, most recently seen first, with the total count. A country-scoped caller sees
 * its own country only (asking for another is refused, audited).
 * @throws INVALID_INPUT, FORBIDDEN (audited) without statistic:read
 */
export async function listViolations(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: z.input<typeof ViolationListQuerySchema>;
}): Promise<{ items: StatViolationView[]; total: number }> {
  const { ctx, auth } = args;
  const query = parseInput(ViolationListQuerySchema, args.query);
  const own = await countryFilter(ctx, auth, 'read');
  if (own !== null && query.country !== undefined && query.country !== own) {
    await authorizeCountry(ctx, auth, 'read', query.country);
  }
  const country = query.country ?? own;
  let q = selectViolations(ctx.db);
  if (query.status !== 'any') {
    q = q.where('v.status', '=', query.status);
  }
  if (country !== null) {
    q = q.where('v.country', '=', country);
  }
  if (query.dataElement) {
    q = q.where('v.data_element', '=', query.dataElement);
  }
  if (query.period) {
    q = q.where('v.period', '=', query.period);
  }
  const [rows, count] = await Promise.all([
    q
      .orderBy('v.last_seen_at', 'desc')
      .orderBy('v.country')
      .orderBy('v.data_element')
      .orderBy('v.period')
      .orderBy('v.violation_key')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirst(),
  ]);
  return { items: rows.map(presentViolation), total: Number(count?.n ?? 0) };
}

/**
 * Explain a finding ("as printed in S004"): it stays visible as Annotated until the data change so
 * the rule holds. A resolved finding cannot be annotated.
 * @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN (audited; statistic:update in its country), CONFLICT
 */
export async function annotateViolation(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  violationId: string;
  input: { annotation: string };
}): Promise<StatViolationView> {
  const { ctx, auth, violationId } = args;
  const input = parseInput(ViolationAnnotateInputSchema, args.input);
  if (!UUID.test(violationId)) {
    throw invalid('id', 'is not an id');
  }
  const row = await ctx.db
    .selectFrom('stat_violation')
    .selectAll()
    .where('id', '=', violationId)
    .executeTakeFirst();
  if (!row) {
    throw notFound('validation finding');
  }
  await authorizeCountry(ctx, auth, 'update', row.country);
  if (row.status === 'Resolved') {
    throw conflict('This finding is resolved: the data now satisfy the rule');
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('stat_violation')
      .set({
        status: 'Annotated',
        annotation: input.annotation,
        annotated_by: auth.actor.userId,
        annotated_at: now,
      })
      .where('id', '=', violationId)
      .execute();
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'statistics.violation_annotate',
        { type: 'stat_violation', id: violationId },
        {
          ruleCode: row.rule_code,
          dataElement: row.data_element,
          country: row.country,
          period: row.period,
        },
      ),
      now,
    );
  });
  const after = await selectViolations(ctx.db)
    .where('v.id', '=', violationId)
    .executeTakeFirstOrThrow();
  return presentViolation(after);
}
