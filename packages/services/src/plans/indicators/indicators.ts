import type { Database } from '@ctip/db';
import {
  type Action,
  type ActualSource,
  COMMIT_COUNTRIES,
  type CountryIndicatorInput,
  CountryIndicatorInputSchema,
  type CountryIndicatorView,
  DomainError,
  dimensionAllows,
  frameworkYears,
  INDICATOR_NODE_KINDS,
  type IndicatorDashboard,
  type IndicatorDashboardQuery,
  IndicatorDashboardQuerySchema,
  type IndicatorDirection,
  type IndicatorYearsInput,
  IndicatorYearsInputSchema,
  type IndicatorYearView,
  isCommitCountry,
  latestTrackStatus,
  type PlanIndicatorCreateInput,
  PlanIndicatorCreateInputSchema,
  type PlanIndicatorListQuery,
  PlanIndicatorListQuerySchema,
  type PlanIndicatorUpdateInput,
  PlanIndicatorUpdateInputSchema,
  type PlanIndicatorView,
  STAT_DIMENSIONS,
  type StatDimension,
  type StatFilter,
  type TrackStatus,
  trackStatus,
  widestScope,
} from '@ctip/domain';
import type { Selectable } from 'kysely';
import { authorize } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import {
  audit,
  expectOneUpdated,
  givenColumns,
  invalid,
  notFound,
  num,
  planCountryFilter,
  type Reader,
  stale,
} from '../common';

type IndicatorRow = Selectable<Database['plan_indicator']>;
type SelectionRow = Selectable<Database['country_indicator']>;

function jsonValue<T>(v: unknown, fallback: T): T {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as T;
    } catch {
      return fallback;
    }
  }
  return (v ?? fallback) as T;
}
function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === '23505';
}

type FrameworkRow = { id: string; title: string; first: number; last: number };

