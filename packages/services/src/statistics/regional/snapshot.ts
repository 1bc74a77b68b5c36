import { createHash } from 'node:crypto';
import type { Database } from '@ctip/db';
import {
  cubeConstraints,
  type Disaggregation,
  type DisclosureSettings,
  DomainError,
  MAX_PUSHED_CELLS,
  type PublishedCellStatus,
  type PushedCell,
  STAT_DIMENSIONS,
  type StatDimension,
  suppressCells,
} from '@ctip/domain';
import type { Transaction } from 'kysely';

type Trx = Transaction<Database>;

/** A cited source of a snapshot (cells name it by code). */
export type SnapshotSource = { code: string; title: string; citation: string };

/** The disclosure-controlled content of one data set for one country and period. */
export type PublishedSnapshot = {
  dataSet: string;
  country: string;
  period: string;
  periodType: string;
  disclosure: DisclosureSettings;
  sources: SnapshotSource[];
  cells: PushedCell[];
};

/** What a stored published set is besides its cells. */
export type PublishedSetHeader = {
  version: number;
  originNode: string;
  approvedAt: Date;
  receivedAt: Date;
};

/**
 * The federation `ref` of one published set's messages: a name-based UUID (version 8, from
 * SHA-256 of `stats:<country>:<dataSet>:<period>`), the same on every node, so the deliverer keeps
 * the set's published/withdrawn messages in order.
 */
