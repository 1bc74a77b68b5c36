import type { Insertable } from 'kysely';
import type {
  BudgetAllocationTable,
  TrainingEventTable,
  TrainingParticipantCountTable,
  TrainingTargetTable,
} from '../../tables/plans.table';
import { batchRows, contentVersion, type ReferenceDataset, stableUuid } from './dataset';
import { planNodeId } from './spa3.dataset';
import { readSeedCsv } from './statistics-historic.dataset';

export const BUDGETS_FILE = 'government_and_programme_budget_allocations.csv';
export const TRAININGS_FILE = 'training_and_capacity_building_counts.csv';

const COUNTRY_CODES: Readonly<Record<string, string>> = {
  Cambodia: 'KH',
  China: 'CN',
  'Lao PDR': 'LA',
  Myanmar: 'MM',
  Thailand: 'TH',
  'Viet Nam': 'VN',
};
/** Currencies as the sources spell them (RMB is the renminbi, ISO CNY). */
const CURRENCY: Readonly<Record<string, string>> = { RMB: 'CNY' };

function years(text: string): { start: number | null; end: number | null } {
  const budgetYear = /budget year (\d{4})/i.exec(text);
  if (budgetYear) {
    const y = Number(budgetYear[1]);
    return { start: y, end: y };
  }
  const found = [...text.matchAll(/(?:FY)?(\d{4})/g)].map((m) => Number(m[1]));
  if (found.length === 0) {
    return { start: null, end: null };
  }
  const start = Math.min(...found);
  const end = Math.max(...found);
  if (/\b(since|from)\b/i.test(text) && found.length === 1) {
    return { start, end: null };
  }
  if (/\bby\b/i.test(text) && found.length === 1) {
    return { start: null, end };
  }
  return { start, end };
}

function budgetKind(written: string): string {
  const k = written.trim().toLowerCase();
  if (k.startsWith('annual average')) {
    return 'AnnualAverage';
  }
  if (k.startsWith('multi-year')) {
    return 'MultiYear';
  }
  if (k.startsWith('change')) {
    return 'Change';
  }
  if (k.startsWith('annual')) {
    return 'Annual';
  }
  throw new Error(`${BUDGETS_FILE}: unknown period kind ${written}`);
}

/** Stable id of a seeded budget allocation. */
export function budgetAllocationId(holder: string, recipient: string, period: string): string {
  return stableUuid(`budget_allocation:${holder}:${recipient}:${period}`);
}

/**
 * One row per allocation of the budgets seed: amounts exactly as given (`RMB` stored as CNY), the
 * stated USD (`usd_is_stated`) and the implied rate the table records; "more than doubled" /
 * "+13.5 %" rows kept as `Change` with no amount; UNIAP and JICA as entities with no country.
 * The Viet Nam per-year average (VND 54 billion) has no rate of its own: it takes the rate its
 * sentence implies (VND 270 billion ≈ USD 20 million → 13,500), said in its note.
 */
