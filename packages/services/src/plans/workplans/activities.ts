import {
  checkMoney,
  DomainError,
  type WorkplanActivityInput,
  WorkplanActivityInputSchema,
  type WorkplanActivityUpdateInput,
  WorkplanActivityUpdateInputSchema,
  type WorkplanView,
} from '@ctip/domain';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import { audit, expectOneUpdated, givenColumns } from '../common';
import {
  checkAgencies,
  invalid,
  loadWorkplanFor,
  notFound,
  num,
  type Reader,
  stale,
  type WorkplanRow,
} from './common';
import { getWorkplan } from './workplans';

/**
 * The framework activity must be a node of kind 'activity' in the workplan's framework.
 * @throws INVALID_INPUT naming nodeId
 */
async function checkNode(db: Reader, workplan: WorkplanRow, nodeId: string): Promise<void> {
  const node = await db
    .selectFrom('plan_node')
    .select(['framework_id', 'kind'])
    .where('id', '=', nodeId)
    .executeTakeFirst();
  if (!node || node.framework_id !== workplan.framework_id) {
    throw invalid('nodeId', `is not an activity of framework ${workplan.framework_id}`);
  }
  if (node.kind !== 'activity') {
    throw invalid('nodeId', `is a ${node.kind}, not an activity`);
  }
}

/**
 * A planned amount is in the workplan's currency and needs a USD rate (its own or the
 * workplan's) unless that currency is USD.
 * @throws INVALID_INPUT naming plannedUsdRate
 */
function checkPlannedMoney(
  workplan: WorkplanRow,
  amount: number | null,
  ownRate: number | null,
): void {
  const issues = checkMoney(
    {
      countryCode: workplan.country_code.trim(),
      currency: workplan.currency.trim(),
      amount,
      usdRate: ownRate ?? num(workplan.usd_rate),
    },
    { currency: 'currency', usdRate: 'plannedUsdRate' },
  );
  const first = issues[0];
  if (first) {
    throw invalid(
      first.path,
      first.code === 'rate_required'
        ? `a USD rate is required for an amount in ${workplan.currency.trim()}`
        : "the workplan's currency is not allowed for its country",
    );
  }
}

/**
 * Add a national activity under a framework activity.
 * @throws INVALID_INPUT (node not an activity of the framework, agency of another country, amount
 *   without rate), NOT_FOUND, FORBIDDEN (audited)
 */
export async function addWorkplanActivity(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  workplanId: string;
  input: WorkplanActivityInput;
}): Promise<WorkplanView> {
  const { ctx, auth, workplanId } = args;
  const input = parseInput(WorkplanActivityInputSchema, args.input);
  const workplan = await loadWorkplanFor(ctx, auth, ctx.db, workplanId, 'update');
  await checkNode(ctx.db, workplan, input.nodeId);
  await checkAgencies(
    ctx.db,
    workplan.country_code.trim(),
    input.leadAgencyId,
    input.partnerAgencyIds,
  );
  checkPlannedMoney(workplan, input.plannedAmount ?? null, input.plannedUsdRate ?? null);
  const id = crypto.randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    let position = input.position;
    if (position === undefined) {
      const max = await trx
        .selectFrom('workplan_activity')
        .select((eb) => eb.fn.max('position').as('max'))
        .where('workplan_id', '=', workplanId)
        .executeTakeFirst();
      position = max?.max === null || max?.max === undefined ? 0 : Number(max.max) + 1;
    }
    await trx
      .insertInto('workplan_activity')
      .values({
        id,
        workplan_id: workplanId,
        node_id: input.nodeId,
        title: input.title,
        title_local: input.titleLocal ?? null,
        lead_agency_id: input.leadAgencyId ?? null,
        lead_agency_text: input.leadAgencyText ?? null,
        partner_agency_ids: input.partnerAgencyIds ?? [],
        partners_text: input.partnersText ?? null,
        planned_amount: input.plannedAmount ?? null,
        planned_usd_rate: input.plannedUsdRate ?? null,
        position,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx
      .updateTable('workplan')
      .set({ updated_at: now })
      .where('id', '=', workplanId)
      .execute();
    await audit(
      trx,
      now,
      auth,
      'plans.workplan_save',
      { type: 'workplan', id: workplanId },
      { op: 'activity_add', activity: id, node: input.nodeId },
    );
  });
  return getWorkplan({ ctx, auth, id: workplanId });
}

