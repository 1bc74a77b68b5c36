import { createHash } from 'node:crypto';
import {
  capMaxDays,
  capTimesPerYear,
  type DeadlineStepConfig,
  type FundEntitlementConfig,
  phaseMonths,
  type ShelterPhaseConfig,
  timeLimitDays,
} from '@ctip/domain';
import type { Insertable } from 'kysely';
import type { CountryRuleTable } from '../../tables/cases.table';
// Converted once from shared/seed-data (S004, source seed 004_2ed2d2edad141e38.txt) with the same
// columns, every value kept as the source's text; the CSVs themselves sit beside them in `data/`
// and the seeding test checks the rows against them. The shared folder does not ship.
import fundEntitlements from './data/thailand-fund-entitlements.json' with { type: 'json' };
import shelterPhases from './data/thailand-shelter-service-phases.json' with { type: 'json' };
import workOutsideSteps from './data/thailand-work-outside-shelter-steps.json' with {
  type: 'json',
};
import { batchRows, contentVersion, type ReferenceDataset } from './dataset';

const SOURCE_FUND =
  'S004 (004_2ed2d2edad141e38): s004_thailand_anti_human_trafficking_fund_entitlements.csv — Thai Anti-Human Trafficking Fund entitlements and caps';
const SOURCE_STEPS =
  'S004 (004_2ed2d2edad141e38): s004_thailand_work_outside_shelter_steps.csv — steps to work outside the shelter (Section 37) with time limits';
const SOURCE_PHASES =
  'S004 (004_2ed2d2edad141e38): s004_thailand_shelter_service_phases.csv — shelter average duration phases and services';

/** A stable id per (country, kind, key), so the content version does not change between runs. */
function ruleId(country: string, kind: string, key: string): string {
  const h = createHash('sha256').update(`country_rule:${country}:${kind}:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 80);
}

function row(
  kind: string,
  key: string,
  sortOrder: number,
  config: Record<string, unknown>,
  source: string,
): Insertable<CountryRuleTable> {
  return {
    id: ruleId('TH', kind, key),
    country_code: 'TH',
    kind,
    key,
    sort_order: sortOrder,
    config: JSON.stringify(config),
    source,
  };
}

/**
 * Build Thailand's `country_rule` rows: the 10 fund entitlements, the 4 steps to work outside the
 * shelter and the 2 shelter phases. Exact source texts are kept (`cap_text_exact`, `step`,
 * `time_limit_text`, `phase`, services) next to the numbers parsed from them.
 * @returns Rows ordered by kind, then source order.
 */
export function buildCountryRuleRows(): Insertable<CountryRuleTable>[] {
  const fund = fundEntitlements.map((e, i) => {
    const per = e.per === 'person' || e.per === 'day' ? e.per : null;
    const config: FundEntitlementConfig = {
      entitlement: e.entitlement,
      amount: e.amount_thb === '' ? null : Number(e.amount_thb),
      currency: 'THB',
      per,
      max_times_per_year: capTimesPerYear(e.cap_text_exact),
      max_days: capMaxDays(e.cap_text_exact, per),
      cap_text_exact: e.cap_text_exact,
      approval: e.approval,
    };
    return row(
      'fund_entitlement',
      slug(e.entitlement),
      i + 1,
      { ...config, per_text: e.per },
      SOURCE_FUND,
    );
  });
  const steps = workOutsideSteps.map((s) => {
    const config: DeadlineStepConfig = {
      step_no: Number(s.step_no),
      step: s.step,
      time_limit_text: s.time_limit_before_next_step || null,
      days: timeLimitDays(s.time_limit_before_next_step),
      applies_to: s.applies_to === 'all' ? 'all' : 'non_citizen',
      applies_to_text: s.applies_to,
    };
    return row(
      'deadline_step',
      `work_outside_shelter_${s.step_no}`,
      Number(s.step_no),
      { ...config, flow: 'work_outside_shelter' },
      SOURCE_STEPS,
    );
  });
  const phases = shelterPhases.map((p, i) => {
    const [from, to] = phaseMonths(p.phase) ?? [0, 0];
    const config: ShelterPhaseConfig = {
      phase: p.phase,
      from_months: from,
      to_months: to,
      services: p.services.split(';').map((s) => s.trim()),
    };
    return row(
      'shelter_phase',
      `months_${from}_${to}`,
      i + 1,
      { ...config, services_text: p.services },
      SOURCE_PHASES,
    );
  });
  return [...fund, ...steps, ...phases];
}

/**
 * The `country_rules` dataset: Thailand's fund caps, deadline steps and shelter phases. Upserts by
 * (country, kind, key), keeping the id of an existing row (payments and tasks reference it).
 * @returns The dataset with its rows, content version and loader.
 */
export function countryRulesDataset(): ReferenceDataset {
  const rows = buildCountryRuleRows();
  return {
    name: 'country_rules',
    version: contentVersion(rows),
    rowCount: rows.length,
    load: async (trx) => {
      for (const batch of batchRows(rows)) {
        await trx
          .insertInto('country_rule')
          .values(batch)
          .onConflict((oc) =>
            oc.columns(['country_code', 'kind', 'key']).doUpdateSet((eb) => ({
              sort_order: eb.ref('excluded.sort_order'),
              config: eb.ref('excluded.config'),
              source: eb.ref('excluded.source'),
            })),
          )
          .execute();
      }
    },
  };
}
