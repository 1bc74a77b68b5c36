import { createHash } from 'node:crypto';
import type { ServiceContext } from '../../context';

// Demonstration indicators: SYNTHETIC, clearly labelled (codes start with "DEMO-", titles with
// "[Demo]", source "Demonstration data (synthetic)"). Under SPA IV (when its outputs are seeded)
// output 4.1.1 "victims identified" bound to the statistics element VICTIMS_IDENTIFIED and output
// 4.2.1 "victims referred" entered by hand; under SPA III a few targets with manual indicators and
// one bound to VICTIMS_IDENTIFIED. Four countries (KH, LA, TH, VN) select them with a baseline and
// annual markers, and manual actuals for most years (some off track). Idempotent: stable ids, rows
// that exist are left alone.

/** The same stable id scheme as the reference seed (`packages/db/src/seed/reference/dataset.ts`). */
function stableUuid(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((Number.parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const SOURCE = 'Demonstration data (synthetic)';
const COUNTRIES = ['KH', 'LA', 'TH', 'VN'] as const;

type DemoIndicator = {
  framework: string;
  nodeKind: 'output' | 'target';
  nodeCode: string;
  code: string;
  title: string;
  unit: string;
  direction: 'Increase' | 'Decrease' | 'Maintain';
  element: string | null;
  /** Baseline per country (demo), grown by `step` a year for the markers. */
  base: number;
  step: number;
};

const INDICATORS: readonly DemoIndicator[] = [
  {
    framework: 'SPA4',
    nodeKind: 'output',
    nodeCode: '4.1.1',
    code: 'DEMO-4.1.1-VI',
    title: '[Demo] Number of victims identified',
    unit: 'persons',
    direction: 'Increase',
    element: 'VICTIMS_IDENTIFIED',
    base: 200,
    step: 25,
  },
  {
    framework: 'SPA4',
    nodeKind: 'output',
    nodeCode: '4.2.1',
    code: 'DEMO-4.2.1-REF',
    title: '[Demo] Share of identified victims referred through the national referral mechanism',
    unit: '%',
    direction: 'Increase',
    element: null,
    base: 40,
    step: 10,
  },
  {
    framework: 'SPA3',
    nodeKind: 'target',
    nodeCode: '1.2',
    code: 'DEMO-1.2-TRN',
    title: '[Demo] Officials trained under the national training programme',
    unit: 'persons',
    direction: 'Increase',
    element: null,
    base: 150,
    step: 50,
  },
  {
    framework: 'SPA3',
    nodeKind: 'target',
    nodeCode: '3.1',
    code: 'DEMO-3.1-VI',
    title: '[Demo] Number of victims identified',
    unit: 'persons',
    direction: 'Increase',
    element: 'VICTIMS_IDENTIFIED',
    base: 180,
    step: 20,
  },
  {
    framework: 'SPA3',
    nodeKind: 'target',
    nodeCode: '2.4',
    code: 'DEMO-2.4-DUR',
    title: '[Demo] Average months from arrest to verdict in trafficking cases',
    unit: 'months',
    direction: 'Decrease',
    element: null,
    base: 18,
    step: -2,
  },
  {
    framework: 'SPA3',
    nodeKind: 'target',
    nodeCode: '4.3',
    code: 'DEMO-4.3-CAMP',
    title: '[Demo] Public awareness campaigns held per year',
    unit: 'campaigns',
    direction: 'Maintain',
    element: null,
    base: 12,
    step: 0,
  },
];

/** A deterministic pseudo-random factor in [0, 1) for a key (demo variation). */
function jitter(key: string): number {
  return Number.parseInt(createHash('sha256').update(key).digest('hex').slice(0, 8), 16) / 2 ** 32;
}

/**
 * Seed the demonstration indicators, selections and years (see the file comment). Frameworks or
 * nodes not present are skipped.
 * @returns how many indicators, selections and years were created by this call
 */
export async function seedDemoIndicators(
  ctx: ServiceContext,
): Promise<{ indicators: number; selections: number; years: number }> {
  const created = { indicators: 0, selections: 0, years: 0 };
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (const d of INDICATORS) {
      const fw = await trx
        .selectFrom('plan_framework')
        .select(['id', 'period_start', 'period_end', 'extended_to'])
        .where('id', '=', d.framework)
        .executeTakeFirst();
      if (!fw) {
        continue;
      }
      const node = await trx
        .selectFrom('plan_node')
        .select('id')
        .where('framework_id', '=', d.framework)
        .where('kind', '=', d.nodeKind)
        .where('code', '=', d.nodeCode)
        .executeTakeFirst();
      if (!node) {
        continue;
      }
      if (d.element) {
        const el = await trx
          .selectFrom('stat_data_element')
          .select('code')
          .where('code', '=', d.element)
          .executeTakeFirst();
        if (!el) {
          continue;
        }
      }
      let indicatorId = stableUuid(`plan_indicator:demo:${d.framework}:${d.code}`);
      const existing = await trx
        .selectFrom('plan_indicator')
        .select('id')
        .where('framework_id', '=', d.framework)
        .where('code', '=', d.code)
        .executeTakeFirst();
      if (existing) {
        indicatorId = existing.id;
      } else {
        await trx
          .insertInto('plan_indicator')
          .values({
            id: indicatorId,
            framework_id: d.framework,
            node_id: node.id,
            code: d.code,
            title: d.title,
            unit: d.unit,
            direction: d.direction,
            stat_element_code: d.element,
            stat_filter: '{}',
            source: SOURCE,
            created_at: now,
            updated_at: now,
          })
          .execute();
        created.indicators += 1;
      }
      const first = fw.period_start;
      const last = fw.extended_to ?? fw.period_end;
      for (const country of COUNTRIES) {
        const had = await trx
          .selectFrom('country_indicator')
          .select('id')
          .where('indicator_id', '=', indicatorId)
          .where('country_code', '=', country)
          .executeTakeFirst();
        if (had) {
          continue;
        }
        const selId = stableUuid(`country_indicator:demo:${indicatorId}:${country}`);
        const scale = 0.6 + jitter(`${d.code}:${country}`) * 0.8;
        const baseline = Math.round(d.base * scale);
        await trx
          .insertInto('country_indicator')
          .values({
            id: selId,
            indicator_id: indicatorId,
            country_code: country,
            baseline_value: baseline,
            baseline_year: first - 1,
            baseline_note: `[Demo] ${SOURCE}`,
            created_at: now,
            updated_at: now,
          })
          .execute();
        created.selections += 1;
        const rows = [];
        for (let year = first; year <= last; year += 1) {
          const k = year - first + 1;
          const marker = Math.max(0, Math.round(baseline + d.step * k * scale));
          // Manual actuals for all but the last year; about one year in four falls short.
          let actual: number | null = null;
          if (d.element === null && year < last) {
            const j = jitter(`${d.code}:${country}:${year}`);
            const miss = j < 0.25;
            const delta = Math.max(1, Math.round(Math.abs(marker) * 0.1 * (0.5 + j)));
            const better = d.direction === 'Decrease' ? -1 : 1;
            actual =
              d.direction === 'Maintain'
                ? marker + (miss ? delta : 0)
                : Math.max(0, marker + (miss ? -better * delta : better * Math.round(delta / 2)));
          }
          rows.push({
            country_indicator_id: selId,
            year,
            marker_value: marker,
            marker_note: null,
            actual_value: actual,
            actual_source: actual === null ? null : 'Manual',
            actual_note: actual === null ? null : '[Demo] synthetic value',
            updated_at: now,
          });
        }
        if (rows.length > 0) {
          await trx.insertInto('indicator_year').values(rows).execute();
          created.years += rows.length;
        }
      }
    }
  });
  return created;
}
