import {
  type ComparisonQuery,
  ComparisonQuerySchema,
  type ComparisonReason,
  type ComparisonRow,
  DomainError,
  type PublishedCellStatus,
  type StatDimension,
  type SumConstraint,
  suppressCells,
  TOTAL,
} from '@ctip/domain';
import { sql } from 'kysely';
import { appendAuditEventNow } from '../../audit/append-audit-event';
import { auditEvent } from '../../common/access';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import { loadDisclosureSettings } from '../core/settings';
import { CASE_DERIVED_DIMENSIONS, computeCaseDerived } from './case-derived';
import {
  blockKey,
  CellStore,
  LEVEL_DIMS,
  levelMasks,
  loadBlocks,
  loadCells,
  optionWhole,
  type Reader,
  type Resolved,
} from './cell-store';
import { authorizeStatRead } from './query-table';
import { sortOptions } from './table-build';

type Official = { resolved: Resolved; periodBasis: 'Yearly' | 'FinancialYear' };

/** The official value per country × year × option, calendar year first, else the fiscal year. */
async function loadOfficial(
  db: Reader,
  q: { dataElement: string; countries: string[]; years: string[]; dimension: StatDimension | null },
): Promise<{ get: (c: string, y: string, o: string) => Official; options: Set<string> }> {
  const yearly = new CellStore('strict');
  const spec = { source: 'national' as const, dataElement: q.dataElement };
  yearly.add(
    await loadCells(db, {
      ...spec,
      periodType: 'Yearly',
      countries: q.countries,
      periods: { list: q.years },
      masks: levelMasks(q.dimension ? [q.dimension] : []),
    }),
  );
  const fiscal = new CellStore('strict');
  fiscal.add(
    await loadCells(db, {
      ...spec,
      periodType: 'FinancialYear',
      countries: q.countries,
      periods: { from: q.years[0], to: q.years[q.years.length - 1] },
      masks: null,
    }),
  );
  const di = q.dimension ? LEVEL_DIMS.indexOf(q.dimension) : -1;
  const options = new Set<string>();
  for (const store of [yearly, fiscal]) {
    for (const c of store.allCells()) {
      if (di >= 0 && c.dims[di] !== '') {
        options.add(c.dims[di] as string);
      }
    }
  }
  const fiscalPeriod = new Map<string, string>();
  for (const c of fiscal.allCells()) {
    fiscalPeriod.set(`${c.country}|${c.period.slice(0, 4)}`, c.period);
  }
  // Blocks with a yearly value at some level but not this one: every level of them.
  const pending = new Set<string>();
  const dimsOf = (o: string) => LEVEL_DIMS.map((_, i) => (i === di ? o : ''));
  for (const c of q.countries) {
    for (const y of q.years) {
      for (const o of ['', ...options]) {
        if (yearly.resolve(c, y, dimsOf(o)).isAbsent && yearly.hasBlock(c, y)) {
          pending.add(blockKey(c, y));
        }
      }
    }
  }
  if (pending.size > 0) {
    yearly.add(await loadBlocks(db, { ...spec, periodType: 'Yearly' }, [...pending]), pending);
  }
  return {
    options,
    get: (c, y, o) => {
      const r = yearly.resolve(c, y, dimsOf(o));
      const fp = fiscalPeriod.get(`${c}|${y}`);
      if (r.isAbsent && fp) {
        return { resolved: fiscal.resolve(c, fp, dimsOf(o)), periodBasis: 'FinancialYear' };
      }
      return { resolved: r, periodBasis: 'Yearly' };
    },
  };
}

/** Per country: the first year with a case in the system, and years with unconfirmed victims. */
async function loadSystemFacts(
  db: Reader,
  countries: readonly string[],
): Promise<{ firstYear: Map<string, number>; possible: Set<string> }> {
  const first = await sql<{ country: string; y: number | string }>`
    select country_code as country, min(extract(year from created_at))::int as y from case_record
    where country_code in (${sql.join([...countries])}) group by 1`.execute(db);
  const possible = await sql<{ country: string; y: string }>`
    select distinct country_code as country, to_char(created_at, 'YYYY') as y from case_record
    where identification_status = 'Possible' and country_code in (${sql.join([...countries])})`.execute(
    db,
  );
  return {
    firstYear: new Map(first.rows.map((r) => [r.country, Number(r.y)])),
    possible: new Set(possible.rows.map((r) => `${r.country}|${r.y}`)),
  };
}

function reasonsFor(args: {
  official: Official;
  shownOfficial: number | null;
  derived: number | null;
  year: number;
  firstYear: number | undefined;
  hasPossible: boolean;
  isVictims: boolean;
}): ComparisonReason[] {
  const { official, shownOfficial, derived } = args;
  const out: ComparisonReason[] = [];
  if (official.resolved.isAbsent || official.resolved.status === 'Missing') {
    out.push('official_missing');
  }
  if (official.resolved.status === 'SuppressedAtSource') {
    out.push('official_suppressed_at_source');
  }
  if (official.periodBasis === 'FinancialYear') {
    out.push('different_period_basis');
  }
  if (shownOfficial === null || derived === null || shownOfficial === derived) {
    return out;
  }
  if (derived < shownOfficial) {
    out.push('not_all_agencies_use_system');
    if (args.firstYear === undefined || args.year <= args.firstYear) {
      out.push('identified_before_system');
    }
  } else if (!out.includes('different_period_basis')) {
    out.push('different_counting_rules');
  }
  if (args.isVictims && args.hasPossible) {
    out.push('possible_victims_not_confirmed');
  }
  return out;
}

