import {
  checkMoney,
  DomainError,
  type WorkplanCopyInput,
  WorkplanCopyInputSchema,
  type WorkplanCreateInput,
  WorkplanCreateInputSchema,
  type WorkplanListQuery,
  WorkplanListQuerySchema,
  type WorkplanSummary,
  type WorkplanUpdateInput,
  WorkplanUpdateInputSchema,
  type WorkplanView,
  workplanTotals,
} from '@ctip/domain';
import { authorize } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import { audit, expectOneUpdated, givenColumns } from '../common';
import {
  countryExists,
  type FrameworkInfo,
  invalid,
  isUniqueViolation,
  loadActivityViews,
  loadFramework,
  loadFrameworkActivities,
  loadWorkplanFor,
  num,
  planCountryFilter,
  type Reader,
  stale,
  type WorkplanRow,
  workplanSummary,
} from './common';

/** The frameworks a workplan can be made under, with the years each covers. */
export type WorkplanFrameworkOption = {
  id: string;
  title: string;
  shortTitle: string | null;
  first: number;
  last: number;
};

/**
 * Workplans, filtered by the caller's country scope, with activity counts and planned USD, and the
 * frameworks one can be started under.
 * @throws FORBIDDEN (audited) without plan:read, or for another country at country scope
 */
export async function listWorkplans(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query?: WorkplanListQuery;
}): Promise<{ items: WorkplanSummary[]; frameworks: WorkplanFrameworkOption[] }> {
  const { ctx, auth } = args;
  const query = parseInput(WorkplanListQuerySchema, args.query ?? {});
  const country = await planCountryFilter(ctx, auth, 'read', query.country);
  let q = ctx.db.selectFrom('workplan').selectAll();
  if (country !== null) {
    q = q.where('country_code', '=', country);
  }
  if (query.framework) {
    q = q.where('framework_id', '=', query.framework);
  }
  if (query.year !== undefined) {
    q = q.where('year', '=', query.year);
  }
  const rows = await q.orderBy('country_code').orderBy('year', 'desc').execute();
  const acts =
    rows.length === 0
      ? []
      : await ctx.db
          .selectFrom('workplan_activity')
          .select(['workplan_id', 'planned_amount', 'planned_usd_rate'])
          .where(
            'workplan_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute();
  const byPlan = new Map<string, typeof acts>();
  for (const a of acts) {
    byPlan.set(a.workplan_id, [...(byPlan.get(a.workplan_id) ?? []), a]);
  }
  const items = rows.map((r) => {
    const list = byPlan.get(r.id) ?? [];
    const totals = workplanTotals(
      r.currency.trim(),
      num(r.usd_rate),
      list.map((a) => ({
        areaCode: null,
        plannedAmount: num(a.planned_amount),
        plannedUsdRate: num(a.planned_usd_rate),
      })),
    );
    const anyAmount = list.some((a) => a.planned_amount !== null);
    return workplanSummary(r, list.length, anyAmount ? totals.plannedUsd : null);
  });
  const fws = await ctx.db
    .selectFrom('plan_framework')
    .select(['id', 'title', 'short_title', 'period_start', 'period_end', 'extended_to'])
    .where('status', '!=', 'Archived')
    .orderBy('period_start')
    .execute();
  return {
    items,
    frameworks: fws.map((f) => ({
      id: f.id,
      title: f.title,
      shortTitle: f.short_title,
      first: f.period_start,
      last: f.extended_to ?? f.period_end,
    })),
  };
}

async function requireFrameworkYear(
  db: Reader,
  frameworkId: string,
  year: number,
): Promise<FrameworkInfo> {
  const fw = await loadFramework(db, frameworkId);
  if (!fw) {
    throw invalid('frameworkId', 'is not a known framework');
  }
  if (year < fw.years.first || year > fw.years.last) {
    throw invalid('year', `must lie in the framework period ${fw.years.first}–${fw.years.last}`);
  }
  return fw;
}

async function checkNationalPlan(
  db: Reader,
  country: string,
  id: string | null | undefined,
): Promise<void> {
  if (!id) {
    return;
  }
  const row = await db
    .selectFrom('national_plan')
    .select('country_code')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || row.country_code.trim() !== country) {
    throw invalid('nationalPlanId', 'is not a national plan of the workplan country');
  }
}

