import type { Database, Db } from '@ctip/db';
import {
  COUNTRY_RULE_KINDS,
  CountryCodeSchema,
  type CountryRule,
  type CountryRuleKind,
  type DeadlineStepConfig,
  DeadlineStepConfigSchema,
  type FundEntitlementConfig,
  FundEntitlementConfigSchema,
  type ShelterPhaseConfig,
  ShelterPhaseConfigSchema,
} from '@ctip/domain';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { authorize } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';

type Conn = Db | Transaction<Database>;

const SCHEMAS = {
  fund_entitlement: FundEntitlementConfigSchema,
  deadline_step: DeadlineStepConfigSchema,
  shelter_phase: ShelterPhaseConfigSchema,
} as const;
type ConfigOf = {
  fund_entitlement: FundEntitlementConfig;
  deadline_step: DeadlineStepConfig;
  shelter_phase: ShelterPhaseConfig;
};

/** A rule as the API lists it. */
export type CountryRuleView = {
  id: string;
  countryCode: string;
  kind: CountryRuleKind;
  key: string;
  sortOrder: number;
  config: Record<string, unknown>;
  source: string | null;
};

/** The rules of one kind for a country, configs parsed, in sort order. */
export async function loadCountryRules<K extends CountryRuleKind>(
  db: Conn,
  countryCode: string,
  kind: K,
): Promise<CountryRule<ConfigOf[K]>[]> {
  const rows = await db
    .selectFrom('country_rule')
    .select(['id', 'key', 'sort_order', 'config'])
    .where('country_code', '=', countryCode)
    .where('kind', '=', kind)
    .orderBy('sort_order')
    .orderBy('key')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    sortOrder: r.sort_order,
    config: SCHEMAS[kind].parse(r.config) as ConfigOf[K],
  }));
}

export const CountryRuleQuerySchema = z.strictObject({
  country: CountryCodeSchema.optional(),
  kind: z.enum(COUNTRY_RULE_KINDS).optional(),
});

/**
 * The country rules (fund caps, deadline steps, shelter phases): configuration, not personal data,
 * readable by anyone who may read cases. Defaults to the caller's country.
 * @throws FORBIDDEN, INVALID_INPUT
 */
export async function findCountryRules(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: unknown;
}): Promise<CountryRuleView[]> {
  const { ctx, auth } = args;
  const query = parseInput(CountryRuleQuerySchema, args.query ?? {});
  await authorize(ctx, auth, 'read', 'case');
  let q = ctx.db
    .selectFrom('country_rule')
    .selectAll()
    .where('country_code', '=', query.country ?? auth.actor.countryCode);
  if (query.kind) {
    q = q.where('kind', '=', query.kind);
  }
  const rows = await q.orderBy('kind').orderBy('sort_order').orderBy('key').execute();
  return rows.map((r) => ({
    id: r.id,
    countryCode: r.country_code,
    kind: r.kind as CountryRuleKind,
    key: r.key,
    sortOrder: r.sort_order,
    config: r.config,
    source: r.source,
  }));
}

/** Today as an ISO date on the service clock (UTC). */
export function todayOf(ctx: ServiceContext): string {
  return ctx.now().toISOString().slice(0, 10);
}
