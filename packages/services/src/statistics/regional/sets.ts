import {
  can,
  type Disaggregation,
  DomainError,
  type PublishedCellStatus,
  type PublishedSetListQuery,
  PublishedSetListQuerySchema,
  STAT_DIMENSIONS,
  type StatPublishedSetDetail,
  type StatPublishedSetView,
  widestScope,
} from '@ctip/domain';
import { denyAccess } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';

type SetRow = {
  data_set: string;
  country: string;
  period: string;
  version: number;
  status: string;
  approved_at: Date | string;
  received_at: Date | string;
  origin_node: string;
  threshold: number;
  cells: number | string | null;
  suppressed: number | string | null;
};

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

function presentSet(r: SetRow): StatPublishedSetView {
  return {
    dataSet: r.data_set,
    country: r.country,
    period: r.period,
    version: Number(r.version),
    status: r.status,
    approvedAt: iso(r.approved_at),
    receivedAt: iso(r.received_at),
    originNode: r.origin_node,
    threshold: Number(r.threshold),
    cells: Number(r.cells ?? 0),
    suppressed: Number(r.suppressed ?? 0),
  };
}

function selectSets(ctx: ServiceContext) {
  return ctx.db
    .selectFrom('stat_published_set as s')
    .select([
      's.data_set',
      's.country',
      's.period',
      's.version',
      's.status',
      's.approved_at',
      's.received_at',
      's.origin_node',
      's.threshold',
    ])
    .select((eb) => [
      eb
        .selectFrom('stat_published_value as v')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('v.data_set', '=', 's.data_set')
        .whereRef('v.country', '=', 's.country')
        .whereRef('v.period', '=', 's.period')
        .as('cells'),
      eb
        .selectFrom('stat_published_value as v')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('v.data_set', '=', 's.data_set')
        .whereRef('v.country', '=', 's.country')
        .whereRef('v.period', '=', 's.period')
        .where('v.status', 'in', ['Suppressed', 'SecondarySuppressed'])
        .as('suppressed'),
    ]);
}

/**
 * The published sets this node holds — on the regional node, what the countries pushed; on a
 * national node, what it published — by country, data set and period, with version, approval and
 * receipt times and the origin node. statistic:read; a country-scoped reader sees its own country.
 * @throws INVALID_INPUT (field-named), FORBIDDEN (audited)
 */
export async function listPublishedSets(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: PublishedSetListQuery | Record<string, unknown>;
}): Promise<{ items: StatPublishedSetView[] }> {
  const { ctx, auth } = args;
  const query = parseInput(PublishedSetListQuerySchema, args.query);
  const scope = widestScope(auth.actor, 'read', 'statistic');
  if (scope === null) {
    return denyAccess(ctx, auth, 'read', 'statistic', null);
  }
  let q = selectSets(ctx);
  if (scope !== 'region') {
    q = q.where('s.country', '=', auth.actor.countryCode);
  }
  if (query.country) {
    q = q.where('s.country', '=', query.country);
  }
  if (query.dataSet) {
    q = q.where('s.data_set', '=', query.dataSet);
  }
  if (query.period) {
    q = q.where('s.period', '=', query.period);
  }
  const rows = (await q
    .orderBy('s.country')
    .orderBy('s.data_set')
    .orderBy('s.period', 'desc')
    .limit(5000)
    .execute()) as SetRow[];
  return { items: rows.map(presentSet) };
}

/**
 * One published set with its (disclosure-controlled) cells. statistic:read on its country.
 * @throws NOT_FOUND, FORBIDDEN (audited)
 */
export async function getPublishedSet(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  key: { dataSet: string; country: string; period: string };
}): Promise<StatPublishedSetDetail> {
  const { ctx, auth, key } = args;
  if (!can(auth.actor, 'read', 'statistic', { countryCode: key.country })) {
    return denyAccess(ctx, auth, 'read', 'statistic', key.country);
  }
  const row = (await selectSets(ctx)
    .where('s.data_set', '=', key.dataSet)
    .where('s.country', '=', key.country)
    .where('s.period', '=', key.period)
    .executeTakeFirst()) as SetRow | undefined;
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such published set');
  }
  let vq = ctx.db
    .selectFrom('stat_published_value')
    .selectAll()
    .where('data_set', '=', key.dataSet)
    .where('country', '=', key.country)
    .where('period', '=', key.period)
    .orderBy('data_element')
    .orderBy('province');
  for (const dim of STAT_DIMENSIONS) {
    vq = vq.orderBy(dim);
  }
  const values = await vq.execute();
  return {
    ...presentSet(row),
    values: values.map((v) => {
      const d: Disaggregation = {};
      for (const dim of STAT_DIMENSIONS) {
        if (v[dim] !== '') {
          d[dim] = v[dim];
        }
      }
      return {
        dataElement: v.data_element,
        province: v.province,
        periodType: v.period_type,
        disaggregation: d,
        status: v.status as PublishedCellStatus,
        value: v.value === null ? null : Number(v.value),
        sourceCitation: v.source_citation,
      };
    }),
  };
}
