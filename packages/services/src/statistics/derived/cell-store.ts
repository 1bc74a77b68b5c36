import type { Database, Db } from '@ctip/db';
import { OPTION_PARTS, type PublishedCellStatus, STAT_DIMENSIONS } from '@ctip/domain';
import { type Kysely, type RawBuilder, sql, type Transaction } from 'kysely';

/**
 * Stored aggregate values of one element, loaded per (country, period) block, and the rule that
 * turns them into the value of any cell without double counting:
 *
 * A cell (country, period, one option or TOTAL per dimension) takes the stored value at exactly
 * that level when there is one. Otherwise it is the sum of the finer stored cells, split along the
 * first dimension (STAT_DIMENSIONS order, then province) that has finer values: each present
 * option is resolved by the same rule, so a block holding the printed total, the sex breakdown and
 * sex × age never adds a total to its own parts. Composite options (age U18 = 0-14 + 15-17) split
 * into their parts, and a TOTAL split takes only top-level options (U18, not also 0-14).
 */
export const LEVEL_DIMS = [...STAT_DIMENSIONS, 'province'] as const;
export type LevelDim = (typeof LEVEL_DIMS)[number];

/** The level expression, verbatim as in migration 2026_12_02_0930 (the expression index). */
export const LEVEL_SQL = `(${LEVEL_DIMS.map((d, i) => `(CASE WHEN ${d} <> '' THEN ${2 ** i} ELSE 0 END)`).join(' + ')})`;

export type Reader = Db | Transaction<Database> | Kysely<Database>;

/** One stored value. `dims` follows LEVEL_DIMS. */
export type StoredCell = {
  country: string;
  period: string;
  dims: string[];
  status: PublishedCellStatus;
  value: number | null;
  /** stat_source id (national) or the cited source text (regional). */
  source: string | null;
};

/** A resolved cell: its value or status, and how it was obtained. */
export type Resolved = {
  value: number | null;
  status: PublishedCellStatus;
  /** Computed from finer stored values (no value at exactly this level). */
  isDerived: boolean;
  /** The sum of the visible parts only: some parts are withheld (regional source). */
  isLowerBound: boolean;
  /** Nothing stored at or below this level. */
  isAbsent: boolean;
  sources: Set<string>;
};

/** How a sum treats parts that are not numbers. */
export type CombineMode = 'strict' | 'lowerBound';

const PART_OF: Partial<Record<string, Map<string, string>>> = {};
for (const [dim, parts] of Object.entries(OPTION_PARTS)) {
  const m = new Map<string, string>();
  for (const [whole, list] of Object.entries(parts ?? {})) {
    for (const p of list) {
      m.set(p, whole);
    }
  }
  PART_OF[dim] = m;
}

/** The composite option `option` is a part of, if any (0-14 → U18). */
export function optionWhole(dim: string, option: string): string | null {
  return PART_OF[dim]?.get(option) ?? null;
}

/** The parts of a composite option (U18 → [0-14, 15-17]), or null. */
export function optionParts(dim: string, option: string): readonly string[] | null {
  return (OPTION_PARTS as Record<string, Record<string, readonly string[]>>)[dim]?.[option] ?? null;
}

const HIDDEN_PRIORITY: PublishedCellStatus[] = [
  'SuppressedAtSource',
  'Suppressed',
  'SecondarySuppressed',
  'Missing',
];

/**
 * Sum resolved parts.
 * - all numbers: their sum;
 * - `strict` (national source): any part without a number makes the sum unknown, with the most
 *   telling status of the parts (suppressed at source before missing) — never a silent zero;
 * - `lowerBound` (regional source, already disclosure-controlled): the sum of the visible parts,
 *   marked as a lower bound, so a withheld cell is never revealed by subtraction.
 */
export function combineResolved(parts: readonly Resolved[], mode: CombineMode): Resolved {
  const sources = new Set<string>();
  let sum = 0;
  let numbers = 0;
  let isLowerBound = false;
  let hidden: PublishedCellStatus | null = null;
  const present = parts.filter((p) => !p.isAbsent);
  for (const p of present) {
    for (const s of p.sources) {
      sources.add(s);
    }
    if (p.value !== null) {
      sum += p.value;
      numbers += 1;
      isLowerBound ||= p.isLowerBound;
    } else if (
      hidden === null ||
      HIDDEN_PRIORITY.indexOf(p.status) < HIDDEN_PRIORITY.indexOf(hidden)
    ) {
      hidden = p.status;
    }
  }
  if (present.length === 0) {
    return absentCell();
  }
  if (present.length === 1) {
    // One part is the whole (a set of one country, one period, one option): unchanged.
    return present[0] as Resolved;
  }
  const base = { isDerived: true, isAbsent: false, sources };
  if (hidden === null) {
    return { ...base, value: sum, status: 'Reported', isLowerBound };
  }
  if (mode === 'lowerBound' && numbers > 0) {
    return { ...base, value: sum, status: 'Reported', isLowerBound: true };
  }
  return { ...base, value: null, status: hidden, isLowerBound: false };
}

