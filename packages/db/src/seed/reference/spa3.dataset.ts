import type { Insertable, Transaction } from 'kysely';
import type { Database } from '../../tables/database';
import type {
  PlanFrameworkRevisionTable,
  PlanFrameworkTable,
  PlanNodeLinkTable,
  PlanNodeMouArticleTable,
  PlanNodeTable,
} from '../../tables/plans.table';
import areas from './data/spa3-framework.json' with { type: 'json' };
// Copied from shared/seed-data/spa3-framework.json and spa3-framework-notes.json (seed 001); the
// shared folder does not ship with the product.
import notes from './data/spa3-framework-notes.json' with { type: 'json' };
import { batchRows, contentVersion, type ReferenceDataset, stableUuid } from './dataset';

/** Framework id of the COMMIT 3rd Sub-Regional Plan of Action. */
export const SPA3_FRAMEWORK_ID = 'SPA3';

// SPA III covered 2011–2013 and was extended by one year to 2014 (notes; GLOSSARY "SPA").
const SPA3_PERIOD_START = 2011;
const SPA3_PERIOD_END = 2013;
const SPA3_EXTENDED_TO = 2014;

/** The stable id of a seeded framework node (`kind` + `code` are unique per framework). */
export function planNodeId(frameworkId: string, kind: string, code: string): string {
  return stableUuid(`plan_node:${frameworkId}:${kind}:${code}`);
}

/** Every row of SPA III, table by table, in foreign-key order. */
export type Spa3Rows = {
  framework: Insertable<PlanFrameworkTable>[];
  nodes: Insertable<PlanNodeTable>[];
  mouArticles: Insertable<PlanNodeMouArticleTable>[];
  links: Insertable<PlanNodeLinkTable>[];
  revisions: Insertable<PlanFrameworkRevisionTable>[];
};

/**
 * Build the SPA III rows: 5 areas with their MoU articles as SPA III lists them, targets `1.1`…,
 * activities `P&C 1`… (★ = is_priority; a description the seed lacks stays null, shown as
 * missing) and the activity→target links; published as revision 1.
 * @returns The rows of each table.
 * @throws Error when an activity names a target the framework does not define.
 */
export function buildSpa3Rows(): Spa3Rows {
  const framework_id = SPA3_FRAMEWORK_ID;
  const source = notes.source;
  const rows: Spa3Rows = {
    framework: [
      {
        id: framework_id,
        title: notes.title,
        short_title: 'SPA III',
        structure: 'areas',
        period_start: SPA3_PERIOD_START,
        period_end: SPA3_PERIOD_END,
        extended_to: SPA3_EXTENDED_TO,
        status: 'Published',
        revision: 1,
        has_unpublished_changes: false,
        source,
        note: `${notes.version}. ${notes.star_rule}`,
        is_seeded: true,
      },
    ],
    nodes: [],
    mouArticles: [],
    links: [],
    revisions: [],
  };
  const targetIds = new Map<string, string>();
  for (const area of areas) {
    const areaId = planNodeId(framework_id, 'area', String(area.area));
    rows.nodes.push({
      id: areaId,
      framework_id,
      parent_id: null,
      kind: 'area',
      code: String(area.area),
      title: area.name,
      description: null,
      is_priority: false,
      activity_code_prefix: area.activity_code_prefix,
      mou_section: area.corresponding_mou_section,
      position: area.area,
      source,
    });
    for (const m of area.mou_articles) {
      rows.mouArticles.push({
        node_id: areaId,
        article: m.article,
        text_as_listed: m.text_as_listed_in_spa3,
      });
    }
    area.targets.forEach((t, i) => {
      const id = planNodeId(framework_id, 'target', t.number);
      targetIds.set(t.number, id);
      rows.nodes.push({
        id,
        framework_id,
        parent_id: areaId,
        kind: 'target',
        code: t.number,
        title: t.text,
        description: null,
        is_priority: false,
        activity_code_prefix: null,
        mou_section: null,
        position: i + 1,
        source,
      });
    });
  }
  for (const area of areas) {
    const areaId = planNodeId(framework_id, 'area', String(area.area));
    area.activities.forEach((a, i) => {
      const id = planNodeId(framework_id, 'activity', a.code);
      rows.nodes.push({
        id,
        framework_id,
        parent_id: areaId,
        kind: 'activity',
        code: a.code,
        title: a.title,
        description: a.description ?? null,
        is_priority: a.high_priority_star,
        activity_code_prefix: null,
        mou_section: null,
        position: i + 1,
        source,
      });
      for (const number of a.targets) {
        const target_id = targetIds.get(number);
        if (!target_id) {
          throw new Error(`SPA III activity ${a.code} names unknown target ${number}`);
        }
        rows.links.push({ activity_id: id, target_id });
      }
    });
  }
  rows.revisions.push({
    framework_id,
    revision: 1,
    snapshot: { nodes: rows.nodes, links: rows.links, mouArticles: rows.mouArticles },
    change_note: notes.version,
    published_by: null,
  });
  return rows;
}