export function buildBudgetRows(): Insertable<BudgetAllocationTable>[] {
  const csv = readSeedCsv(BUDGETS_FILE);
  const rows = csv.map((r) => {
    const holder = r.country_or_entity ?? '';
    const country = COUNTRY_CODES[holder] ?? null;
    const written = (r.currency ?? '').trim();
    const currency = CURRENCY[written] ?? written;
    const amount = r.amount_local ? Number(r.amount_local) : null;
    const stated = r.usd_equivalent_stated ? Number(r.usd_equivalent_stated) : null;
    const rate = r.implied_rate_local_per_usd ? Number(r.implied_rate_local_per_usd) : null;
    const kindText = r.period_kind ?? '';
    const period = r.period ?? '';
    const y = years(period);
    const notes = [r.note || null];
    if (/inferred/i.test(kindText)) {
      notes.push(`period kind as the seed table gives it: ${kindText}`);
    }
    if (written !== currency) {
      notes.push(`currency written ${written} in the source`);
    }
    return {
      id: budgetAllocationId(holder, r.recipient_or_purpose ?? '', period),
      country_code: country,
      entity: country ? null : holder,
      recipient: r.recipient_or_purpose ?? '',
      amount_local: amount,
      currency,
      usd_rate: rate,
      usd_amount: stated,
      usd_is_stated: stated !== null,
      amount_text: r.amount_text_exact || null,
      period_kind: budgetKind(kindText),
      year_start: y.start,
      year_end: y.end,
      fiscal_year: /fiscal|budget year/i.test(`${kindText} ${period}`),
      period_text: period || null,
      framework_id: /SPA III/i.test(period) ? 'SPA3' : null,
      area_node_id: null,
      workplan_id: null,
      source: `${BUDGETS_FILE} (${r.source_seed})`,
      note: notes.filter(Boolean).join('; ') || null,
      is_seeded: true,
    } satisfies Insertable<BudgetAllocationTable>;
  });
  // Non-USD amounts without a rate of their own take the rate of the same country's row of the
  // same source and period (the sentence the amount comes from).
  for (const row of rows) {
    if (row.amount_local !== null && row.currency !== 'USD' && row.usd_rate === null) {
      const sibling = rows.find(
        (o) =>
          o !== row &&
          o.country_code === row.country_code &&
          o.currency === row.currency &&
          o.source === row.source &&
          o.year_start === row.year_start &&
          o.year_end === row.year_end &&
          o.usd_rate !== null,
      );
      if (!sibling || sibling.usd_rate === null || sibling.usd_rate === undefined) {
        throw new Error(`${BUDGETS_FILE}: ${row.recipient} has an amount but no rate`);
      }
      row.usd_rate = sibling.usd_rate;
      row.usd_amount = Math.round((row.amount_local / sibling.usd_rate) * 100) / 100;
      row.note = [
        row.note,
        `rate implied by the stated total of the same sentence (${sibling.amount_text})`,
      ]
        .filter(Boolean)
        .join('; ');
    }
  }
  return rows;
}

