import type { Insertable, Transaction } from 'kysely';
import type {
  Database,
  SpaActivityTable,
  SpaActivityTargetTable,
  SpaAreaMouArticleTable,
  SpaAreaTable,
  SpaFrameworkTable,
  SpaTargetTable,
} from '../../tables/database';
import areas from './data/spa3-framework.json' with { type: 'json' };
// Copied from shared/seed-data/spa3-framework.json and spa3-framework-notes.json (seed 001); the
// shared folder does not ship with the product.
import notes from './data/spa3-framework-notes.json' with { type: 'json' };
import { batchRows, contentVersion, type ReferenceDataset } from './dataset';

/** Framework id of the COMMIT 3rd Sub-Regional Plan of Action. */
export const SPA3_FRAMEWORK_ID = 'SPA3';

// SPA III covered 2011–2013 and was extended by one year to 2014 (notes; GLOSSARY "SPA").
const SPA3_PERIOD_START = 2011;
const SPA3_PERIOD_END = 2014;

/** Every row of SPA III, table by table, in foreign-key order. */
export type Spa3Rows = {
  framework: Insertable<SpaFrameworkTable>[];
  areas: Insertable<SpaAreaTable>[];
  areaMouArticles: Insertable<SpaAreaMouArticleTable>[];
  targets: Insertable<SpaTargetTable>[];
  activities: Insertable<SpaActivityTable>[];
  activityTargets: Insertable<SpaActivityTargetTable>[];
};

/**
 * Build the SPA III rows: 5 areas with their MoU articles as SPA III lists them, targets `1.1`…,
 * activities `P&C 1`… (★ = is_priority) and the activity↔target links.
 * @returns The rows of each table.
 * @throws Error when an activity names a target the framework does not define.
 */
export function buildSpa3Rows(): Spa3Rows {
  const framework_id = SPA3_FRAMEWORK_ID;
  const rows: Spa3Rows = {
    framework: [
      {
        id: framework_id,
        title: notes.title,
        version: notes.version,
        period_start: SPA3_PERIOD_START,
        period_end: SPA3_PERIOD_END,
      },
    ],
    areas: [],
    areaMouArticles: [],
    targets: [],
    activities: [],
    activityTargets: [],
  };
  for (const area of areas) {
    const area_number = area.area;
    rows.areas.push({
      framework_id,
      number: area_number,
      name: area.name,
      activity_code_prefix: area.activity_code_prefix,
      mou_section: area.corresponding_mou_section,
    });
    for (const m of area.mou_articles) {
      rows.areaMouArticles.push({
        framework_id,
        area_number,
        article: m.article,
        text_as_listed: m.text_as_listed_in_spa3,
      });
    }
    for (const t of area.targets) {
      rows.targets.push({ framework_id, number: t.number, area_number, text: t.text });
    }
    for (const a of area.activities) {
      rows.activities.push({
        framework_id,
        code: a.code,
        area_number,
        title: a.title,
        description: a.description,
        is_priority: a.high_priority_star,
      });
      for (const target_number of a.targets) {
        rows.activityTargets.push({ framework_id, activity_code: a.code, target_number });
      }
    }
  }
  const targetNumbers = new Set(rows.targets.map((t) => t.number));
  const unknown = rows.activityTargets.find((l) => !targetNumbers.has(l.target_number));
  if (unknown) {
    throw new Error(
      `SPA III activity ${unknown.activity_code} names unknown target ${unknown.target_number}`,
    );
  }
  return rows;
}

async function upsertSpa3(trx: Transaction<Database>, rows: Spa3Rows): Promise<void> {
  for (const batch of batchRows(rows.framework)) {
    await trx
      .insertInto('spa_framework')
      .values(batch)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          version: eb.ref('excluded.version'),
          period_start: eb.ref('excluded.period_start'),
          period_end: eb.ref('excluded.period_end'),
        })),
      )
      .execute();
  }
  for (const batch of batchRows(rows.areas)) {
    await trx
      .insertInto('spa_area')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['framework_id', 'number']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          activity_code_prefix: eb.ref('excluded.activity_code_prefix'),
          mou_section: eb.ref('excluded.mou_section'),
        })),
      )
      .execute();
  }
  for (const batch of batchRows(rows.areaMouArticles)) {
    await trx
      .insertInto('spa_area_mou_article')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['framework_id', 'area_number', 'article']).doUpdateSet((eb) => ({
          text_as_listed: eb.ref('excluded.text_as_listed'),
        })),
      )
      .execute();
  }
  for (const batch of batchRows(rows.targets)) {
    await trx
      .insertInto('spa_target')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['framework_id', 'number']).doUpdateSet((eb) => ({
          area_number: eb.ref('excluded.area_number'),
          text: eb.ref('excluded.text'),
        })),
      )
      .execute();
  }
  for (const batch of batchRows(rows.activities)) {
    await trx
      .insertInto('spa_activity')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['framework_id', 'code']).doUpdateSet((eb) => ({
          area_number: eb.ref('excluded.area_number'),
          title: eb.ref('excluded.title'),
          description: eb.ref('excluded.description'),
          is_priority: eb.ref('excluded.is_priority'),
        })),
      )
      .execute();
  }
  for (const batch of batchRows(rows.activityTargets)) {
    // Every column is key: an existing link is already right.
    await trx
      .insertInto('spa_activity_target')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['framework_id', 'activity_code', 'target_number']).doNothing(),
      )
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
    load: (trx) => upsertSpa3(trx, rows),
  };
}