async function loadFramework(db: Reader, id: string): Promise<FrameworkRow | null> {
  const f = await db
    .selectFrom('plan_framework')
    .select(['id', 'title', 'period_start', 'period_end', 'extended_to'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!f) {
    return null;
  }
  const y = frameworkYears({
    periodStart: f.period_start,
    periodEnd: f.period_end,
    extendedTo: f.extended_to,
  });
  return { id: f.id, title: f.title, ...y };
}

async function listFrameworks(db: Reader): Promise<FrameworkRow[]> {
  const rows = await db
    .selectFrom('plan_framework')
    .select(['id', 'title', 'period_start', 'period_end', 'extended_to'])
    .where('status', '!=', 'Archived')
    .orderBy('period_start')
    .execute();
  return rows.map((f) => ({
    id: f.id,
    title: f.title,
    ...frameworkYears({
      periodStart: f.period_start,
      periodEnd: f.period_end,
      extendedTo: f.extended_to,
    }),
  }));
}

/** The filter as stored, limited to known dimensions. */
function filterOf(row: IndicatorRow): StatFilter {
  const raw = jsonValue<Record<string, string>>(row.stat_filter, {});
  const out: StatFilter = {};
  for (const dim of STAT_DIMENSIONS) {
    const v = raw[dim];
    if (typeof v === 'string' && v !== '') {
      out[dim] = v;
    }
  }
  return out;
}

/**
 * Check a binding: the element exists, each filtered dimension is one of its dimensions and the
 * option is allowed there.
 * @throws INVALID_INPUT naming statElementCode or statFilter.<dimension>
 */
async function checkBinding(
  db: Reader,
  element: string | null,
  filter: Record<string, string>,
): Promise<void> {
  if (element === null) {
    if (Object.keys(filter).length > 0) {
      throw invalid('statFilter', 'needs statElementCode');
    }
    return;
  }
  const row = await db
    .selectFrom('stat_data_element')
    .select(['code', 'dimensions'])
    .where('code', '=', element)
    .executeTakeFirst();
  if (!row) {
    throw invalid('statElementCode', 'is not a statistics data element');
  }
  const dims = jsonValue<string[]>(row.dimensions, []);
  for (const [dim, option] of Object.entries(filter)) {
    if (!dims.includes(dim)) {
      throw invalid(`statFilter.${dim}`, `is not a dimension of ${element}`);
    }
    if (!dimensionAllows(dim as StatDimension, option)) {
      throw invalid(`statFilter.${dim}`, 'is not an option of this dimension');
    }
  }
}

/** @throws INVALID_INPUT (nodeId) unless the node is an outcome/output/target of the framework */
async function checkNode(db: Reader, frameworkId: string, nodeId: string): Promise<void> {
  const node = await db
    .selectFrom('plan_node')
    .select(['framework_id', 'kind'])
    .where('id', '=', nodeId)
    .executeTakeFirst();
  if (!node || node.framework_id !== frameworkId) {
    throw invalid('nodeId', 'is not a node of this framework');
  }
  if (!(INDICATOR_NODE_KINDS as readonly string[]).includes(node.kind)) {
    throw invalid('nodeId', 'must be an outcome, output or target');
  }
}

async function indicatorViews(
  db: Reader,
  rows: readonly IndicatorRow[],
  country: string | null,
): Promise<PlanIndicatorView[]> {
  if (rows.length === 0) {
    return [];
  }
  const ids = rows.map((r) => r.id);
  const nodeIds = rows.map((r) => r.node_id).filter((n): n is string => n !== null);
  const nodes =
    nodeIds.length === 0
      ? []
      : await db
          .selectFrom('plan_node')
          .select(['id', 'code', 'kind', 'title'])
          .where('id', 'in', nodeIds)
          .execute();
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  let sq = db
    .selectFrom('country_indicator')
    .select(['indicator_id', 'country_code'])
    .where('indicator_id', 'in', ids);
  if (country !== null) {
    sq = sq.where('country_code', '=', country);
  }
  const sel = await sq.orderBy('country_code').execute();
  const countriesOf = new Map<string, string[]>();
  for (const s of sel) {
    const list = countriesOf.get(s.indicator_id) ?? [];
    list.push(s.country_code.trim());
    countriesOf.set(s.indicator_id, list);
  }
  return rows.map((r) => {
    const node = r.node_id ? nodeById.get(r.node_id) : undefined;
    return {
      id: r.id,
      frameworkId: r.framework_id,
      nodeId: r.node_id,
      nodeCode: node?.code ?? null,
      nodeKind: node?.kind ?? null,
      nodeTitle: node?.title ?? null,
      code: r.code,
      title: r.title,
      unit: r.unit,
      direction: r.direction as IndicatorDirection,
      statElementCode: r.stat_element_code,
      statFilter: filterOf(r),
      source: r.source,
      isSeeded: r.is_seeded,
      version: r.version,
      countries: countriesOf.get(r.id) ?? [],
    };
  });
}

/** Order indicators by their node code, then their own code. */
function byNodeThenCode(a: PlanIndicatorView, b: PlanIndicatorView): number {
  const na = a.nodeCode ?? '';
  const nb = b.nodeCode ?? '';
  return (
    na.localeCompare(nb, 'en', { numeric: true }) ||
    a.code.localeCompare(b.code, 'en', { numeric: true })
  );
}

/**
 * Indicators (optionally of one framework), each with the countries that selected it (only the
 * caller's own country at country scope).
 * @throws FORBIDDEN (audited) without plan:read
 */
export async function listPlanIndicators(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query?: PlanIndicatorListQuery;
}): Promise<PlanIndicatorView[]> {
  const { ctx, auth } = args;
  const query = parseInput(PlanIndicatorListQuerySchema, args.query ?? {});
  const country = await planCountryFilter(ctx, auth, 'read', undefined);
  let q = ctx.db.selectFrom('plan_indicator').selectAll();
  if (query.framework) {
    q = q.where('framework_id', '=', query.framework);
  }
  const rows = await q.execute();
  return (await indicatorViews(ctx.db, rows, country)).sort(byNodeThenCode);
}

async function loadIndicator(db: Reader, id: string): Promise<IndicatorRow> {
  const row = await db
    .selectFrom('plan_indicator')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) {
    throw notFound('indicator');
  }
  return row;
}

/** One indicator's definition. */
export async function getPlanIndicator(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
}): Promise<PlanIndicatorView> {
  const { ctx, auth } = args;
  const country = await planCountryFilter(ctx, auth, 'read', undefined);
  const row = await loadIndicator(ctx.db, args.id);
  const [view] = await indicatorViews(ctx.db, [row], country);
  return view as PlanIndicatorView;
}

