import {
  DomainError,
  OverviewQuerySchema,
  type RegionalOverview,
  type StatFlow,
  type StatQuery,
  type StatTable,
} from '@ctip/domain';
import { sql } from 'kysely';
import { appendAuditEventNow } from '../../audit/append-audit-event';
import { auditEvent } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import { cachedStat } from './cache';
import type { Reader } from './cell-store';
import { authorizeStatRead, buildStatTable, type StatAccess } from './query-table';

function tableQuery(
  source: 'national' | 'regional',
  dataElement: string,
  rows: StatQuery['rows'],
  columns: StatQuery['columns'],
  periodFrom: string,
  periodTo: string,
  internal: boolean,
): StatQuery {
  return {
    source,
    dataElement,
    rows,
    columns,
    filters: {},
    periodType: 'Yearly',
    periodFrom,
    periodTo,
    internal,
  };
}

/** The latest ten years with VICTIMS_IDENTIFIED values (or the current year's decade). */
async function defaultYears(
  db: Reader,
  source: 'national' | 'regional',
  now: Date,
): Promise<[string, string]> {
  const table = source === 'national' ? 'stat_value' : 'stat_published_value';
  const { rows } = await sql<{ hi: string | null; lo: string | null }>`
    select max(period) as hi, min(period) as lo from ${sql.table(table)}
    where data_element = 'VICTIMS_IDENTIFIED' and period_type = 'Yearly'`.execute(db);
  const hi = Number(rows[0]?.hi ?? now.getUTCFullYear());
  const lo = Math.max(Number(rows[0]?.lo ?? hi - 9), hi - 9);
  return [String(lo), String(hi)];
}

/**
 * Repatriation flows: per pair (country_from → country_to) over the years, the receiving country's
 * VICTIMS_RETURNED where it is a number, else the sending country's VICTIMS_REPATRIATED: the two
 * count the same people from either side, so they are never added.
 */
function flowsOf(returned: StatTable, repatriated: StatTable): StatFlow[] {
  const pairs = new Map<string, StatFlow>();
  for (const t of [returned, repatriated]) {
    t.rowHeaders.forEach((h, i) => {
      const [from, to] = h as [string, string];
      const cell = t.cells[i]?.[0];
      if (!from || !to || !cell || cell.status === 'Missing') {
        return;
      }
      const k = `${from}>${to}`;
      const prev = pairs.get(k);
      if (!prev || (prev.value === null && cell.value !== null)) {
        pairs.set(k, { from, to, value: cell.value, status: cell.status });
      }
    });
  }
  return [...pairs.values()].sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
}

async function buildOverview(
  db: Reader,
  source: 'national' | 'regional',
  access: StatAccess,
  periodFrom: string,
  periodTo: string,
): Promise<RegionalOverview> {
  const t = (el: string, rows: StatQuery['rows'], cols: StatQuery['columns']) =>
    buildStatTable(
      db,
      tableQuery(source, el, rows, cols, periodFrom, periodTo, access.internal),
      access,
    );
  const [identified, bySex, byAge, returned, repatriated] = await Promise.all([
    t('VICTIMS_IDENTIFIED', ['country'], ['period']),
    t('VICTIMS_IDENTIFIED', ['country'], ['sex']),
    t('VICTIMS_IDENTIFIED', ['country'], ['age_group']),
    t('VICTIMS_RETURNED', ['country_from', 'country_to'], []),
    t('VICTIMS_REPATRIATED', ['country_from', 'country_to'], []),
  ]);
  let violations = db
    .selectFrom('stat_violation')
    .select(['country', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'Open')
    .groupBy('country')
    .orderBy('country');
  if (access.countries) {
    violations = violations.where('country', 'in', access.countries);
  }
  const approvals =
    source === 'regional'
      ? await db
          .selectFrom('stat_published_set')
          .select(['data_set', 'country', 'period', 'status', 'approved_at'])
          .where(sql<boolean>`substr(period, 1, 4) between ${periodFrom} and ${periodTo}`)
          .orderBy('country')
          .orderBy('data_set')
          .orderBy('period')
          .execute()
      : await (access.countries
          ? db.selectFrom('stat_approval').where('country', 'in', access.countries)
          : db.selectFrom('stat_approval')
        )
          .select(['data_set', 'country', 'period', 'status', 'approved_at'])
          .where(sql<boolean>`substr(period, 1, 4) between ${periodFrom} and ${periodTo}`)
          .orderBy('country')
          .orderBy('data_set')
          .orderBy('period')
          .execute();
  return {
    source,
    identifiedByCountryYear: identified,
    flows: flowsOf(returned, repatriated),
    bySex,
    byAge,
    openViolationsByCountry: (await violations.execute()).map((r) => ({
      country: r.country,
      open: Number(r.n),
    })),
    approvals: approvals.map((a) => ({
      dataSet: a.data_set,
      country: a.country,
      period: a.period,
      status: a.status,
      approvedAt: a.approved_at ? new Date(a.approved_at).toISOString() : null,
    })),
    periodFrom,
    periodTo,
  };
}

/**
 * The dashboard in one response: victims identified per country and year, repatriation flows,
 * sex and age breakdowns per country, open validation findings per country, approvals. National
 * source: this node's values under disclosure control (unless internal, audited); regional source:
 * the published values. Cached per (query, access, data version).
 * @throws INVALID_INPUT (field named), FORBIDDEN (audited)
 */
export async function getRegionalOverview(
  ctx: ServiceContext,
  auth: AuthContext,
  query: unknown,
): Promise<RegionalOverview> {
  const q = parseInput(OverviewQuerySchema, query);
  const access = await authorizeStatRead(ctx, auth, q.source, undefined, q.internal);
  if (q.periodFrom && q.periodTo && q.periodFrom > q.periodTo) {
    throw new DomainError('INVALID_INPUT', 'periodFrom: must not be after periodTo', {
      field: 'periodFrom',
    });
  }
  // Default years come from the data: inside the cached computation (same data version).
  const overview = await cachedStat(
    ctx.db,
    ['overview', q.source, q.periodFrom ?? null, q.periodTo ?? null, access],
    async () => {
      const years =
        q.periodFrom && q.periodTo
          ? ([q.periodFrom, q.periodTo] as [string, string])
          : await defaultYears(ctx.db, q.source, ctx.now());
      const periodFrom = q.periodFrom ?? years[0];
      const periodTo = q.periodTo ?? years[1];
      return buildOverview(ctx.db, q.source, access, periodFrom, periodTo);
    },
  );
  if (access.internal) {
    await appendAuditEventNow(
      ctx.db,
      auditEvent(
        auth,
        'statistics.read_internal',
        { type: 'statistic', id: null },
        {
          view: 'overview',
          countries: access.countries,
        },
      ),
      ctx.now(),
    );
  }
  return overview;
}