/** Suppress one column of a (country, year) group: total = the top-level options. */
function suppressColumn(
  values: Map<string, number | null>,
  options: readonly string[],
  dim: StatDimension | null,
  settings: Awaited<ReturnType<typeof loadDisclosureSettings>>,
): Map<string, PublishedCellStatus> {
  const constraints: SumConstraint[] = [];
  if (dim) {
    constraints.push({
      total: TOTAL,
      parts: options.filter((o) => {
        const w = optionWhole(dim, o);
        return w === null || !options.includes(w);
      }),
    });
    for (const o of options) {
      const parts = options.filter((p) => optionWhole(dim, p) === o);
      if (parts.length > 0) {
        constraints.push({ total: o, parts });
      }
    }
  }
  const r = suppressCells(values, constraints, settings);
  const out = new Map<string, PublishedCellStatus>();
  for (const k of values.keys()) {
    out.set(
      k,
      r.primary.has(k) ? 'Suppressed' : r.secondary.has(k) ? 'SecondarySuppressed' : 'Reported',
    );
  }
  return out;
}

/**
 * Case-derived counts beside the official figures, per country × year (× option), with the
 * difference and the reasons they may disagree (i18n keys). Aggregates only. Disclosure control on
 * both columns (primary + secondary within each country-year) unless `internal`
 * (statistic_internal:read, audited `statistics.read_internal`).
 * @throws INVALID_INPUT (field named), FORBIDDEN (audited)
 */
export async function compareStatistics(
  ctx: ServiceContext,
  auth: AuthContext,
  query: unknown,
): Promise<{ rows: ComparisonRow[] }> {
  const q: ComparisonQuery = parseInput(ComparisonQuerySchema, query);
  const dim = q.dimension ?? null;
  if (dim && !(CASE_DERIVED_DIMENSIONS[q.dataElement] ?? []).includes(dim)) {
    throw new DomainError(
      'INVALID_INPUT',
      `dimension: not derived from cases for ${q.dataElement}`,
      {
        field: 'dimension',
      },
    );
  }
  const access = await authorizeStatRead(
    ctx,
    auth,
    'national',
    q.country ? [q.country] : undefined,
    q.internal,
  );
  const thisYear = ctx.now().getUTCFullYear();
  const yearTo = Number(q.periodTo ?? thisYear);
  const yearFrom = Number(q.periodFrom ?? yearTo - 9);
  if (yearFrom > yearTo || yearTo - yearFrom > 50) {
    throw new DomainError(
      'INVALID_INPUT',
      'periodFrom: must be before periodTo, at most 50 years',
      {
        field: 'periodFrom',
      },
    );
  }
  const years = Array.from({ length: yearTo - yearFrom + 1 }, (_, i) => String(yearFrom + i));
  const derived = await computeCaseDerived(ctx.db, {
    dataElement: q.dataElement,
    countries: access.countries,
    yearFrom,
    yearTo,
    dimension: dim,
  });
  const countries = access.countries ?? [
    ...new Set([...derived.keys()].map((k) => k.split('|')[0] as string)),
  ];
  const official = await loadOfficial(ctx.db, {
    dataElement: q.dataElement,
    countries,
    years,
    dimension: dim,
  });
  const derivedOptions = new Set([...derived.keys()].map((k) => k.split('|')[2] as string));
  const options = dim ? sortOptions(dim, [...derivedOptions, ...official.options]) : [];
  const facts = await loadSystemFacts(ctx.db, countries.length > 0 ? countries : ['--']);
  const settings = await loadDisclosureSettings(ctx.db);
  const rows: ComparisonRow[] = [];
  for (const country of [...countries].sort()) {
    for (const year of years) {
      const keys = [TOTAL, ...options];
      const offs = new Map(keys.map((o) => [o, official.get(country, year, o)]));
      const der = new Map<string, number | null>(
        keys.map((o) => [o, derived.get(`${country}|${year}|${o}`) ?? 0]),
      );
      const offValues = new Map(keys.map((o) => [o, offs.get(o)?.resolved.value ?? null]));
      const derStatus = access.internal ? null : suppressColumn(der, options, dim, settings);
      const offStatus = access.internal ? null : suppressColumn(offValues, options, dim, settings);
      for (const o of keys) {
        const off = offs.get(o) as Official;
        const dStatus = derStatus?.get(o) ?? 'Reported';
        const oHidden = offStatus?.get(o);
        const shownOfficial = oHidden && oHidden !== 'Reported' ? null : off.resolved.value;
        const shownDerived = dStatus === 'Reported' ? (der.get(o) ?? 0) : null;
        rows.push({
          country,
          period: year,
          dataElement: q.dataElement,
          dimension: o === TOTAL ? '' : (dim as StatDimension),
          option: o,
          official: shownOfficial,
          officialStatus: off.resolved.isAbsent
            ? 'Absent'
            : (off.resolved.status as ComparisonRow['officialStatus']),
          officialShownStatus: oHidden && oHidden !== 'Reported' ? oHidden : off.resolved.status,
          derived: shownDerived,
          derivedStatus: dStatus,
          difference:
            shownOfficial === null || shownDerived === null ? null : shownDerived - shownOfficial,
          reasons: reasonsFor({
            official: off,
            shownOfficial,
            derived: shownDerived,
            year: Number(year),
            firstYear: facts.firstYear.get(country),
            hasPossible: facts.possible.has(`${country}|${year}`),
            isVictims:
              q.dataElement !== 'VICTIMS_REPATRIATED' && q.dataElement !== 'VICTIMS_RETURNED',
          }),
        });
      }
    }
  }
  if (access.internal) {
    await appendAuditEventNow(
      ctx.db,
      auditEvent(
        auth,
        'statistics.read_internal',
        { type: 'statistic', id: null },
        {
          view: 'comparison',
          dataElement: q.dataElement,
          countries: access.countries,
        },
      ),
      ctx.now(),
    );
  }
  return { rows };
}