/** Nothing stored: shown as Missing, never zero. */
export function absentCell(): Resolved {
  return {
    value: null,
    status: 'Missing',
    isDerived: false,
    isLowerBound: false,
    isAbsent: true,
    sources: new Set(),
  };
}

type Block = { cells: StoredCell[]; byLevel: Map<string, StoredCell>; isComplete: boolean };

/** The stored cells of one element, by block, with memoised resolution. */
export class CellStore {
  private readonly blocks = new Map<string, Block>();
  private readonly memo = new Map<string, Resolved>();
  /** Blocks where a cell found nothing among the loaded (level-pruned) values. */
  readonly incompleteMisses = new Set<string>();

  constructor(readonly mode: CombineMode) {}

  /** Add loaded cells; `isComplete` says the block was loaded at every level. */
  add(cells: readonly StoredCell[], completeBlocks: ReadonlySet<string> = new Set()): void {
    for (const c of cells) {
      const key = blockKey(c.country, c.period);
      let b = this.blocks.get(key);
      if (!b) {
        b = { cells: [], byLevel: new Map(), isComplete: false };
        this.blocks.set(key, b);
      }
      const lk = c.dims.join('\u0001');
      if (!b.byLevel.has(lk)) {
        b.byLevel.set(lk, c);
        b.cells.push(c);
      }
    }
    for (const key of completeBlocks) {
      const b = this.blocks.get(key);
      if (b) {
        b.isComplete = true;
      } else {
        this.blocks.set(key, { cells: [], byLevel: new Map(), isComplete: true });
      }
    }
    this.memo.clear();
  }

  /** Every loaded cell. */
  *allCells(): Iterable<StoredCell> {
    for (const b of this.blocks.values()) {
      yield* b.cells;
    }
  }

  /** Does any stored cell exist in the block? */
  hasBlock(country: string, period: string): boolean {
    return (this.blocks.get(blockKey(country, period))?.cells.length ?? 0) > 0;
  }

  /**
   * The value of one cell.
   * @param dims - an option or '' per LEVEL_DIMS entry
   */
  resolve(country: string, period: string, dims: readonly string[]): Resolved {
    const bk = blockKey(country, period);
    const mk = `${bk}\u0002${dims.join('\u0001')}`;
    const hit = this.memo.get(mk);
    if (hit) {
      return hit;
    }
    const block = this.blocks.get(bk);
    const out = block ? this.resolveIn(block, country, period, dims) : absentCell();
    if (out.isAbsent && !block?.isComplete) {
      this.incompleteMisses.add(bk);
    }
    this.memo.set(mk, out);
    return out;
  }

  private resolveIn(
    block: Block,
    country: string,
    period: string,
    dims: readonly string[],
  ): Resolved {
    const exact = block.byLevel.get(dims.join('\u0001'));
    if (exact) {
      return {
        value: exact.status === 'Reported' ? exact.value : null,
        status: exact.status,
        isDerived: false,
        isLowerBound: false,
        isAbsent: false,
        sources: new Set(exact.source ? [exact.source] : []),
      };
    }
    const finer = block.cells.filter((c) => isFinerMatch(c.dims, dims));
    if (finer.length === 0) {
      return absentCell();
    }
    for (let i = 0; i < LEVEL_DIMS.length; i += 1) {
      const dim = LEVEL_DIMS[i] as LevelDim;
      const want = dims[i] as string;
      const options = new Set<string>();
      if (want === '') {
        for (const c of finer) {
          const o = c.dims[i] as string;
          if (o !== '') {
            options.add(optionWhole(dim, o) ?? o);
          }
        }
      } else {
        for (const c of finer) {
          if (c.dims[i] !== want) {
            options.add(c.dims[i] as string);
          }
        }
      }
      if (options.size === 0) {
        continue;
      }
      const parts = [...options].sort().map((o) => {
        const next = [...dims];
        next[i] = o;
        return this.resolve(country, period, next);
      });
      return combineResolved(parts, this.mode);
    }
    return absentCell();
  }
}

/** A stored cell is finer than (or a part of) the wanted level: agrees where the level is fixed. */
function isFinerMatch(cell: readonly string[], want: readonly string[]): boolean {
  let finer = false;
  for (let i = 0; i < want.length; i += 1) {
    const w = want[i] as string;
    const c = cell[i] as string;
    if (w === '') {
      finer ||= c !== '';
      continue;
    }
    if (c === w) {
      continue;
    }
    const parts = optionParts(LEVEL_DIMS[i] as string, w);
    if (parts?.includes(c)) {
      finer = true;
      continue;
    }
    return false;
  }
  return finer;
}

export function blockKey(country: string, period: string): string {
  return `${country}|${period}`;
}

/** Bit masks (LEVEL_SQL) that only use dimensions of `relevant` (every subset), or null if too many. */
export function levelMasks(relevant: readonly LevelDim[]): number[] | null {
  const bits = [...new Set(relevant)].map((d) => 2 ** LEVEL_DIMS.indexOf(d));
  if (bits.length > 6) {
    return null;
  }
  const out: number[] = [];
  for (let s = 0; s < 2 ** bits.length; s += 1) {
    let m = 0;
    bits.forEach((b, j) => {
      if (s & (2 ** j)) {
        m += b;
      }
    });
    out.push(m);
  }
  return out;
}

