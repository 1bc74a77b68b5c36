import {
  ApprovalInputSchema,
  ApprovalListQuerySchema,
  type ApprovalResult,
  type StatApprovalView,
  UnapprovalInputSchema,
} from '@ctip/domain';
import { sql } from 'kysely';
import type { z } from 'zod';
import { appendAuditEvent } from '../../audit/append-audit-event';
import { auditEvent } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import { kickOutbox } from '../../federation/outbox';
import { publishApprovedDataSet, withdrawPublishedDataSet } from '../regional/publish';
import {
  authorizeCountry,
  conflict,
  countryExists,
  countryFilter,
  type DataSetWithElements,
  invalid,
  loadDataSet,
  periodProblem,
  presentApproval,
  presentViolation,
  type Reader,
  selectViolations,
} from './common';
import { loadFiscalStartMonth } from './settings';

type Key = { dataSet: string; country: string; period: string };

/**
 * Approvals per data set, country and period, and the combinations that hold values but were never
 * approved (status Open, version 0). Country-scoped callers see their own country.
 * @throws INVALID_INPUT, FORBIDDEN (audited) without statistic:read
 */
export async function listApprovals(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: z.input<typeof ApprovalListQuerySchema>;
}): Promise<{ items: StatApprovalView[] }> {
  const { ctx, auth } = args;
  const query = parseInput(ApprovalListQuerySchema, args.query);
  const own = await countryFilter(ctx, auth, 'read');
  if (own !== null && query.country !== undefined && query.country !== own) {
    await authorizeCountry(ctx, auth, 'read', query.country);
  }
  const country = query.country ?? own;
  let rows = ctx.db.selectFrom('stat_approval').selectAll();
  let open = ctx.db
    .selectFrom('stat_value as v')
    .innerJoin('stat_data_set_element as dse', 'dse.data_element', 'v.data_element')
    .innerJoin('stat_data_set as ds', (j) =>
      j.onRef('ds.code', '=', 'dse.data_set').onRef('ds.period_type', '=', 'v.period_type'),
    )
    .select(['dse.data_set as data_set', 'v.country as country', 'v.period as period'])
    .distinct()
    .where('v.province', '=', '')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('stat_approval as a')
            .select(sql`1`.as('one'))
            .whereRef('a.data_set', '=', 'dse.data_set')
            .whereRef('a.country', '=', 'v.country')
            .whereRef('a.period', '=', 'v.period'),
        ),
      ),
    );
  if (country !== null) {
    rows = rows.where('country', '=', country);
    open = open.where('v.country', '=', country);
  }
  if (query.dataSet) {
    rows = rows.where('data_set', '=', query.dataSet);
    open = open.where('dse.data_set', '=', query.dataSet);
  }
  if (query.period) {
    rows = rows.where('period', '=', query.period);
    open = open.where('v.period', '=', query.period);
  }
  const [approved, never] = await Promise.all([rows.execute(), open.limit(2000).execute()]);
  const items = [
    ...approved.map((r) =>
      presentApproval(r, { dataSet: r.data_set, country: r.country, period: r.period }),
    ),
    ...never.map((k) =>
      presentApproval(undefined, { dataSet: k.data_set, country: k.country, period: k.period }),
    ),
  ];
  items.sort(
    (a, b) =>
      b.period.localeCompare(a.period) ||
      a.country.localeCompare(b.country) ||
      a.dataSet.localeCompare(b.dataSet),
  );
  return { items };
}

async function loadTarget(ctx: ServiceContext, key: Key): Promise<DataSetWithElements> {
  const set = await loadDataSet(ctx.db, key.dataSet);
  if (!set) {
    throw invalid('dataSet', 'no such data set');
  }
  if (!(await countryExists(ctx.db, key.country))) {
    throw invalid('country', 'is not a known country');
  }
  const problem = periodProblem(
    key.period,
    set.periodType,
    await loadFiscalStartMonth(ctx.db, key.country),
  );
  if (problem) {
    throw invalid('period', problem);
  }
  return set;
}

async function unresolvedFindings(db: Reader, set: DataSetWithElements, key: Key) {
  const codes = set.elements.map((e) => e.dataElement);
  if (codes.length === 0) {
    return [];
  }
  const rows = await selectViolations(db)
    .where('v.data_element', 'in', codes)
    .where('v.country', '=', key.country)
    .where('v.period', '=', key.period)
    .where('v.status', '!=', 'Resolved')
    .orderBy('v.data_element')
    .orderBy('v.rule_code')
    .orderBy('v.violation_key')
    .execute();
  return rows.map(presentViolation);
}

/**
 * Approve a data set for a country and period: its values lock (entry and import refuse changes
 * until un-approved), the version goes up by one, and the approved set is published (disclosure-
 * controlled snapshot, push to the regional node) in the same transaction. Allowed with findings
 * still open: they stay visible and are returned.
 * @throws INVALID_INPUT (field named; also when no value was entered), FORBIDDEN (audited;
 *   statistic:approve in the country), CONFLICT (already approved)
 */
