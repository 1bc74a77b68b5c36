import { DomainError, type StatDimension, type StatSourceRef } from '@ctip/domain';
import type { Reader } from './cell-store';

/** What the analytics need to know of a data element. */
export type ElementInfo = {
  code: string;
  dimensions: StatDimension[];
  valueType: string;
  unit: string;
  group: string;
  /**
   * Counts of people or cases pass disclosure control; money, population and other measures are
   * not counts of individuals and are shown as they are.
   */
  isDisclosureControlled: boolean;
};

const CONTROLLED_UNITS = new Set(['persons', 'people', 'cases']);

function parseDims(v: unknown): StatDimension[] {
  const list = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  return Array.isArray(list) ? (list.filter((d) => typeof d === 'string') as StatDimension[]) : [];
}

/**
 * Load an element's metadata.
 * @throws INVALID_INPUT naming `field` when the element does not exist
 */
export async function loadElement(db: Reader, code: string, field: string): Promise<ElementInfo> {
  const row = await db
    .selectFrom('stat_data_element')
    .select(['code', 'dimensions', 'value_type', 'unit', 'element_group'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('INVALID_INPUT', `${field}: unknown data element ${code}`, { field });
  }
  return {
    code: row.code,
    dimensions: parseDims(row.dimensions),
    valueType: row.value_type,
    unit: row.unit,
    group: row.element_group,
    isDisclosureControlled:
      row.element_group !== 'population' &&
      row.value_type === 'Integer' &&
      CONTROLLED_UNITS.has(row.unit),
  };
}

/**
 * The sources cited by the values used: stat_source rows (national, by id) or the citation text
 * the publishers pushed (regional).
 */
export async function loadSources(
  db: Reader,
  source: 'national' | 'regional',
  keys: ReadonlySet<string>,
): Promise<StatSourceRef[]> {
  if (keys.size === 0) {
    return [];
  }
  if (source === 'regional') {
    return [...keys].sort().map((citation) => ({ code: '', title: '', citation }));
  }
  const rows = await db
    .selectFrom('stat_source')
    .select(['code', 'title', 'citation'])
    .where('id', 'in', [...keys])
    .orderBy('code')
    .execute();
  return rows;
}

/** Open validation findings on the elements, countries (null = all) and periods of a table. */
export async function countOpenViolations(
  db: Reader,
  elements: readonly string[],
  countries: readonly string[] | null,
  periods: readonly string[],
): Promise<number> {
  if (elements.length === 0 || periods.length === 0) {
    return 0;
  }
  let q = db
    .selectFrom('stat_violation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'Open')
    .where('data_element', 'in', [...elements])
    .where('period', 'in', [...periods]);
  if (countries) {
    q = q.where('country', 'in', [...countries]);
  }
  const row = await q.executeTakeFirst();
  return Number(row?.n ?? 0);
}
