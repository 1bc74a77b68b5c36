import {
  can,
  DomainError,
  evaluateIndicator,
  type IndicatorExpr,
  indicatorElements,
  isBelowThreshold,
  type PivotAxis,
  parseIndicator,
  parsePeriod,
  periodsBetween,
  REGION_UNIT,
  type StatDimension,
  type StatQuery,
  StatQuerySchema,
  type StatTable,
  type StatTableCell,
  widestScope,
} from '@ctip/domain';
import { appendAuditEventNow } from '../../audit/append-audit-event';
import { auditEvent, authorize, denyAccess } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import { loadDisclosureSettings } from '../core/settings';
import { cachedStat } from './cache';
import {
  CellStore,
  LEVEL_DIMS,
  type LevelDim,
  levelMasks,
  loadBlocks,
  loadCells,
  loadPresence,
  optionParts,
  type Reader,
  type Resolved,
} from './cell-store';
import {
  type CellSelection,
  evaluateSelection,
  headerKey,
  headerTuples,
  presentCell,
  sideGroups,
  sortOptions,
  suppressGrid,
  tableConstraints,
} from './table-build';
import { countOpenViolations, type ElementInfo, loadElement, loadSources } from './table-meta';

/** Who may see what: the countries of the national source (null = all) and internal figures. */
export type StatAccess = { countries: string[] | null; internal: boolean };

/**
 * Authorise a statistics read: statistic:read at any scope; a country-scoped reader sees only its
 * own country in the national source (a country filter outside it is refused), the regional
 * source (published figures) is open to every reader; internal figures need statistic_internal:read
 * over every country shown and are not offered on the regional source.
 * @throws INVALID_INPUT (internal on the regional source), FORBIDDEN (audited)
 */
export async function authorizeStatRead(
  ctx: ServiceContext,
  auth: AuthContext,
  source: 'national' | 'regional',
  requested: readonly string[] | undefined,
  internal: boolean,
): Promise<StatAccess> {
  await authorize(ctx, auth, 'read', 'statistic');
  const regionWide = widestScope(auth.actor, 'read', 'statistic') === 'region';
  let countries: string[] | null =
    regionWide || source === 'regional' ? null : [auth.actor.countryCode];
  if (requested && requested.length > 0) {
    if (countries && requested.some((c) => !countries?.includes(c))) {
      await denyAccess(ctx, auth, 'read', 'statistic', null);
    }
    countries = [...requested];
  }
  if (!internal) {
    return { countries, internal: false };
  }
  if (source === 'regional') {
    throw new DomainError(
      'INVALID_INPUT',
      'internal: the regional store holds published figures only',
      {
        field: 'internal',
      },
    );
  }
  const ok =
    countries === null
      ? widestScope(auth.actor, 'read', 'statistic_internal') === 'region'
      : countries.every((c) => can(auth.actor, 'read', 'statistic_internal', { countryCode: c }));
  if (!ok) {
    await denyAccess(ctx, auth, 'read', 'statistic_internal', null);
  }
  return { countries, internal: true };
}

/**
 * A pivot table of one data element or indicator (StatQuery → StatTable): rows and columns of up
 * to two axes each (dimensions, country, period) with a totals row and column, filters summing
 * the options they keep. No double counting: a cell uses the value stored at exactly its level,
 * else the sum of the finer stored values (`isDerived`). Missing and suppressed-at-source stay so.
 * National source: disclosure control (primary + secondary, node settings) unless `internal`
 * (statistic_internal:read; audited `statistics.read_internal`). Regional source: the published
 * values side by side; a sum with withheld parts is a lower bound (`isLowerBound`).
 * Results are cached per (query, access, data version).
 * @throws INVALID_INPUT (field named), FORBIDDEN (audited)
 */
export async function queryStatTable(
  ctx: ServiceContext,
  auth: AuthContext,
  query: unknown,
): Promise<StatTable> {
  const q = parseInput(StatQuerySchema, query);
  checkQueryShape(q);
  const access = await authorizeStatRead(ctx, auth, q.source, q.filters.country, q.internal);
  const table = await cachedStat(ctx.db, ['table', q, access], () =>
    buildStatTable(ctx.db, q, access),
  );
  if (access.internal) {
    await appendAuditEventNow(
      ctx.db,
      auditEvent(
        auth,
        'statistics.read_internal',
        { type: 'statistic', id: null },
        {
          view: 'table',
          dataElement: q.dataElement ?? null,
          indicator: q.indicator ?? null,
          countries: access.countries,
        },
      ),
      ctx.now(),
    );
  }
  return table;
}