/** The rows of one framework tree; SPA IV has no MoU articles or links. */
export type FrameworkTreeRows = {
  framework: Insertable<PlanFrameworkTable>[];
  nodes: Insertable<PlanNodeTable>[];
  mouArticles?: Insertable<PlanNodeMouArticleTable>[];
  links?: Insertable<PlanNodeLinkTable>[];
  revisions: Insertable<PlanFrameworkRevisionTable>[];
};

/**
 * Upsert a seeded framework tree in foreign-key order: the framework, its nodes, MoU articles,
 * activity→target links and revisions. `nodeColumns: 'structure'` refreshes only a node's
 * parent, title, position and source (its other columns are left as they are); `'all'` also its
 * description, priority, activity code prefix and MoU section.
 */
export async function upsertFrameworkTree(
  trx: Transaction<Database>,
  rows: FrameworkTreeRows,
  nodeColumns: 'all' | 'structure',
): Promise<void> {
  for (const batch of batchRows(rows.framework)) {
    await trx
      .insertInto('plan_framework')
      .values(batch)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          short_title: eb.ref('excluded.short_title'),
          period_start: eb.ref('excluded.period_start'),
          period_end: eb.ref('excluded.period_end'),
          extended_to: eb.ref('excluded.extended_to'),
          source: eb.ref('excluded.source'),
          note: eb.ref('excluded.note'),
        })),
      )
      .execute();
  }
  for (const batch of batchRows(rows.nodes)) {
    await trx
      .insertInto('plan_node')
      .values(batch)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          parent_id: eb.ref('excluded.parent_id'),
          title: eb.ref('excluded.title'),
          ...(nodeColumns === 'all'
            ? {
                description: eb.ref('excluded.description'),
                is_priority: eb.ref('excluded.is_priority'),
                activity_code_prefix: eb.ref('excluded.activity_code_prefix'),
                mou_section: eb.ref('excluded.mou_section'),
              }
            : {}),
          position: eb.ref('excluded.position'),
          source: eb.ref('excluded.source'),
        })),
      )
      .execute();
  }
  for (const batch of batchRows(rows.mouArticles ?? [])) {
    await trx
      .insertInto('plan_node_mou_article')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['node_id', 'article']).doUpdateSet((eb) => ({
          text_as_listed: eb.ref('excluded.text_as_listed'),
        })),
      )
      .execute();
  }
  for (const batch of batchRows(rows.links ?? [])) {
    // Every column is key: an existing link is already right.
    await trx
      .insertInto('plan_node_link')
      .values(batch)
      .onConflict((oc) => oc.columns(['activity_id', 'target_id']).doNothing())
      .execute();
  }
  for (const batch of batchRows(rows.revisions)) {
    await trx
      .insertInto('plan_framework_revision')
      .values(batch)
      .onConflict((oc) => oc.columns(['framework_id', 'revision']).doNothing())
      .execute();
  }
}

/**
 * The `spa3` dataset: the COMMIT SPA III framework (needs `mou_articles` loaded first).
 * @returns The dataset with its rows, content version and loader.
 */
export function spa3Dataset(): ReferenceDataset {
  const rows = buildSpa3Rows();
  return {
    name: 'spa3',
    version: contentVersion(rows),
    rowCount: Object.values(rows).reduce((sum, table) => sum + table.length, 0),
    load: (trx) => upsertFrameworkTree(trx, rows, 'all'),
  };
}
