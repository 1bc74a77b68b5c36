import type { Database } from '@ctip/db';
import {
  type BudgetInput,
  BudgetInputSchema,
  type BudgetListQuery,
  BudgetListQuerySchema,
  type BudgetPeriodKind,
  type BudgetTotals,
  type BudgetUpdateInput,
  BudgetUpdateInputSchema,
  type BudgetView,
  budgetTotals,
  budgetUsd,
  checkBudget,
  checkMoney,
} from '@ctip/domain';
import type { Selectable } from 'kysely';
import { authorize } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import {
  audit,
  checkFrameworkRef,
  countryExists,
  coversYear,
  expectOneUpdated,
  invalid,
  num,
  planCountryFilter,
  type Reader,
  requirePlanRow,
  stale,
} from '../common';

type BudgetRow = Selectable<Database['budget_allocation']>;
type AreaInfo = { code: string; title: string | null };

function view(r: BudgetRow, areas: Map<string, AreaInfo>): BudgetView {
  const area = r.area_node_id ? areas.get(r.area_node_id) : undefined;
  return {
    id: r.id,
    countryCode: r.country_code?.trim() ?? null,
    entity: r.entity,
    recipient: r.recipient,
    amountLocal: num(r.amount_local),
    currency: r.currency.trim(),
    usdRate: num(r.usd_rate),
    usdAmount: num(r.usd_amount),
    usdIsStated: r.usd_is_stated,
    amountText: r.amount_text,
    periodKind: r.period_kind as BudgetPeriodKind,
    yearStart: r.year_start,
    yearEnd: r.year_end,
    fiscalYear: r.fiscal_year,
    periodText: r.period_text,
    frameworkId: r.framework_id,
    areaNodeId: r.area_node_id,
    areaCode: area?.code ?? null,
    areaTitle: area?.title ?? null,
    source: r.source,
    note: r.note,
    isSeeded: r.is_seeded,
    version: r.version,
  };
}

async function areaMap(db: Reader, ids: (string | null)[]): Promise<Map<string, AreaInfo>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('plan_node')
    .select(['id', 'code', 'title'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, { code: r.code, title: r.title }]));
}

async function loadRows(
  ctx: ServiceContext,
  auth: AuthContext,
  query: BudgetListQuery,
): Promise<BudgetView[]> {
  const q0 = parseInput(BudgetListQuerySchema, query);
  const country = await planCountryFilter(ctx, auth, 'read', q0.country);
  let q = ctx.db.selectFrom('budget_allocation').selectAll();
  if (country !== null) {
    q = q.where('country_code', '=', country);
  }
  if (q0.framework) {
    q = q.where('framework_id', '=', q0.framework);
  }
  if (q0.year !== undefined) {
    const y = q0.year;
    q = q.where((eb) => coversYear(eb, y));
  }
  const rows = await q
    .orderBy('country_code')
    .orderBy('entity')
    .orderBy('year_start')
    .orderBy('recipient')
    .execute();
  const areas = await areaMap(
    ctx.db,
    rows.map((r) => r.area_node_id),
  );
  return rows.map((r) => view(r, areas));
}

/**
 * Budget allocations, filtered by the caller's country scope (a focal point sees their own
 * country only; entities such as UNIAP are regional), by country, framework and a year the
 * allocation covers.
 * @throws FORBIDDEN (audited) without plan:read or for another country
 */
export async function listBudgets(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query?: BudgetListQuery;
}): Promise<{ items: BudgetView[]; totals: BudgetTotals }> {
  const items = await loadRows(args.ctx, args.auth, args.query ?? {});
  return { items, totals: budgetTotals(items) };
}

/**
 * USD totals by country (or entity) × year and by area for the same filters as `listBudgets`
 * (rules in `budgetTotals`).
 */
export async function getBudgetTotals(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query?: BudgetListQuery;
}): Promise<BudgetTotals> {
  return budgetTotals(await loadRows(args.ctx, args.auth, args.query ?? {}));
}

async function loadFor(
  ctx: ServiceContext,
  auth: AuthContext,
  id: string,
  action: 'read' | 'update' | 'delete',
): Promise<BudgetRow> {
  const row = await ctx.db
    .selectFrom('budget_allocation')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return requirePlanRow(ctx, auth, action, id, row, 'budget allocation');
}