function checkQueryShape(q: StatQuery): void {
  if ((q.dataElement === undefined) === (q.indicator === undefined)) {
    throw new DomainError('INVALID_INPUT', 'dataElement: give one data element or one indicator', {
      field: 'dataElement',
    });
  }
  const axes = [...q.rows, ...q.columns];
  if (new Set(axes).size !== axes.length) {
    throw new DomainError('INVALID_INPUT', 'columns: an axis may be used once', {
      field: 'columns',
    });
  }
  for (const f of ['periodFrom', 'periodTo'] as const) {
    const id = q[f];
    if (id !== undefined && parsePeriod(id)?.type !== q.periodType) {
      throw new DomainError('INVALID_INPUT', `${f}: not a ${q.periodType} period`, { field: f });
    }
  }
  for (const c of q.filters.country ?? []) {
    if (!/^[A-Z]{2}$/.test(c)) {
      throw new DomainError('INVALID_INPUT', 'filters.country: must be country codes', {
        field: 'filters.country',
      });
    }
  }
  for (const [dim, kept] of Object.entries(q.filters)) {
    for (const o of kept ?? []) {
      const parts = optionParts(dim, o);
      if (parts?.some((p) => kept?.includes(p))) {
        throw new DomainError('INVALID_INPUT', `filters.${dim}: ${o} already contains its parts`, {
          field: `filters.${dim}`,
        });
      }
    }
  }
}

type Layout = {
  rowTuples: string[][];
  colTuples: string[][];
  rowOptions: string[][];
  colOptions: string[][];
  countrySet: string[];
  periodSet: string[];
};

/** Build the table (no cache, no audit): the heavy part. */
export async function buildStatTable(
  db: Reader,
  q: StatQuery,
  access: StatAccess,
): Promise<StatTable> {
  const codes = q.dataElement ? [q.dataElement] : [];
  let expr: IndicatorExpr | null = null;
  if (q.indicator) {
    const row = await db
      .selectFrom('stat_indicator')
      .select('expression')
      .where('code', '=', q.indicator)
      .executeTakeFirst();
    if (!row) {
      throw new DomainError('INVALID_INPUT', 'indicator: unknown indicator', {
        field: 'indicator',
      });
    }
    expr = parseIndicator(row.expression);
    codes.push(...indicatorElements(expr));
  }
  const elements = new Map<string, ElementInfo>();
  for (const code of codes) {
    elements.set(code, await loadElement(db, code, q.dataElement ? 'dataElement' : 'indicator'));
  }
  const allDims = new Set([...elements.values()].flatMap((e) => e.dimensions));
  for (const [field, list] of [
    ['rows', q.rows],
    ['columns', q.columns],
    ['filters', Object.keys(q.filters)],
  ] as const) {
    for (const a of list) {
      if (a !== 'country' && a !== 'period' && !allDims.has(a as StatDimension)) {
        throw new DomainError('INVALID_INPUT', `${field}: ${a} does not break down this element`, {
          field,
        });
      }
    }
  }
  const relevant = [...q.rows, ...q.columns, ...Object.keys(q.filters)].filter(
    (a): a is LevelDim => a !== 'country' && a !== 'period',
  );
  const mode = q.source === 'regional' ? 'lowerBound' : 'strict';
  const stores = new Map<string, CellStore>();
  const periods =
    q.filters.period && q.filters.period.length > 0
      ? { list: q.filters.period }
      : { from: q.periodFrom, to: q.periodTo };
  const axisDims = [...q.rows, ...q.columns].filter(
    (a) => a !== 'country' && a !== 'period',
  ) as LevelDim[];
  const presence: Presence = { blocks: new Set(), options: new Map() };
  const present = new Map<string, Set<string>>();
  for (const code of codes) {
    const store = new CellStore(mode);
    const spec = {
      source: q.source,
      dataElement: code,
      periodType: q.periodType,
      countries: access.countries,
      periods,
      masks: levelMasks(relevant),
    };
    const [cells, p] = await Promise.all([loadCells(db, spec), loadPresence(db, spec, axisDims)]);
    store.add(cells);
    stores.set(code, store);
    present.set(code, p.blocks);
    for (const b of p.blocks) {
      presence.blocks.add(b);
    }
    for (const [d, set] of p.options) {
      presence.options.set(d, new Set([...(presence.options.get(d) ?? []), ...set]));
    }
  }
  const layout = tableLayout(q, presence, access);
  let grid = computeGrid(q, stores, expr, elements, layout, access);
  const misses = [...stores].filter(([code, s]) =>
    [...s.incompleteMisses].some((b) => present.get(code)?.has(b)),
  );
  if (misses.length > 0 && levelMasks(relevant) !== null) {
    for (const [code, store] of misses) {
      const blocks = [...store.incompleteMisses].filter((b) => present.get(code)?.has(b));
      store.incompleteMisses.clear();
      const cells = await loadBlocks(
        db,
        { source: q.source, dataElement: code, periodType: q.periodType },
        blocks,
      );
      store.add(cells, new Set(blocks));
    }
    grid = computeGrid(q, stores, expr, elements, layout, access);
  }
  return finishTable(db, q, access, layout, grid, elements);
}