/**
 * Define an indicator on a framework node (Secretariat, administrators: plan_framework:update).
 * @throws INVALID_INPUT (unknown framework, node not an outcome/output/target of it, bad
 *   binding), FORBIDDEN (audited), CONFLICT when the code is taken in the framework
 */
export async function createPlanIndicator(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: PlanIndicatorCreateInput;
}): Promise<PlanIndicatorView> {
  const { ctx, auth } = args;
  const input = parseInput(PlanIndicatorCreateInputSchema, args.input);
  await authorize(ctx, auth, 'update', 'plan_framework');
  if (!(await loadFramework(ctx.db, input.frameworkId))) {
    throw invalid('frameworkId', 'is not a known framework');
  }
  await checkNode(ctx.db, input.frameworkId, input.nodeId);
  const element = input.statElementCode ?? null;
  await checkBinding(ctx.db, element, input.statFilter);
  const id = crypto.randomUUID();
  const now = ctx.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('plan_indicator')
        .values({
          id,
          framework_id: input.frameworkId,
          node_id: input.nodeId,
          code: input.code,
          title: input.title,
          unit: input.unit,
          direction: input.direction,
          stat_element_code: element,
          stat_filter: JSON.stringify(input.statFilter),
          source: input.source ?? null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await audit(
        trx,
        now,
        auth,
        'plans.indicator_save',
        { type: 'plan_indicator', id },
        { op: 'create', framework: input.frameworkId, code: input.code },
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new DomainError('CONFLICT', 'This framework already has an indicator with that code', {
        field: 'code',
      });
    }
    throw err;
  }
  return getPlanIndicator({ ctx, auth, id });
}

/**
 * Change an indicator's definition (optimistic lock on `version`).
 * @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN (audited), CONFLICT (stale version)
 */
export async function updatePlanIndicator(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: PlanIndicatorUpdateInput;
}): Promise<PlanIndicatorView> {
  const { ctx, auth } = args;
  const input = parseInput(PlanIndicatorUpdateInputSchema, args.input);
  await authorize(ctx, auth, 'update', 'plan_framework', { id: args.id });
  const row = await loadIndicator(ctx.db, args.id);
  if (input.nodeId !== undefined) {
    await checkNode(ctx.db, row.framework_id, input.nodeId);
  }
  const element =
    input.statElementCode !== undefined ? input.statElementCode : row.stat_element_code;
  const filter =
    input.statFilter ??
    (input.statElementCode === null ? {} : (filterOf(row) as Record<string, string>));
  await checkBinding(ctx.db, element, filter);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('plan_indicator')
      .set({
        ...givenColumns(input, {
          nodeId: 'node_id',
          title: 'title',
          unit: 'unit',
          direction: 'direction',
          source: 'source',
        }),
        stat_element_code: element,
        stat_filter: JSON.stringify(filter),
        version: input.version + 1,
        updated_at: now,
      })
      .where('id', '=', args.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    expectOneUpdated(res, () => stale('indicator'));
    await audit(
      trx,
      now,
      auth,
      'plans.indicator_save',
      { type: 'plan_indicator', id: args.id },
      { op: 'update', fields: Object.keys(input).filter((k) => k !== 'version') },
    );
  });
  return getPlanIndicator({ ctx, auth, id: args.id });
}

/**
 * Actuals of a bound indicator for a country, per year, from stored statistics values: the
 * national (province '') Yearly value at exactly the filter's level (unfiltered dimensions =
 * total), status Reported only.
 */
export async function statisticsActuals(
  db: Reader,
  element: string,
  filter: StatFilter,
  country: string,
  years: readonly number[],
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (years.length === 0) {
    return out;
  }
  let q = db
    .selectFrom('stat_value')
    .select(['period', 'value'])
    .where('data_element', '=', element)
    .where('country', '=', country)
    .where('province', '=', '')
    .where('period_type', '=', 'Yearly')
    .where(
      'period',
      'in',
      years.map((y) => String(y)),
    )
    .where('status', '=', 'Reported');
  for (const dim of STAT_DIMENSIONS) {
    q = q.where(dim, '=', filter[dim] ?? '');
  }
  for (const r of await q.execute()) {
    if (r.value !== null) {
      out.set(Number(r.period), Number(r.value));
    }
  }
  return out;
}