function throwMoney(issues: ReturnType<typeof checkMoney>): void {
  const first = issues[0];
  if (first) {
    throw invalid(
      first.path,
      first.code === 'currency_not_allowed'
        ? "must be the country's own currency or USD"
        : 'a USD rate is required for an amount not in USD',
    );
  }
}

/**
 * Start a workplan for a country, framework and year (unique per country × framework × year).
 * @throws INVALID_INPUT (year outside the framework, wrong currency, unknown NPA…), FORBIDDEN
 *   (audited) outside the caller's country, CONFLICT when that year's workplan exists
 */
export async function createWorkplan(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: WorkplanCreateInput;
}): Promise<WorkplanView> {
  const { ctx, auth } = args;
  const input = parseInput(WorkplanCreateInputSchema, args.input);
  await authorize(ctx, auth, 'create', 'plan', { countryCode: input.countryCode });
  if (!(await countryExists(ctx.db, input.countryCode))) {
    throw invalid('countryCode', 'is not a known country');
  }
  await requireFrameworkYear(ctx.db, input.frameworkId, input.year);
  throwMoney(
    checkMoney({
      countryCode: input.countryCode,
      currency: input.currency,
      amount: null,
      usdRate: input.usdRate ?? null,
    }),
  );
  await checkNationalPlan(ctx.db, input.countryCode, input.nationalPlanId);
  const id = crypto.randomUUID();
  const now = ctx.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('workplan')
        .values({
          id,
          country_code: input.countryCode,
          framework_id: input.frameworkId,
          year: input.year,
          national_plan_id: input.nationalPlanId ?? null,
          title: input.title ?? null,
          currency: input.currency,
          usd_rate: input.usdRate ?? null,
          note: input.note ?? null,
          created_by: auth.actor.userId,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await audit(
        trx,
        now,
        auth,
        'plans.workplan_save',
        { type: 'workplan', id },
        {
          op: 'create',
          country: input.countryCode,
          framework: input.frameworkId,
          year: input.year,
        },
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new DomainError(
        'CONFLICT',
        'This country already has a workplan for that framework and year',
        { field: 'year' },
      );
    }
    throw err;
  }
  return getWorkplan({ ctx, auth, id });
}

/** The editor's view of a workplan (rows already authorised). */
async function workplanView(ctx: ServiceContext, row: WorkplanRow): Promise<WorkplanView> {
  const fw = await loadFramework(ctx.db, row.framework_id);
  const frameworkActivities = await loadFrameworkActivities(ctx.db, row.framework_id);
  const activities = await loadActivityViews(ctx.db, row, frameworkActivities);
  const country = row.country_code.trim();
  const agencies = await ctx.db
    .selectFrom('agency')
    .select(['id', 'name', 'short_name'])
    .where('country_code', '=', country)
    .where('deleted_at', 'is', null)
    .orderBy('name')
    .execute();
  const reports = await ctx.db
    .selectFrom('progress_report')
    .select('id')
    .where('workplan_id', '=', row.id)
    .limit(1)
    .execute();
  const summary = workplanSummary(row, activities.length, null);
  const { activityCount: _c, plannedUsd: _p, ...header } = summary;
  return {
    ...header,
    frameworkTitle: fw?.title ?? row.framework_id,
    frameworkYears: fw?.years ?? { first: row.year, last: row.year },
    activities,
    totals: workplanTotals(summary.currency, summary.usdRate, activities),
    frameworkActivities,
    agencies: agencies.map((a) => ({ id: a.id, name: a.name, shortName: a.short_name })),
    hasProgress: reports.length > 0,
  };
}

/**
 * One workplan with its activities, USD totals per area, the framework's activities to pick from
 * and the country's agencies.
 * @throws NOT_FOUND, FORBIDDEN (audited) for another country at country scope
 */
export async function getWorkplan(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<WorkplanView> {
  const { ctx, auth, id } = args;
  const row = await loadWorkplanFor(ctx, auth, ctx.db, id, 'read');
  return workplanView(ctx, row);
}

/**
 * Change a workplan's header (optimistic lock on `version`). The currency cannot change while
 * activities carry amounts, and removing the rate is refused while an amount relies on it.
 * @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN (audited), CONFLICT (stale version)
 */
export async function updateWorkplan(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: WorkplanUpdateInput;
}): Promise<WorkplanView> {
  const { ctx, auth, id } = args;
  const input = parseInput(WorkplanUpdateInputSchema, args.input);
  const row = await loadWorkplanFor(ctx, auth, ctx.db, id, 'update');
  const country = row.country_code.trim();
  const currency = input.currency ?? row.currency.trim();
  const usdRate = input.usdRate === undefined ? num(row.usd_rate) : input.usdRate;
  throwMoney(checkMoney({ countryCode: country, currency, amount: null, usdRate }));
  const amounts = await ctx.db
    .selectFrom('workplan_activity')
    .select(['planned_amount', 'planned_usd_rate'])
    .where('workplan_id', '=', id)
    .where('planned_amount', 'is not', null)
    .execute();
  if (currency !== row.currency.trim() && amounts.length > 0) {
    throw invalid('currency', 'cannot change while activities carry planned amounts');
  }
  if (currency !== 'USD' && usdRate === null && amounts.some((a) => a.planned_usd_rate === null)) {
    throw invalid('usdRate', 'a planned amount relies on this rate');
  }
  if (input.nationalPlanId !== undefined) {
    await checkNationalPlan(ctx.db, country, input.nationalPlanId);
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('workplan')
      .set({
        ...givenColumns(input, {
          nationalPlanId: 'national_plan_id',
          title: 'title',
          status: 'status',
          note: 'note',
        }),
        currency,
        usd_rate: usdRate,
        version: input.version + 1,
        updated_at: now,
      })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    expectOneUpdated(res, () => stale('workplan'));
    await audit(
      trx,
      now,
      auth,
      'plans.workplan_save',
      { type: 'workplan', id },
      { op: 'update', fields: Object.keys(input).filter((k) => k !== 'version') },
    );
  });
  return getWorkplan({ ctx, auth, id });
}