/** What to load: one element over countries and a period range (or list). */
export type LoadSpec = {
  source: 'national' | 'regional';
  dataElement: string;
  periodType: string;
  /** null: every country. */
  countries: readonly string[] | null;
  /** Explicit period ids, or a range (FinancialYear ranges compare the year only). */
  periods: { list: readonly string[] } | { from?: string; to?: string };
  /** Level masks to load (null: every level). */
  masks: number[] | null;
};

type CellRow = Record<LevelDim, string> & {
  country: string;
  period: string;
  status: string;
  value: number | string | null;
  source: string | null;
};

/**
 * Load stored cells. National: stat_value (source = stat_source id); regional: stat_published_value
 * (source = the cited text). Uses the level expression index.
 */
function whereOf(spec: LoadSpec): RawBuilder<unknown>[] | null {
  if (spec.countries !== null && spec.countries.length === 0) {
    return null;
  }
  const conds: RawBuilder<unknown>[] = [
    sql`data_element = ${spec.dataElement}`,
    sql`period_type = ${spec.periodType}`,
  ];
  if (spec.masks !== null) {
    conds.push(sql`${sql.raw(LEVEL_SQL)} in (${sql.join(spec.masks)})`);
  }
  if (spec.countries !== null) {
    conds.push(sql`country in (${sql.join([...spec.countries])})`);
  }
  const p = spec.periods;
  if ('list' in p) {
    if (p.list.length === 0) {
      return null;
    }
    conds.push(sql`period in (${sql.join([...p.list])})`);
  } else if (spec.periodType === 'FinancialYear') {
    if (p.from) {
      conds.push(sql`substr(period, 1, 4) >= ${p.from.slice(0, 4)}`);
    }
    if (p.to) {
      conds.push(sql`substr(period, 1, 4) <= ${p.to.slice(0, 4)}`);
    }
  } else {
    if (p.from) {
      conds.push(sql`period >= ${p.from}`);
    }
    if (p.to) {
      conds.push(sql`period <= ${p.to}`);
    }
  }
  return conds;
}

/**
 * Which (country, period) blocks hold values, and the options of `dims` present at any level:
 * axis headers must not depend on the level-pruned load.
 */
export async function loadPresence(
  db: Reader,
  spec: LoadSpec,
  dims: readonly LevelDim[],
): Promise<{ blocks: Set<string>; options: Map<LevelDim, Set<string>> }> {
  const conds = whereOf({ ...spec, masks: null });
  const blocks = new Set<string>();
  const options = new Map<LevelDim, Set<string>>(dims.map((d) => [d, new Set<string>()]));
  if (!conds) {
    return { blocks, options };
  }
  const table = spec.source === 'national' ? 'stat_value' : 'stat_published_value';
  const cols = sql.raw(['country', 'period', ...new Set(dims)].join(', '));
  const { rows } = await sql<Record<string, string>>`
    select distinct ${cols} from ${sql.table(table)} where ${sql.join(conds, sql` and `)}`.execute(
    db,
  );
  for (const r of rows) {
    blocks.add(blockKey(r.country as string, r.period as string));
    for (const d of dims) {
      const o = r[d];
      if (o) {
        options.get(d)?.add(o);
      }
    }
  }
  return { blocks, options };
}

export async function loadCells(db: Reader, spec: LoadSpec): Promise<StoredCell[]> {
  const conds = whereOf(spec);
  if (!conds) {
    return [];
  }
  const table = spec.source === 'national' ? 'stat_value' : 'stat_published_value';
  const sourceCol = spec.source === 'national' ? 'source_id::text' : 'source_citation';
  const cols = sql.raw(LEVEL_DIMS.join(', '));
  const { rows } = await sql<CellRow>`
    select country, period, ${cols}, status, value, ${sql.raw(sourceCol)} as source
    from ${sql.table(table)} where ${sql.join(conds, sql` and `)}`.execute(db);
  return rows.map((r) => ({
    country: r.country,
    period: r.period,
    dims: LEVEL_DIMS.map((d) => r[d]),
    status: r.status as PublishedCellStatus,
    value: r.value === null ? null : Number(r.value),
    source: r.source,
  }));
}

/** Load every level of the given blocks (the fallback when a pruned load found nothing). */
export async function loadBlocks(
  db: Reader,
  spec: Omit<LoadSpec, 'masks' | 'periods' | 'countries'>,
  blocks: readonly string[],
): Promise<StoredCell[]> {
  const byCountry = new Map<string, string[]>();
  for (const b of blocks) {
    const [country, period] = b.split('|') as [string, string];
    byCountry.set(country, [...(byCountry.get(country) ?? []), period]);
  }
  const out: StoredCell[] = [];
  for (const [country, periods] of byCountry) {
    out.push(
      ...(await loadCells(db, {
        ...spec,
        countries: [country],
        periods: { list: periods },
        masks: null,
      })),
    );
  }
  return out;
}