function yearRange(first: number, last: number): number[] {
  const out: number[] = [];
  for (let y = first; y <= last; y += 1) {
    out.push(y);
  }
  return out;
}

async function selectionView(
  db: Reader,
  indicator: IndicatorRow,
  sel: SelectionRow,
  fw: FrameworkRow | null,
): Promise<CountryIndicatorView> {
  const stored = await db
    .selectFrom('indicator_year')
    .selectAll()
    .where('country_indicator_id', '=', sel.id)
    .orderBy('year')
    .execute();
  const byYear = new Map(stored.map((y) => [y.year, y]));
  const country = sel.country_code.trim();
  const direction = indicator.direction as IndicatorDirection;
  const years = new Set<number>(fw ? yearRange(fw.first, fw.last) : []);
  for (const y of stored) {
    years.add(y.year);
  }
  const sorted = [...years].sort((a, b) => a - b);
  const bound = indicator.stat_element_code;
  const stats = bound
    ? await statisticsActuals(db, bound, filterOf(indicator), country, sorted)
    : new Map<number, number>();
  const yearViews: IndicatorYearView[] = sorted.map((year) => {
    const y = byYear.get(year);
    const marker = num(y?.marker_value);
    let actual: number | null;
    let source: ActualSource | null;
    if (bound) {
      actual = stats.get(year) ?? null;
      source = actual === null ? null : 'Statistics';
    } else {
      actual = num(y?.actual_value);
      source = actual === null ? null : 'Manual';
    }
    return {
      year,
      markerValue: marker,
      markerNote: y?.marker_note ?? null,
      actualValue: actual,
      actualSource: source,
      actualNote: bound ? null : (y?.actual_note ?? null),
      status: trackStatus(direction, marker, actual),
    };
  });
  const latest = latestTrackStatus(direction, yearViews);
  return {
    id: sel.id,
    indicatorId: sel.indicator_id,
    countryCode: country,
    baselineValue: num(sel.baseline_value),
    baselineYear: sel.baseline_year,
    baselineNote: sel.baseline_note,
    version: sel.version,
    years: yearViews,
    status: latest.status,
    statusYear: latest.year,
  };
}

async function loadSelection(
  db: Reader,
  indicatorId: string,
  country: string,
): Promise<SelectionRow | undefined> {
  return db
    .selectFrom('country_indicator')
    .selectAll()
    .where('indicator_id', '=', indicatorId)
    .where('country_code', '=', country)
    .executeTakeFirst();
}

/** Check a country path parameter and the caller's right to `action` on it. */
async function requireCountry(
  ctx: ServiceContext,
  auth: AuthContext,
  action: Action,
  country: string,
): Promise<void> {
  if (!isCommitCountry(country)) {
    throw invalid('country', 'is not a COMMIT country');
  }
  await authorize(ctx, auth, action, 'plan', { countryCode: country });
}

/**
 * A country's selection of an indicator with baseline and every framework year (marker, actual,
 * source, status).
 * @throws NOT_FOUND (indicator or not selected), FORBIDDEN (audited) for another country
 */
export async function getCountryIndicator(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  country: string;
}): Promise<CountryIndicatorView> {
  const { ctx, auth, country } = args;
  await requireCountry(ctx, auth, 'read', country);
  const indicator = await loadIndicator(ctx.db, args.id);
  const sel = await loadSelection(ctx.db, args.id, country);
  if (!sel) {
    throw notFound('selection of this indicator by the country');
  }
  return selectionView(ctx.db, indicator, sel, await loadFramework(ctx.db, indicator.framework_id));
}

/**
 * Select an indicator for a country, or change its baseline (`version` given). Focal points for
 * their own country, the Secretariat for any.
 * @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN (audited), CONFLICT (already selected when no
 *   version is given, or a stale version)
 */