/**
 * Copy a workplan with its activities into another year of the same framework (by default the
 * next year): "copy last year's workplan". The copy starts as a Draft.
 * @throws INVALID_INPUT (year outside the framework), NOT_FOUND, FORBIDDEN (audited), CONFLICT
 *   (that year's workplan exists)
 */
export async function copyWorkplan(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: WorkplanCopyInput;
}): Promise<WorkplanView> {
  const { ctx, auth, id } = args;
  const input = parseInput(WorkplanCopyInputSchema, args.input ?? {});
  const source = await loadWorkplanFor(ctx, auth, ctx.db, id, 'read');
  const country = source.country_code.trim();
  await authorize(ctx, auth, 'create', 'plan', { countryCode: country });
  const year = input.year ?? source.year + 1;
  await requireFrameworkYear(ctx.db, source.framework_id, year);
  const newId = crypto.randomUUID();
  const now = ctx.now();
  const usdRate = input.usdRate === undefined ? num(source.usd_rate) : input.usdRate;
  throwMoney(
    checkMoney({ countryCode: country, currency: source.currency.trim(), amount: null, usdRate }),
  );
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('workplan')
        .values({
          id: newId,
          country_code: country,
          framework_id: source.framework_id,
          year,
          national_plan_id: source.national_plan_id,
          title: source.title,
          currency: source.currency.trim(),
          usd_rate: usdRate,
          note: source.note,
          is_demo: source.is_demo,
          created_by: auth.actor.userId,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const acts = await trx
        .selectFrom('workplan_activity')
        .selectAll()
        .where('workplan_id', '=', id)
        .orderBy('position')
        .execute();
      if (acts.length > 0) {
        await trx
          .insertInto('workplan_activity')
          .values(
            acts.map((a) => ({
              id: crypto.randomUUID(),
              workplan_id: newId,
              node_id: a.node_id,
              title: a.title,
              title_local: a.title_local,
              lead_agency_id: a.lead_agency_id,
              lead_agency_text: a.lead_agency_text,
              partner_agency_ids: [...(a.partner_agency_ids ?? [])],
              partners_text: a.partners_text,
              planned_amount: a.planned_amount,
              planned_usd_rate: a.planned_usd_rate,
              position: a.position,
              created_at: now,
              updated_at: now,
            })),
          )
          .execute();
      }
      await audit(
        trx,
        now,
        auth,
        'plans.workplan_save',
        { type: 'workplan', id: newId },
        { op: 'copy', from: id, year, activities: acts.length },
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new DomainError('CONFLICT', 'This country already has a workplan for that year', {
        field: 'year',
      });
    }
    throw err;
  }
  return getWorkplan({ ctx, auth, id: newId });
}