export async function approveDataSet(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: Key;
}): Promise<ApprovalResult> {
  const { ctx, auth } = args;
  const input = parseInput(ApprovalInputSchema, args.input);
  const set = await loadTarget(ctx, input);
  await authorizeCountry(ctx, auth, 'approve', input.country);
  const codes = set.elements.map((e) => e.dataElement);
  const now = ctx.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('stat_approval')
      .selectAll()
      .where('data_set', '=', input.dataSet)
      .where('country', '=', input.country)
      .where('period', '=', input.period)
      .forUpdate()
      .executeTakeFirst();
    if (row?.status === 'Approved') {
      throw conflict('This data set is already approved for the period');
    }
    const anyValue =
      codes.length === 0
        ? undefined
        : await trx
            .selectFrom('stat_value')
            .select('id')
            .where('data_element', 'in', codes)
            .where('country', '=', input.country)
            .where('period', '=', input.period)
            .limit(1)
            .executeTakeFirst();
    if (!anyValue) {
      throw invalid('period', 'no value of this data set was entered for the period');
    }
    const version = (row ? Number(row.version) : 0) + 1;
    if (row) {
      await trx
        .updateTable('stat_approval')
        .set({
          status: 'Approved',
          version,
          approved_by: auth.actor.userId,
          approved_at: now,
        })
        .where('data_set', '=', input.dataSet)
        .where('country', '=', input.country)
        .where('period', '=', input.period)
        .execute();
    } else {
      await trx
        .insertInto('stat_approval')
        .values({
          data_set: input.dataSet,
          country: input.country,
          period: input.period,
          status: 'Approved',
          version,
          approved_by: auth.actor.userId,
          approved_at: now,
        })
        .execute();
    }
    await publishApprovedDataSet(trx, ctx, {
      dataSet: input.dataSet,
      country: input.country,
      period: input.period,
      version,
      approvedAt: now,
    });
    const findings = await unresolvedFindings(trx, set, input);
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'statistics.approve',
        { type: 'stat_data_set', id: input.dataSet },
        {
          dataSet: input.dataSet,
          country: input.country,
          period: input.period,
          version,
          openViolations: findings.filter((f) => f.status === 'Open').length,
        },
      ),
      now,
    );
    const after = await trx
      .selectFrom('stat_approval')
      .selectAll()
      .where('data_set', '=', input.dataSet)
      .where('country', '=', input.country)
      .where('period', '=', input.period)
      .executeTakeFirstOrThrow();
    return { approval: presentApproval(after, input), openViolations: findings };
  });
  kickOutbox(ctx);
  return result;
}

/**
 * Un-approve (with a reason): the values unlock and the published set is withdrawn (also from the
 * regional node) in the same transaction. The version stays; the next approval takes the next one.
 * @throws INVALID_INPUT (field named), FORBIDDEN (audited), CONFLICT (not approved)
 */
export async function unapproveDataSet(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: Key & { reason: string };
}): Promise<StatApprovalView> {
  const { ctx, auth } = args;
  const input = parseInput(UnapprovalInputSchema, args.input);
  await loadTarget(ctx, input);
  await authorizeCountry(ctx, auth, 'approve', input.country);
  const now = ctx.now();
  const result = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('stat_approval')
      .selectAll()
      .where('data_set', '=', input.dataSet)
      .where('country', '=', input.country)
      .where('period', '=', input.period)
      .forUpdate()
      .executeTakeFirst();
    if (row?.status !== 'Approved') {
      throw conflict('This data set is not approved for the period');
    }
    await trx
      .updateTable('stat_approval')
      .set({
        status: 'Unapproved',
        unapproved_by: auth.actor.userId,
        unapproved_at: now,
        reason: input.reason,
      })
      .where('data_set', '=', input.dataSet)
      .where('country', '=', input.country)
      .where('period', '=', input.period)
      .execute();
    const version = Number(row.version);
    await withdrawPublishedDataSet(trx, ctx, {
      dataSet: input.dataSet,
      country: input.country,
      period: input.period,
      version,
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'statistics.unapprove',
        { type: 'stat_data_set', id: input.dataSet },
        {
          dataSet: input.dataSet,
          country: input.country,
          period: input.period,
          version,
          reason: input.reason,
        },
      ),
      now,
    );
    const after = await trx
      .selectFrom('stat_approval')
      .selectAll()
      .where('data_set', '=', input.dataSet)
      .where('country', '=', input.country)
      .where('period', '=', input.period)
      .executeTakeFirstOrThrow();
    return presentApproval(after, input);
  });
  kickOutbox(ctx);
  return result;
}

/**
 * Which of these blocks are locked: the element belongs to a data set approved for the country
 * and period (entry refuses them with 409; an import should too).
 * @returns the locked blocks, with the approved data set
 */
export async function findLockedBlocks(
  db: Reader,
  blocks: readonly { dataElement: string; country: string; period: string }[],
): Promise<{ dataElement: string; country: string; period: string; dataSet: string }[]> {
  if (blocks.length === 0) {
    return [];
  }
  const countries = [...new Set(blocks.map((b) => b.country))];
  const periods = [...new Set(blocks.map((b) => b.period))];
  const rows = await db
    .selectFrom('stat_approval as a')
    .innerJoin('stat_data_set_element as dse', 'dse.data_set', 'a.data_set')
    .select(['a.data_set', 'a.country', 'a.period', 'dse.data_element'])
    .where('a.status', '=', 'Approved')
    .where('a.country', 'in', countries)
    .where('a.period', 'in', periods)
    .execute();
  const locked = new Map(
    rows.map((r) => [`${r.data_element}|${r.country}|${r.period}`, r.data_set]),
  );
  return blocks.flatMap((b) => {
    const dataSet = locked.get(`${b.dataElement}|${b.country}|${b.period}`);
    return dataSet ? [{ ...b, dataSet }] : [];
  });
}