export async function saveCountryIndicator(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  country: string;
  input: CountryIndicatorInput;
}): Promise<CountryIndicatorView> {
  const { ctx, auth, country } = args;
  const input = parseInput(CountryIndicatorInputSchema, args.input);
  await requireCountry(ctx, auth, 'update', country);
  const indicator = await loadIndicator(ctx.db, args.id);
  const hasValue = input.baselineValue !== undefined && input.baselineValue !== null;
  if (
    hasValue &&
    (input.baselineYear === null ||
      (input.baselineYear === undefined && input.version === undefined))
  ) {
    throw invalid('baselineYear', 'is required with a baseline value');
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await loadSelection(trx, args.id, country);
    let selId: string;
    if (input.version === undefined) {
      if (existing) {
        throw new DomainError('CONFLICT', 'The country has already selected this indicator', {
          field: 'version',
        });
      }
      selId = crypto.randomUUID();
      await trx
        .insertInto('country_indicator')
        .values({
          id: selId,
          indicator_id: args.id,
          country_code: country,
          baseline_value: input.baselineValue ?? null,
          baseline_year: input.baselineYear ?? null,
          baseline_note: input.baselineNote ?? null,
          selected_by: auth.actor.userId,
          created_at: now,
          updated_at: now,
        })
        .execute();
    } else {
      if (!existing) {
        throw notFound('selection of this indicator by the country');
      }
      selId = existing.id;
      const res = await trx
        .updateTable('country_indicator')
        .set({
          ...givenColumns(input, {
            baselineValue: 'baseline_value',
            baselineYear: 'baseline_year',
            baselineNote: 'baseline_note',
          }),
          version: input.version + 1,
          updated_at: now,
        })
        .where('id', '=', existing.id)
        .where('version', '=', input.version)
        .executeTakeFirst();
      expectOneUpdated(res, () => stale('indicator selection'));
    }
    await audit(
      trx,
      now,
      auth,
      'plans.indicator_save',
      { type: 'country_indicator', id: selId },
      {
        op: input.version === undefined ? 'select' : 'baseline',
        indicator: indicator.code,
        country,
      },
    );
  });
  return getCountryIndicator({ ctx, auth, id: args.id, country });
}

/**
 * Drop a country's selection of an indicator (with its markers and actuals).
 * @throws NOT_FOUND, FORBIDDEN (audited), CONFLICT (stale version)
 */
export async function removeCountryIndicator(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  country: string;
  version: number;
}): Promise<void> {
  const { ctx, auth, country } = args;
  await requireCountry(ctx, auth, 'update', country);
  const indicator = await loadIndicator(ctx.db, args.id);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await loadSelection(trx, args.id, country);
    if (!existing) {
      throw notFound('selection of this indicator by the country');
    }
    const res = await trx
      .deleteFrom('country_indicator')
      .where('id', '=', existing.id)
      .where('version', '=', args.version)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) {
      throw stale('indicator selection');
    }
    await audit(
      trx,
      now,
      auth,
      'plans.indicator_save',
      { type: 'country_indicator', id: existing.id },
      { op: 'deselect', indicator: indicator.code, country },
    );
  });
}

/**
 * Replace the annual progress markers (and, for manual indicators, the actuals) of a country's
 * indicator. Years must lie in the framework's period (extension included); an actual for an
 * indicator bound to statistics is refused (it comes from the statistics). Locks on the
 * selection's `version`.
 * @throws INVALID_INPUT naming years.N.year / years.N.actualValue, NOT_FOUND, FORBIDDEN
 *   (audited), CONFLICT (stale version)
 */
export async function saveIndicatorYears(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  country: string;
  input: IndicatorYearsInput;
}): Promise<CountryIndicatorView> {
  const { ctx, auth, country } = args;
  const input = parseInput(IndicatorYearsInputSchema, args.input);
  await requireCountry(ctx, auth, 'update', country);
  const indicator = await loadIndicator(ctx.db, args.id);
  const fw = await loadFramework(ctx.db, indicator.framework_id);
  for (const [i, y] of input.years.entries()) {
    if (fw && (y.year < fw.first || y.year > fw.last)) {
      throw invalid(`years.${i}.year`, `lies outside the framework period ${fw.first}–${fw.last}`);
    }
    if (indicator.stat_element_code !== null) {
      if (y.actualValue !== undefined && y.actualValue !== null) {
        throw invalid(`years.${i}.actualValue`, 'comes from the statistics for this indicator');
      }
      if (y.actualNote !== undefined && y.actualNote !== null) {
        throw invalid(`years.${i}.actualNote`, 'comes from the statistics for this indicator');
      }
    }
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await loadSelection(trx, args.id, country);
    if (!existing) {
      throw notFound('selection of this indicator by the country');
    }
    const res = await trx
      .updateTable('country_indicator')
      .set({ version: input.version + 1, updated_at: now })
      .where('id', '=', existing.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    expectOneUpdated(res, () => stale('indicator selection'));
    await trx
      .deleteFrom('indicator_year')
      .where('country_indicator_id', '=', existing.id)
      .execute();
    const rows = input.years
      .filter(
        (y) =>
          (y.markerValue ?? null) !== null ||
          (y.actualValue ?? null) !== null ||
          (y.markerNote ?? null) !== null ||
          (y.actualNote ?? null) !== null,
      )
      .map((y) => ({
        country_indicator_id: existing.id,
        year: y.year,
        marker_value: y.markerValue ?? null,
        marker_note: y.markerNote ?? null,
        actual_value: y.actualValue ?? null,
        actual_source: (y.actualValue ?? null) === null ? null : 'Manual',
        actual_note: y.actualNote ?? null,
        updated_by: auth.actor.userId,
        updated_at: now,
      }));
    if (rows.length > 0) {
      await trx.insertInto('indicator_year').values(rows).execute();
    }
    await audit(
      trx,
      now,
      auth,
      'plans.indicator_save',
      { type: 'country_indicator', id: existing.id },
      {
        op: 'years',
        indicator: indicator.code,
        country,
        years: rows.map((r) => r.year),
      },
    );
  });
  return getCountryIndicator({ ctx, auth, id: args.id, country });
}