type Presence = { blocks: Set<string>; options: Map<LevelDim, Set<string>> };

function tableLayout(q: StatQuery, presence: Presence, access: StatAccess): Layout {
  const present = (axis: PivotAxis): string[] => {
    const seen = new Set<string>();
    if (axis === 'country' || axis === 'period') {
      for (const b of presence.blocks) {
        const [country, period] = b.split('|') as [string, string];
        seen.add(axis === 'country' ? country : period);
      }
    } else {
      for (const o of presence.options.get(axis) ?? []) {
        seen.add(o);
      }
    }
    seen.delete(REGION_UNIT);
    return sortOptions(axis, seen);
  };
  const periodSet =
    q.filters.period && q.filters.period.length > 0
      ? [...q.filters.period]
      : q.periodFrom && q.periodTo && q.periodType !== 'FinancialYear'
        ? periodsBetween(q.periodFrom, q.periodTo)
        : present('period');
  const countrySet =
    q.filters.country && q.filters.country.length > 0
      ? [...q.filters.country]
      : access.countries
        ? [...access.countries]
        : present('country');
  const optionsOf = (axis: PivotAxis): string[] => {
    if (axis === 'period') {
      return periodSet;
    }
    if (axis === 'country') {
      return countrySet;
    }
    const kept = q.filters[axis];
    return kept && kept.length > 0 ? sortOptions(axis, kept) : present(axis);
  };
  const rowOptions = q.rows.map(optionsOf);
  const colOptions = q.columns.map(optionsOf);
  return {
    rowOptions,
    colOptions,
    rowTuples: withTotal(headerTuples(rowOptions), q.rows.length),
    colTuples: withTotal(headerTuples(colOptions), q.columns.length),
    countrySet,
    periodSet,
  };
}

function withTotal(tuples: string[][], n: number): string[][] {
  return [...tuples, Array.from({ length: n }, () => '')];
}

function selectionOf(
  q: StatQuery,
  layout: Layout,
  access: StatAccess,
  row: readonly string[],
  col: readonly string[],
): CellSelection {
  const fixed = new Map<PivotAxis, string>();
  q.rows.forEach((a, i) => {
    fixed.set(a, row[i] as string);
  });
  q.columns.forEach((a, i) => {
    fixed.set(a, col[i] as string);
  });
  const pick = (axis: PivotAxis): string | readonly string[] => {
    const f = fixed.get(axis);
    if (f !== undefined && f !== '') {
      return f;
    }
    const kept = q.filters[axis];
    if (kept && kept.length > 0) {
      return kept.length === 1 ? (kept[0] as string) : kept;
    }
    return '';
  };
  const c = pick('country');
  const p = pick('period');
  const regionUnit =
    access.countries === null &&
    !(q.filters.country && q.filters.country.length > 0) &&
    q.source === 'national'
      ? REGION_UNIT
      : null;
  return {
    country: typeof c === 'string' && c !== '' ? c : { set: layout.countrySet, regionUnit },
    period: typeof p === 'string' && p !== '' ? p : layout.periodSet,
    dims: LEVEL_DIMS.map((d) => (d === 'province' ? '' : pick(d))),
  };
}

/** Cells, and per indicator cell the smallest disclosure-controlled count it was built on. */
type Grid = { cells: Resolved[][]; smallest: (number | null)[][] };