/** One budget allocation. @throws NOT_FOUND, FORBIDDEN (audited) */
export async function getBudget(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<BudgetView> {
  const row = await loadFor(args.ctx, args.auth, args.id, 'read');
  return view(row, await areaMap(args.ctx.db, [row.area_node_id]));
}

type Checked = ReturnType<typeof BudgetInputSchema.parse>;

/** Every check beyond the schema, field-named; the money check of `checkMoney` first. */
async function checkInput(db: Reader, input: Checked): Promise<void> {
  const country = input.countryCode ?? null;
  const amount = input.amountLocal ?? null;
  const money = checkMoney({
    countryCode: country,
    currency: input.currency,
    amount,
    usdRate: input.usdRate ?? null,
  })[0];
  if (money) {
    throw invalid(
      money.path,
      money.code === 'currency_not_allowed'
        ? "must be the country's own currency or USD"
        : 'a USD rate is required for an amount not in USD',
    );
  }
  const issue = checkBudget(input)[0];
  if (issue) {
    throw invalid(issue.path, issue.message);
  }
  if (country !== null && !(await countryExists(db, country))) {
    throw invalid('countryCode', 'is not a known country');
  }
  if (input.frameworkId) {
    await checkFrameworkRef(db, input.frameworkId);
  }
  if (input.areaNodeId) {
    const node = await db
      .selectFrom('plan_node')
      .select(['framework_id', 'kind'])
      .where('id', '=', input.areaNodeId)
      .executeTakeFirst();
    if (
      !node ||
      node.framework_id !== input.frameworkId ||
      (node.kind !== 'area' && node.kind !== 'outcome')
    ) {
      throw invalid('areaNodeId', 'is not an area of the framework');
    }
  }
}

function columns(input: Checked) {
  const amountLocal = input.amountLocal ?? null;
  const usd = budgetUsd({
    amountLocal,
    currency: input.currency,
    usdRate: input.currency === 'USD' ? null : (input.usdRate ?? null),
    usdStated: input.usdStated ?? null,
  });
  return {
    country_code: input.countryCode ?? null,
    entity: input.entity ?? null,
    recipient: input.recipient,
    amount_local: amountLocal,
    currency: input.currency,
    usd_rate: input.currency === 'USD' ? null : (input.usdRate ?? null),
    usd_amount: usd.usdAmount,
    usd_is_stated: usd.usdIsStated,
    amount_text: input.amountText ?? null,
    period_kind: input.periodKind,
    year_start: input.yearStart ?? null,
    year_end: input.yearEnd ?? null,
    fiscal_year: input.fiscalYear ?? false,
    period_text: input.periodText ?? null,
    framework_id: input.frameworkId ?? null,
    area_node_id: input.areaNodeId ?? null,
    source: input.source ?? null,
    note: input.note ?? null,
  };
}

/**
 * Record a budget allocation. The currency must be the country's own or USD and a non-USD amount
 * needs its rate (`checkMoney`); the USD value is the stated one, else amount ÷ rate. An entity
 * row (no country) needs region scope.
 * @throws INVALID_INPUT (field-named), FORBIDDEN (audited)
 */
export async function createBudget(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: BudgetInput;
}): Promise<BudgetView> {
  const { ctx, auth } = args;
  const input = parseInput(BudgetInputSchema, args.input);
  await authorize(ctx, auth, 'create', 'plan', { countryCode: input.countryCode ?? null });
  await checkInput(ctx.db, input);
  const id = crypto.randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('budget_allocation')
      .values({
        id,
        ...columns(input),
        created_by: auth.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await audit(
      trx,
      now,
      auth,
      'plans.budget_save',
      { type: 'budget_allocation', id },
      { op: 'create', country: input.countryCode ?? null, entity: input.entity ?? null },
    );
  });
  return getBudget({ ctx, auth, id });
}

/**
 * Change a budget allocation (optimistic lock on `version`; all fields are sent again).
 * @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN (audited), CONFLICT on a stale version
 */
export async function updateBudget(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: BudgetUpdateInput;
}): Promise<BudgetView> {
  const { ctx, auth, id } = args;
  const input = parseInput(BudgetUpdateInputSchema, args.input);
  const row = await loadFor(ctx, auth, id, 'update');
  if ((input.countryCode ?? null) !== (row.country_code?.trim() ?? null)) {
    await authorize(ctx, auth, 'update', 'plan', { countryCode: input.countryCode ?? null, id });
  }
  await checkInput(ctx.db, input);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const done = await trx
      .updateTable('budget_allocation')
      .set({ ...columns(input), version: input.version + 1, updated_at: now })
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    expectOneUpdated(done, () => stale('budget allocation'));
    await audit(
      trx,
      now,
      auth,
      'plans.budget_save',
      { type: 'budget_allocation', id },
      { op: 'update', version: input.version + 1 },
    );
  });
  return getBudget({ ctx, auth, id });
}

/** Delete a budget allocation. @throws NOT_FOUND, FORBIDDEN (audited) */
export async function deleteBudget(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<void> {
  const { ctx, auth, id } = args;
  const row = await loadFor(ctx, auth, id, 'delete');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('budget_allocation').where('id', '=', id).execute();
    await audit(
      trx,
      now,
      auth,
      'plans.budget_save',
      { type: 'budget_allocation', id },
      { op: 'delete', country: row.country_code?.trim() ?? null, recipient: row.recipient },
    );
  });
}