/**
 * The indicator dashboard: for one country (a focal point's own; the Secretariat picks one,
 * default the first COMMIT country) and one framework (default the latest with indicators), the
 * selected indicators with baseline, markers, actuals and on-track status, plus every indicator
 * of the framework for the selection editor.
 * @throws INVALID_INPUT (unknown framework), FORBIDDEN (audited) for another country
 */
export async function getIndicatorDashboard(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query?: IndicatorDashboardQuery;
}): Promise<IndicatorDashboard> {
  const { ctx, auth } = args;
  const query = parseInput(IndicatorDashboardQuerySchema, args.query ?? {});
  const scoped = await planCountryFilter(ctx, auth, 'read', query.country);
  const countries: string[] =
    widestScope(auth.actor, 'read', 'plan') === 'region'
      ? [...COMMIT_COUNTRIES]
      : auth.actor.countryCode
        ? [auth.actor.countryCode]
        : [];
  const country = scoped ?? countries[0] ?? null;
  const frameworks = await listFrameworks(ctx.db);
  let framework: FrameworkRow | null = null;
  if (query.framework) {
    framework = frameworks.find((f) => f.id === query.framework) ?? null;
    if (!framework) {
      throw invalid('framework', 'is not a known framework');
    }
  } else {
    const withIndicators = await ctx.db
      .selectFrom('plan_indicator')
      .select('framework_id')
      .distinct()
      .execute();
    const ids = new Set(withIndicators.map((r) => r.framework_id));
    framework = [...frameworks].reverse().find((f) => ids.has(f.id)) ?? frameworks.at(-1) ?? null;
  }
  const totals: Record<TrackStatus, number> = { on_track: 0, off_track: 0, no_data: 0 };
  if (!framework) {
    return { framework: null, frameworks, countries, country, indicators: [], rows: [], totals };
  }
  const indicatorRows = await ctx.db
    .selectFrom('plan_indicator')
    .selectAll()
    .where('framework_id', '=', framework.id)
    .execute();
  const indicators = (await indicatorViews(ctx.db, indicatorRows, country)).sort(byNodeThenCode);
  const rowById = new Map(indicatorRows.map((r) => [r.id, r]));
  const rows: IndicatorDashboard['rows'] = [];
  if (country !== null && indicatorRows.length > 0) {
    const sels = await ctx.db
      .selectFrom('country_indicator')
      .selectAll()
      .where('country_code', '=', country)
      .where(
        'indicator_id',
        'in',
        indicatorRows.map((r) => r.id),
      )
      .execute();
    const selByIndicator = new Map(sels.map((s) => [s.indicator_id, s]));
    for (const ind of indicators) {
      const sel = selByIndicator.get(ind.id);
      const row = rowById.get(ind.id);
      if (!sel || !row) {
        continue;
      }
      const selection = await selectionView(ctx.db, row, sel, framework);
      totals[selection.status] += 1;
      rows.push({ indicator: ind, selection });
    }
  }
  return { framework, frameworks, countries, country, indicators, rows, totals };
}