/** Levels as printed → the normalised level (`regional+national`) and the detail in brackets. */
function trainingLevel(written: string): { level: string; location: string | null } {
  const m = /^([^(]*)(?:\((.*)\))?/.exec(written.trim());
  const head = (m?.[1] ?? '').trim().toLowerCase();
  const map: Record<string, string> = { municipal: 'provincial', central: 'national' };
  const parts: string[] = [];
  for (const p of head.split(/[+/]/).map((s) => s.trim())) {
    const v = map[p] ?? p;
    if (v && !parts.includes(v)) {
      parts.push(v);
    }
  }
  return { level: parts.join('+'), location: m?.[2]?.trim() || null };
}

/** The plans module's trainee type of a group as printed (see TRAINEE_TYPES in the domain). */
export function traineeTypeOf(written: string): string {
  const t = written.toLowerCase();
  if (t === '') {
    return 'unspecified';
  }
  if (
    (/\bngo/.test(t) || /non-government/.test(t)) &&
    (/government|official/.test(t) || /^policy/.test(t))
  ) {
    return 'mixed';
  }
  if (/ngo staff/.test(t)) {
    return 'ngo_staff';
  }
  if (/teacher|responder|women's affairs/.test(t)) {
    return 'government_official';
  }
  if (/judge|prosecutor/.test(t) && !/investigat/.test(t)) {
    return 'judiciary';
  }
  if (/police|law enforcement|officer|investigat/.test(t)) {
    return 'law_enforcement';
  }
  if (/service provider|relief organi|social worker/.test(t)) {
    return 'service_provider';
  }
  if (/government|official/.test(t)) {
    return 'government_official';
  }
  return 'other';
}

const EVENT_UNIT = /^(events|times|programmes|trainings|workshops|rtps)\b/i;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export type TrainingRows = {
  events: Insertable<TrainingEventTable>[];
  targets: Insertable<TrainingTargetTable>[];
  counts: Insertable<TrainingParticipantCountTable>[];
};

/** Stable id of a seeded training event. */
export function trainingEventId(key: string): string {
  return stableUuid(`training_event:${key}`);
}

/**
 * The training seed grouped into events by country + context + level + event + period (the level
 * keeps Myanmar's regional and national "Meetings / workshops / training programmes" apart).
 * Counts by trainee type with sex `Total` unless the source splits them (CM4TIP: 35 F, 22 M);
 * rows counting events (`events per year`, `workshops`, `RTPs`…) set `events_count` (text as
 * printed when it is not one number); `Area N` contexts link the SPA III area and a named target
 * (`Target 1.2`); other contexts (UNIAP, COMMIT RTP, JICA) are the organiser. Ranges ("6-8") have
 * no count: the quote keeps them. Quotes are kept as printed.
 */
export function buildTrainingRows(): TrainingRows {
  const csv = readSeedCsv(TRAININGS_FILE);
  const out: TrainingRows = { events: [], targets: [], counts: [] };
  const byKey = new Map<string, Insertable<TrainingEventTable>>();
  const quotes = new Map<string, string[]>();
  for (const r of csv) {
    const holder = r.country ?? '';
    const context = r.spa3_area_or_context ?? '';
    const lvl = trainingLevel(r.level ?? '');
    const title = r.training_or_event ?? '';
    const period = r.period ?? '';
    const key = [holder, context, lvl.level, title, period].join('|');
    let ev = byKey.get(key);
    const area = /^Area (\d)/.exec(context);
    if (!ev) {
      const y = years(period);
      const dates = new RegExp(`(${MONTHS.join('|')}) (\\d{1,2})-(\\d{1,2}), (\\d{4})`).exec(
        period,
      );
      const mm = dates ? String(MONTHS.indexOf(dates[1] as string) + 1).padStart(2, '0') : '';
      const startOn = dates ? `${dates[4]}-${mm}-${String(dates[2]).padStart(2, '0')}` : null;
      const endOn = dates ? `${dates[4]}-${mm}-${String(dates[3]).padStart(2, '0')}` : null;
      const where = /\(([^)]*)\)\s*$/.exec(period);
      ev = {
        id: trainingEventId(key),
        country_code: COUNTRY_CODES[holder] ?? null,
        level: lvl.level,
        title,
        curriculum: null,
        organiser: area
          ? null
          : [COUNTRY_CODES[holder] ? null : holder, context].filter(Boolean).join(' — ') || null,
        trainers: null,
        location: lvl.location ?? (dates && where ? (where[1] ?? null) : null),
        language: null,
        start_on: startOn,
        end_on: endOn,
        duration_days: dates ? Number(dates[3]) - Number(dates[2]) + 1 : null,
        period_text: period || null,
        year_start: y.start,
        year_end: y.end,
        events_count: null,
        events_count_text: null,
        framework_id: area || /SPA III/.test(period) ? 'SPA3' : null,
        area_node_id: area ? planNodeId('SPA3', 'area', area[1] as string) : null,
        workplan_activity_id: null,
        source: `${TRAININGS_FILE} (${r.source_seed})`,
        quote: null,
        is_seeded: true,
      };
      byKey.set(key, ev);
      out.events.push(ev);
      quotes.set(ev.id, []);
    }
    const target = /Target (\d+\.\d+)/.exec(context);
    if (target) {
      const target_node_id = planNodeId('SPA3', 'target', target[1] as string);
      if (
        !out.targets.some((t) => t.training_id === ev.id && t.target_node_id === target_node_id)
      ) {
        out.targets.push({ training_id: ev.id, target_node_id });
      }
    }
    const q = quotes.get(ev.id) ?? [];
    if (r.quote_or_paraphrase && !q.includes(r.quote_or_paraphrase)) {
      q.push(r.quote_or_paraphrase);
    }
    ev.quote = q.join('\n') || null;

    const count = (r.count ?? '').trim();
    const unit = (r.unit ?? '').trim();
    const typeText = (r.trainee_type ?? '').trim();
    const approx = /approximately|nearly|over|at least|average/i.test(unit);
    const addCount = (n: number, sex: string, unitText: string | null, text: string | null) => {
      const traineeType = traineeTypeOf(text ?? '');
      const id = stableUuid(`training_participant_count:${ev.id}:${traineeType}:${sex}`);
      if (out.counts.some((c) => c.id === id)) {
        throw new Error(`${TRAININGS_FILE}: ${title} repeats ${traineeType}/${sex}`);
      }
      out.counts.push({
        id,
        training_id: ev.id,
        trainee_type: traineeType,
        trainee_type_text: text || null,
        sex,
        count: n,
        unit_text: unitText,
        is_approximate: approx,
      });
    };
    if (count === '') {
      continue;
    }
    if (/^\d+$/.test(count)) {
      const n = Number(count);
      if (EVENT_UNIT.test(unit)) {
        ev.events_count = n;
        ev.events_count_text = typeText ? `${unit} — ${typeText}` : unit;
        continue;
      }
      const split = /\((\d+) Female, (\d+) Male\)/.exec(unit);
      if (split) {
        addCount(Number(split[1]), 'Female', unit, typeText);
        addCount(Number(split[2]), 'Male', unit, typeText);
      } else {
        addCount(n, 'Total', unit || null, typeText);
      }
      continue;
    }
    const programmes = /^(\d+) programmes; (\d+) trained$/.exec(count);
    if (programmes) {
      ev.events_count = Number(programmes[1]);
      ev.events_count_text = `${programmes[1]} programmes`;
      addCount(Number(programmes[2]), 'Total', 'persons trained', typeText);
      continue;
    }
    const jica = /(\d+) training participants/.exec(count);
    if (jica) {
      addCount(Number(jica[1]), 'Total', 'training participants', 'training participants');
      continue;
    }
    if (unit === 'events') {
      ev.events_count_text = count;
    }
    // Ranges ("6-8", "45-50") are averages, not counts: the quote keeps them.
  }
  return out;
}