/**
 * Change a workplan activity (optimistic lock on `version`; fields left out keep their value).
 * @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN (audited), CONFLICT (stale version)
 */
export async function updateWorkplanActivity(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  workplanId: string;
  activityId: string;
  input: WorkplanActivityUpdateInput;
}): Promise<WorkplanView> {
  const { ctx, auth, workplanId, activityId } = args;
  const input = parseInput(WorkplanActivityUpdateInputSchema, args.input);
  const workplan = await loadWorkplanFor(ctx, auth, ctx.db, workplanId, 'update');
  const row = await ctx.db
    .selectFrom('workplan_activity')
    .selectAll()
    .where('id', '=', activityId)
    .where('workplan_id', '=', workplanId)
    .executeTakeFirst();
  if (!row) {
    throw notFound('workplan activity');
  }
  if (input.nodeId !== undefined) {
    await checkNode(ctx.db, workplan, input.nodeId);
  }
  await checkAgencies(
    ctx.db,
    workplan.country_code.trim(),
    input.leadAgencyId,
    input.partnerAgencyIds,
  );
  const amount = input.plannedAmount === undefined ? num(row.planned_amount) : input.plannedAmount;
  const rate =
    input.plannedUsdRate === undefined ? num(row.planned_usd_rate) : input.plannedUsdRate;
  checkPlannedMoney(workplan, amount, rate);
  const now = ctx.now();
  const set = {
    ...givenColumns(input, {
      nodeId: 'node_id',
      title: 'title',
      titleLocal: 'title_local',
      leadAgencyId: 'lead_agency_id',
      leadAgencyText: 'lead_agency_text',
      partnerAgencyIds: 'partner_agency_ids',
      partnersText: 'partners_text',
      position: 'position',
    }),
    planned_amount: amount,
    planned_usd_rate: rate,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('workplan_activity')
      .set({ ...set, version: input.version + 1, updated_at: now })
      .where('id', '=', activityId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    expectOneUpdated(res, () => stale('workplan activity'));
    await trx
      .updateTable('workplan')
      .set({ updated_at: now })
      .where('id', '=', workplanId)
      .execute();
    await audit(
      trx,
      now,
      auth,
      'plans.workplan_save',
      { type: 'workplan', id: workplanId },
      {
        op: 'activity_update',
        activity: activityId,
        fields: Object.keys(input).filter((k) => k !== 'version'),
      },
    );
  });
  return getWorkplan({ ctx, auth, id: workplanId });
}

/**
 * Remove an activity from a workplan. Refused once progress was reported on it, since its entries
 * would go with it.
 * @throws NOT_FOUND, FORBIDDEN (audited), CONFLICT (progress reported)
 */
export async function removeWorkplanActivity(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  workplanId: string;
  activityId: string;
}): Promise<WorkplanView> {
  const { ctx, auth, workplanId, activityId } = args;
  await loadWorkplanFor(ctx, auth, ctx.db, workplanId, 'update');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const entries = await trx
      .selectFrom('progress_entry')
      .select('id')
      .where('workplan_activity_id', '=', activityId)
      .limit(1)
      .execute();
    if (entries.length > 0) {
      throw new DomainError('CONFLICT', 'Progress was reported on this activity; it stays');
    }
    const res = await trx
      .deleteFrom('workplan_activity')
      .where('id', '=', activityId)
      .where('workplan_id', '=', workplanId)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) {
      throw notFound('workplan activity');
    }
    await audit(
      trx,
      now,
      auth,
      'plans.workplan_save',
      { type: 'workplan', id: workplanId },
      { op: 'activity_remove', activity: activityId },
    );
  });
  return getWorkplan({ ctx, auth, id: workplanId });
}
