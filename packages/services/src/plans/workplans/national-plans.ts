import {
  type NationalPlanInput,
  NationalPlanInputSchema,
  type NationalPlanUpdateInput,
  NationalPlanUpdateInputSchema,
  type NationalPlanView,
} from '@ctip/domain';
import { authorize } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import { audit, expectOneUpdated } from '../common';
import {
  countryExists,
  invalid,
  isUniqueViolation,
  nationalPlanView,
  notFound,
  planCountryFilter,
  stale,
} from './common';

/**
 * National plans of action, per country by ordinal; a focal point sees only their own country's.
 * @param args.country - one country (region-scoped callers may leave it out for all)
 * @throws FORBIDDEN (audited) without plan:read, or for another country at country scope
 */
export async function listNationalPlans(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  country?: string;
}): Promise<NationalPlanView[]> {
  const { ctx, auth } = args;
  const country = await planCountryFilter(ctx, auth, 'read', args.country);
  let q = ctx.db.selectFrom('national_plan').selectAll();
  if (country !== null) {
    q = q.where('country_code', '=', country);
  }
  const rows = await q.orderBy('country_code').orderBy('ordinal').execute();
  return rows.map(nationalPlanView);
}

function checkPeriod(input: { periodStart: number; periodEnd: number }): void {
  if (input.periodEnd < input.periodStart) {
    throw invalid('periodEnd', 'must not be before periodStart');
  }
}

/**
 * Record a national plan of action.
 * @throws INVALID_INPUT (field named), FORBIDDEN (audited), CONFLICT (ordinal taken)
 */
export async function createNationalPlan(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: NationalPlanInput;
}): Promise<NationalPlanView> {
  const { ctx, auth } = args;
  const input = parseInput(NationalPlanInputSchema, args.input);
  await authorize(ctx, auth, 'create', 'plan', { countryCode: input.countryCode });
  checkPeriod(input);
  if (!(await countryExists(ctx.db, input.countryCode))) {
    throw invalid('countryCode', 'is not a known country');
  }
  const id = crypto.randomUUID();
  const now = ctx.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('national_plan')
        .values({
          id,
          country_code: input.countryCode,
          ordinal: input.ordinal,
          title: input.title ?? null,
          year_approved: input.yearApproved ?? null,
          period_start: input.periodStart,
          period_end: input.periodEnd,
          scope: input.scope ?? null,
          status_note: input.statusNote ?? null,
          source: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await audit(
        trx,
        now,
        auth,
        'plans.national_plan_save',
        { type: 'national_plan', id },
        { op: 'create', country: input.countryCode, ordinal: input.ordinal },
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw invalid('ordinal', 'this country already has a plan with this ordinal');
    }
    throw err;
  }
  return getNationalPlanRow(ctx, id);
}

async function getNationalPlanRow(ctx: ServiceContext, id: string): Promise<NationalPlanView> {
  const row = await ctx.db
    .selectFrom('national_plan')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return nationalPlanView(row);
}

/**
 * Change a national plan of action (optimistic lock on `version`). Seeded plans may be amended;
 * their source stays recorded.
 * @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN (audited), CONFLICT (stale version)
 */
export async function updateNationalPlan(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: NationalPlanUpdateInput;
}): Promise<NationalPlanView> {
  const { ctx, auth, id } = args;
  const input = parseInput(NationalPlanUpdateInputSchema, args.input);
  const row = await ctx.db
    .selectFrom('national_plan')
    .select(['country_code', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) {
    await authorize(ctx, auth, 'update', 'plan');
    throw notFound('national plan');
  }
  await authorize(ctx, auth, 'update', 'plan', { countryCode: row.country_code.trim(), id });
  checkPeriod(input);
  const now = ctx.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable('national_plan')
        .set({
          ordinal: input.ordinal,
          title: input.title ?? null,
          year_approved: input.yearApproved ?? null,
          period_start: input.periodStart,
          period_end: input.periodEnd,
          scope: input.scope ?? null,
          status_note: input.statusNote ?? null,
          version: input.version + 1,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      expectOneUpdated(res, () => stale('national plan'));
      await audit(
        trx,
        now,
        auth,
        'plans.national_plan_save',
        { type: 'national_plan', id },
        { op: 'update', country: row.country_code.trim(), ordinal: input.ordinal },
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw invalid('ordinal', 'this country already has a plan with this ordinal');
    }
    throw err;
  }
  return getNationalPlanRow(ctx, id);
}