/** The `budget_allocations` dataset (E14). */
export function budgetAllocationsDataset(): ReferenceDataset {
  const rows = buildBudgetRows();
  return {
    name: 'budget_allocations',
    version: contentVersion(rows),
    rowCount: rows.length,
    load: async (trx) => {
      for (const batch of batchRows(rows)) {
        await trx
          .insertInto('budget_allocation')
          .values(batch)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              country_code: eb.ref('excluded.country_code'),
              entity: eb.ref('excluded.entity'),
              recipient: eb.ref('excluded.recipient'),
              amount_local: eb.ref('excluded.amount_local'),
              currency: eb.ref('excluded.currency'),
              usd_rate: eb.ref('excluded.usd_rate'),
              usd_amount: eb.ref('excluded.usd_amount'),
              usd_is_stated: eb.ref('excluded.usd_is_stated'),
              amount_text: eb.ref('excluded.amount_text'),
              period_kind: eb.ref('excluded.period_kind'),
              year_start: eb.ref('excluded.year_start'),
              year_end: eb.ref('excluded.year_end'),
              fiscal_year: eb.ref('excluded.fiscal_year'),
              period_text: eb.ref('excluded.period_text'),
              framework_id: eb.ref('excluded.framework_id'),
              source: eb.ref('excluded.source'),
              note: eb.ref('excluded.note'),
              is_seeded: eb.ref('excluded.is_seeded'),
            })),
          )
          .execute();
      }
    },
  };
}

/** The `trainings` dataset (E15): events, their SPA III targets and participant counts. */
export function trainingsDataset(): ReferenceDataset {
  const rows = buildTrainingRows();
  return {
    name: 'trainings',
    version: contentVersion(rows),
    rowCount: rows.events.length + rows.targets.length + rows.counts.length,
    load: async (trx) => {
      for (const batch of batchRows(rows.events)) {
        await trx
          .insertInto('training_event')
          .values(batch)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              country_code: eb.ref('excluded.country_code'),
              level: eb.ref('excluded.level'),
              title: eb.ref('excluded.title'),
              organiser: eb.ref('excluded.organiser'),
              location: eb.ref('excluded.location'),
              start_on: eb.ref('excluded.start_on'),
              end_on: eb.ref('excluded.end_on'),
              duration_days: eb.ref('excluded.duration_days'),
              period_text: eb.ref('excluded.period_text'),
              year_start: eb.ref('excluded.year_start'),
              year_end: eb.ref('excluded.year_end'),
              events_count: eb.ref('excluded.events_count'),
              events_count_text: eb.ref('excluded.events_count_text'),
              framework_id: eb.ref('excluded.framework_id'),
              area_node_id: eb.ref('excluded.area_node_id'),
              source: eb.ref('excluded.source'),
              quote: eb.ref('excluded.quote'),
              is_seeded: eb.ref('excluded.is_seeded'),
            })),
          )
          .execute();
      }
      for (const batch of batchRows(rows.targets)) {
        await trx
          .insertInto('training_target')
          .values(batch)
          .onConflict((oc) => oc.columns(['training_id', 'target_node_id']).doNothing())
          .execute();
      }
      for (const batch of batchRows(rows.counts)) {
        await trx
          .insertInto('training_participant_count')
          .values(batch)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              trainee_type: eb.ref('excluded.trainee_type'),
              trainee_type_text: eb.ref('excluded.trainee_type_text'),
              sex: eb.ref('excluded.sex'),
              count: eb.ref('excluded.count'),
              unit_text: eb.ref('excluded.unit_text'),
              is_approximate: eb.ref('excluded.is_approximate'),
            })),
          )
          .execute();
      }
    },
  };
}