function computeGrid(
  q: StatQuery,
  stores: Map<string, CellStore>,
  expr: IndicatorExpr | null,
  elements: Map<string, ElementInfo>,
  layout: Layout,
  access: StatAccess,
): Grid {
  const cells: Resolved[][] = [];
  const smallest: (number | null)[][] = [];
  for (const row of layout.rowTuples) {
    const line: Resolved[] = [];
    const flags: (number | null)[] = [];
    for (const col of layout.colTuples) {
      const sel = selectionOf(q, layout, access, row, col);
      if (!expr) {
        line.push(evaluateSelection(stores.get(q.dataElement as string) as CellStore, sel));
        flags.push(null);
        continue;
      }
      const [r, small] = evaluateIndicatorCell(expr, sel, stores, elements);
      line.push(r);
      flags.push(small);
    }
    cells.push(line);
    smallest.push(flags);
  }
  return { cells, smallest };
}

function evaluateIndicatorCell(
  expr: IndicatorExpr,
  sel: CellSelection,
  stores: Map<string, CellStore>,
  elements: Map<string, ElementInfo>,
): [Resolved, number | null] {
  const context: Record<string, string> = {};
  LEVEL_DIMS.forEach((d, i) => {
    const o = sel.dims[i];
    if (typeof o === 'string' && o !== '') {
      context[d] = o;
    }
  });
  const sources = new Set<string>();
  let hidden: Resolved['status'] | null = null;
  let smallest: number | null = null;
  const value = evaluateIndicator(expr, context, (code, disaggregation) => {
    const info = elements.get(code);
    const store = stores.get(code);
    if (!info || !store) {
      return null;
    }
    const dims = LEVEL_DIMS.map((d, i) => {
      if (!info.dimensions.includes(d as StatDimension)) {
        return '';
      }
      const fixed = (disaggregation as Record<string, string | undefined>)[d];
      return fixed !== undefined ? fixed : (sel.dims[i] as string | readonly string[]);
    });
    const r = evaluateSelection(store, { ...sel, dims });
    for (const s of r.sources) {
      sources.add(s);
    }
    if (r.value === null) {
      hidden = hidden ?? r.status;
    } else if (info.isDisclosureControlled) {
      smallest = smallest === null ? r.value : Math.min(smallest, r.value);
    }
    return r.value;
  });
  return [
    {
      value,
      status: value === null ? (hidden ?? 'Missing') : 'Reported',
      isDerived: false,
      isLowerBound: false,
      isAbsent: false,
      sources,
    },
    smallest,
  ];
}

async function finishTable(
  db: Reader,
  q: StatQuery,
  access: StatAccess,
  layout: Layout,
  grid: Grid,
  elements: Map<string, ElementInfo>,
): Promise<StatTable> {
  const settings = await loadDisclosureSettings(db);
  const cells: StatTableCell[][] = grid.cells.map((line) => line.map(presentCell));
  const rowKeys = layout.rowTuples.map(headerKey);
  const colKeys = layout.colTuples.map(headerKey);
  let primary = 0;
  let secondary = 0;
  const controlled = [...elements.values()].some((e) => e.isDisclosureControlled);
  if (q.source === 'national' && !access.internal && controlled) {
    if (q.indicator) {
      // Rates are not additive: a rate is withheld when a count it is built on is below the threshold.
      grid.smallest.forEach((flags, i) => {
        flags.forEach((min, j) => {
          if (isBelowThreshold(min, settings)) {
            (cells[i] as StatTableCell[])[j] = { value: null, status: 'Suppressed' };
            primary += 1;
          }
        });
      });
    } else {
      const constraints = tableConstraints(
        rowKeys,
        colKeys,
        sideGroups(q.rows, layout.rowOptions, layout.rowTuples.slice(0, -1)),
        sideGroups(q.columns, layout.colOptions, layout.colTuples.slice(0, -1)),
      );
      ({ primary, secondary } = suppressGrid(cells, rowKeys, colKeys, constraints, settings));
    }
  } else if (q.source === 'regional') {
    for (const line of cells) {
      for (const c of line) {
        primary += c.status === 'Suppressed' ? 1 : 0;
        secondary += c.status === 'SecondarySuppressed' ? 1 : 0;
      }
    }
  }
  const sourceKeys = new Set<string>();
  for (const line of grid.cells) {
    for (const r of line) {
      for (const s of r.sources) {
        sourceKeys.add(s);
      }
    }
  }
  return {
    query: q,
    rowAxes: [...q.rows],
    columnAxes: [...q.columns],
    rowHeaders: layout.rowTuples,
    columnHeaders: layout.colTuples,
    cells,
    hasTotals: true,
    disclosure: { threshold: settings.threshold, internal: access.internal, primary, secondary },
    sources: await loadSources(db, q.source, sourceKeys),
    openViolations: await countOpenViolations(
      db,
      [...elements.keys()],
      access.countries,
      layout.periodSet,
    ),
  };
}