export function statisticsMessageRef(country: string, dataSet: string, period: string): string {
  const h = createHash('sha256').update(`stats:${country}:${dataSet}:${period}`).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x80;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

function disaggregationOf(row: Record<StatDimension, string>): Disaggregation {
  const d: Disaggregation = {};
  for (const dim of STAT_DIMENSIONS) {
    const v = row[dim];
    if (v !== '' && v !== undefined && v !== null) {
      d[dim] = v;
    }
  }
  return d;
}

function dimensionColumns(d: Disaggregation): Record<StatDimension, string> {
  const out = {} as Record<StatDimension, string>;
  for (const dim of STAT_DIMENSIONS) {
    out[dim] = d[dim] ?? '';
  }
  return out;
}

/**
 * Build the published snapshot of a data set for a country and period from this node's values:
 * per (element, province) block, the stored cells with the cube's part–whole constraints, primary
 * and secondary suppression with `settings`. Suppressed cells lose their number; Missing and
 * SuppressedAtSource stay as they are.
 * @throws NOT_FOUND (unknown data set), CONFLICT (more cells than one push may carry)
 */
export async function buildPublishedSnapshot(
  trx: Trx,
  key: { dataSet: string; country: string; period: string },
  settings: DisclosureSettings,
): Promise<PublishedSnapshot> {
  const set = await trx
    .selectFrom('stat_data_set')
    .select(['code', 'period_type'])
    .where('code', '=', key.dataSet)
    .executeTakeFirst();
  if (!set) {
    throw new DomainError('NOT_FOUND', 'No such data set', { field: 'dataSet' });
  }
  const elements = (
    await trx
      .selectFrom('stat_data_set_element')
      .select('data_element')
      .where('data_set', '=', key.dataSet)
      .orderBy('sort')
      .orderBy('data_element')
      .execute()
  ).map((e) => e.data_element);
  const rows =
    elements.length === 0
      ? []
      : await trx
          .selectFrom('stat_value as v')
          .leftJoin('stat_source as s', 's.id', 'v.source_id')
          .select([
            'v.data_element',
            'v.province',
            ...STAT_DIMENSIONS.map((d) => `v.${d}` as const),
            'v.status',
            'v.value',
            's.code as source_code',
            's.title as source_title',
            's.citation as source_citation',
          ])
          .where('v.data_element', 'in', elements)
          .where('v.country', '=', key.country)
          .where('v.period', '=', key.period)
          .orderBy('v.data_element')
          .orderBy('v.province')
          .orderBy('v.id')
          .execute();
  if (rows.length > MAX_PUSHED_CELLS) {
    throw new DomainError(
      'CONFLICT',
      `The data set has ${rows.length} values for this period; at most ${MAX_PUSHED_CELLS} can be published at once`,
    );
  }
  const sources = new Map<string, SnapshotSource>();
  const blocks = new Map<
    string,
    { key: string; d: Disaggregation; value: number | null; atSource: boolean }[]
  >();
  const cells: PushedCell[] = rows.map((r, i) => {
    if (r.source_code) {
      sources.set(r.source_code, {
        code: r.source_code,
        title: r.source_title ?? '',
        citation: r.source_citation ?? '',
      });
    }
    const d = disaggregationOf(r as unknown as Record<StatDimension, string>);
    const blockKey = `${r.data_element}|${r.province}`;
    const value = r.status === 'Reported' && r.value !== null ? Number(r.value) : null;
    const list = blocks.get(blockKey) ?? [];
    list.push({ key: String(i), d, value, atSource: r.status === 'SuppressedAtSource' });
    blocks.set(blockKey, list);
    return {
      dataElement: r.data_element,
      province: r.province,
      disaggregation: d,
      status: r.status as PublishedCellStatus,
      value,
      source: r.source_code ?? null,
    };
  });
  for (const block of blocks.values()) {
    const values = new Map(block.map((c) => [c.key, c.value]));
    const constraints = cubeConstraints(block.map((c) => ({ key: c.key, disaggregation: c.d })));
    // A part withheld by the publisher is unknown yet inside the stored (printed) totals.
    const atSource = new Set(block.filter((c) => c.atSource).map((c) => c.key));
    const { primary, secondary } = suppressCells(values, constraints, settings, atSource);
    for (const k of primary) {
      const cell = cells[Number(k)] as PushedCell;
      cell.status = 'Suppressed';
      cell.value = null;
    }
    for (const k of secondary) {
      const cell = cells[Number(k)] as PushedCell;
      cell.status = 'SecondarySuppressed';
      cell.value = null;
    }
  }
  return {
    ...key,
    periodType: set.period_type,
    disclosure: { threshold: settings.threshold, suppressZeros: settings.suppressZeros },
    sources: [...sources.values()].sort((a, b) => a.code.localeCompare(b.code)),
    cells,
  };
}

/**
 * Store a published set (replacing whatever version was stored for the same data set, country and
 * period): the set row and its cells, with the cited source's text on every cell.
 */
export async function storePublishedSet(
  trx: Trx,
  snapshot: PublishedSnapshot,
  header: PublishedSetHeader,
): Promise<void> {
  await deletePublishedSet(trx, snapshot);
  await trx
    .insertInto('stat_published_set')
    .values({
      data_set: snapshot.dataSet,
      country: snapshot.country,
      period: snapshot.period,
      version: header.version,
      origin_node: header.originNode,
      status: 'Published',
      approved_at: header.approvedAt,
      received_at: header.receivedAt,
      threshold: snapshot.disclosure.threshold,
    })
    .execute();
  const citations = new Map(snapshot.sources.map((s) => [s.code, s.citation]));
  const rows = snapshot.cells.map((c) => ({
    data_set: snapshot.dataSet,
    data_element: c.dataElement,
    country: snapshot.country,
    province: c.province,
    period: snapshot.period,
    period_type: snapshot.periodType,
    ...dimensionColumns(c.disaggregation),
    status: c.status,
    value: c.value,
    source_citation: c.source === null ? null : (citations.get(c.source) ?? c.source),
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await trx
      .insertInto('stat_published_value')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** Remove a published set and its cells; the number of sets removed (0 or 1). */
export async function deletePublishedSet(
  trx: Trx,
  key: { dataSet: string; country: string; period: string },
): Promise<number> {
  await trx
    .deleteFrom('stat_published_value')
    .where('data_set', '=', key.dataSet)
    .where('country', '=', key.country)
    .where('period', '=', key.period)
    .execute();
  const r = await trx
    .deleteFrom('stat_published_set')
    .where('data_set', '=', key.dataSet)
    .where('country', '=', key.country)
    .where('period', '=', key.period)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
