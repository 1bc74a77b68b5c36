import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvRecords } from '@ctip/domain';
import type { Insertable } from 'kysely';
import type {
  PlanFrameworkRevisionTable,
  PlanFrameworkTable,
  PlanNodeTable,
} from '../../tables/plans.table';
import { contentVersion, type ReferenceDataset } from './dataset';
import { planNodeId, upsertFrameworkTree } from './spa3.dataset';

const DATA_DIR = join(import.meta.dirname, 'data');
// Copied from shared/seed-data/spa4_references.csv (seeds 000, 002, 004).
export const SPA4_FILE = 'spa4_references.csv';

/** Framework id of the COMMIT 4th Sub-Regional Plan of Action. */
export const SPA4_FRAMEWORK_ID = 'SPA4';

// The seeds give two periods: "(2015-2020)" (Thailand) and "2015-2018" with the COMMIT decision
// "To extend SPA IV for one year" (Myanmar): 2015-2018, extended to 2019. Both are kept in the note.
const SPA4_PERIOD_START = 2015;
const SPA4_PERIOD_END = 2018;
const SPA4_EXTENDED_TO = 2019;

type Ref = { reference: string; text: string; seed: string; note: string };

function readReferences(): Ref[] {
  const rows = parseCsvRecords(readFileSync(join(DATA_DIR, SPA4_FILE), 'utf8'));
  const header = rows[0]?.join(',');
  if (header !== 'reference,text_exact,source_seed,note') {
    throw new Error(`${SPA4_FILE}: unexpected header ${header}`);
  }
  return rows.slice(1).map(([reference = '', text = '', seed = '', note = '']) => ({
    reference: reference.trim(),
    text: text.trim(),
    seed: seed.trim(),
    note: note.trim(),
  }));
}

export type Spa4Rows = {
  framework: Insertable<PlanFrameworkTable>[];
  nodes: Insertable<PlanNodeTable>[];
  revisions: Insertable<PlanFrameworkRevisionTable>[];
};

/**
 * Build the SPA IV rows: a `results` framework with the outcomes and outputs the references give
 * (Outcome 4.1 > Output 4.1.1, Outcome 4.2 > Output 4.2.1), titles exactly as printed, no
 * descriptions (the sources give none); the period texts, the extension decision and the M&E
 * design lines in the note; published as revision 1.
 * @throws Error when the file lacks the period rows or an output names no outcome.
 */
export function buildSpa4Rows(): Spa4Rows {
  const refs = readReferences();
  const find = (reference: string) => {
    const r = refs.find((x) => x.reference === reference);
    if (!r) {
      throw new Error(`${SPA4_FILE}: no row "${reference}"`);
    }
    return r;
  };
  const period = find('SPA IV period');
  const alt = find('SPA IV period (alt)');
  const development = find('SPA IV development');
  const design = refs.filter((r) => r.reference === 'SPA IV M&E design').map((r) => r.text);
  const source = `${SPA4_FILE} (${[...new Set(refs.map((r) => r.seed))].join(', ')})`;
  const framework_id = SPA4_FRAMEWORK_ID;
  const note = [
    `Period as given: "${period.text}" (${period.note}); "${alt.text}" (${alt.note}).`,
    `Recorded as ${SPA4_PERIOD_START}-${SPA4_PERIOD_END}, extended to ${SPA4_EXTENDED_TO}.`,
    `${development.text}.`,
    `M&E design: ${design.join('; ')}.`,
  ].join(' ');
  const nodes: Insertable<PlanNodeTable>[] = [];
  const outcomes = refs.filter((r) => /^Outcome \d/.test(r.reference));
  const outputs = refs.filter((r) => /^Output \d/.test(r.reference));
  outcomes.forEach((r, i) => {
    const code = r.reference.replace(/^Outcome /, '');
    nodes.push({
      id: planNodeId(framework_id, 'outcome', code),
      framework_id,
      parent_id: null,
      kind: 'outcome',
      code,
      title: r.text,
      description: null,
      is_priority: false,
      activity_code_prefix: null,
      mou_section: null,
      position: i + 1,
      source: `${SPA4_FILE}: ${r.seed}`,
    });
  });
  const positions = new Map<string, number>();
  for (const r of outputs) {
    const code = r.reference.replace(/^Output /, '');
    const outcome = code.split('.').slice(0, 2).join('.');
    if (!outcomes.some((o) => o.reference === `Outcome ${outcome}`)) {
      throw new Error(`${SPA4_FILE}: output ${code} names no outcome ${outcome}`);
    }
    const position = (positions.get(outcome) ?? 0) + 1;
    positions.set(outcome, position);
    nodes.push({
      id: planNodeId(framework_id, 'output', code),
      framework_id,
      parent_id: planNodeId(framework_id, 'outcome', outcome),
      kind: 'output',
      code,
      title: r.text,
      description: null,
      is_priority: false,
      activity_code_prefix: null,
      mou_section: null,
      position,
      source: `${SPA4_FILE}: ${r.seed}`,
    });
  }
  return {
    framework: [
      {
        id: framework_id,
        title: period.text.replace(/\s*\(\d{4}-\d{4}\)$/, ''),
        short_title: 'SPA IV',
        structure: 'results',
        period_start: SPA4_PERIOD_START,
        period_end: SPA4_PERIOD_END,
        extended_to: SPA4_EXTENDED_TO,
        status: 'Published',
        revision: 1,
        has_unpublished_changes: false,
        source,
        note,
        is_seeded: true,
      },
    ],
    nodes,
    revisions: [
      {
        framework_id,
        revision: 1,
        snapshot: { nodes, links: [], mouArticles: [] },
        change_note: `Seeded from ${SPA4_FILE}`,
        published_by: null,
      },
    ],
  };
}

/**
 * The `spa4` dataset: the COMMIT SPA IV results framework as far as the seeds give it.
 * @returns The dataset with its rows, content version and loader.
 */
export function spa4Dataset(): ReferenceDataset {
  const rows = buildSpa4Rows();
  return {
    name: 'spa4',
    version: contentVersion(rows),
    rowCount: Object.values(rows).reduce((sum, table) => sum + table.length, 0),
    load: (trx) => upsertFrameworkTree(trx, rows, 'structure'),
  };
}
