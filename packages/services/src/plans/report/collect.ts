import { REPORT_COUNTRIES, reportYears, toUsd } from '@ctip/domain';
import { countryOrRegional, overlapsYears, type Reader } from '../common';

// Read-only queries over the other plans areas' tables (frameworks, workplans, progress,
// indicators, budgets, trainings, case studies) and the stored statistics, gathering what one
// monitoring report prints. Nothing here writes.

export type ReportArea = {
  id: string;
  code: string;
  title: string | null;
  kind: string;
  activities: { id: string; code: string; title: string | null; isPriority: boolean }[];
};

export type ReportNarrative = {
  country: string;
  areaId: string | null;
  activityCode: string | null;
  activityTitle: string;
  titleLocal: string | null;
  status: string;
  narrativeEn: string | null;
  narrativeLocal: string | null;
  narrativeLang: string | null;
  period: string;
  year: number;
};

export type ReportTraining = {
  country: string | null;
  level: string;
  title: string;
  period: string | null;
  yearStart: number | null;
  eventsCount: number | null;
  participants: number;
  female: number | null;
  male: number | null;
  targets: string[];
  areaId: string | null;
};

export type ReportBudget = {
  country: string | null;
  entity: string | null;
  recipient: string;
  amountLocal: number | null;
  currency: string;
  usdRate: number | null;
  usd: number | null;
  usdIsStated: boolean;
  periodKind: string;
  period: string;
  amountText: string | null;
  yearStart: number | null;
};

export type ReportCaseStudy = {
  country: string | null;
  year: number;
  areaId: string | null;
  heading: string;
  bodyEn: string;
  bodyLocal: string | null;
  localLang: string | null;
  attribution: string | null;
};

export type ReportStatSeries = {
  element: string;
  name: string;
  /** country → year → value */
  values: Record<string, Record<number, number>>;
};

export type ReportIndicator = {
  country: string;
  code: string;
  title: string;
  unit: string;
  direction: string;
  baseline: number | null;
  baselineYear: number | null;
  years: { year: number; marker: number | null; actual: number | null; source: string | null }[];
};

export type ReportData = {
  framework: {
    id: string;
    title: string;
    shortTitle: string | null;
    periodStart: number;
    periodEnd: number;
    extendedTo: number | null;
  };
  from: number;
  to: number;
  countries: { code: string; name: string; names: Record<string, string> }[];
  areas: ReportArea[];
  narratives: ReportNarrative[];
  /** country → activity id → status (the matrix). */
  matrix: Record<string, Record<string, string>>;
  peopleTrained: { country: string; traineeType: string; sex: string; count: number }[];
  spent: { country: string; usd: number; unconverted: number }[];
  trainings: ReportTraining[];
  budgets: ReportBudget[];
  caseStudies: ReportCaseStudy[];
  statistics: ReportStatSeries[];
  indicators: ReportIndicator[];
  /** Some of the progress comes from demonstration workplans. */
  hasDemo: boolean;
};

/** The statistics the report charts (yearly national totals, Reported only). */
export const REPORT_STAT_ELEMENTS = [
  'VICTIMS_IDENTIFIED',
  'VICTIMS_REPATRIATED',
  'PROSECUTIONS',
  'CONVICTIONS',
] as const;

const num = (v: unknown): number | null =>
  v === null || v === undefined || v === '' ? null : Number(v);

/** Period ordering inside one year: the annual report first, then halves, then quarters. */
function periodRank(period: string): number {
  if (/^\d{4}$/.test(period)) {
    return 100;
  }
  const m = /^(\d{4})([HQ])(\d)$/.exec(period);
  if (!m) {
    return 0;
  }
  return (m[2] === 'H' ? 50 : 10) + Number(m[3]);
}

function jsonObject(v: unknown): Record<string, string> {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as Record<string, string>;
    } catch {
      return {};
    }
  }
  return (v ?? {}) as Record<string, string>;
}

export type CollectInput = {
  frameworkId: string;
  kind: 'Annual' | 'Final';
  year: number | null;
  countries: readonly string[];
};

/** Gather everything the report prints. */
export async function collectReportData(db: Reader, input: CollectInput): Promise<ReportData> {
  const fw = await db
    .selectFrom('plan_framework')
    .selectAll()
    .where('id', '=', input.frameworkId)
    .executeTakeFirstOrThrow();
  const framework = {
    id: fw.id,
    title: fw.title,
    shortTitle: fw.short_title,
    periodStart: fw.period_start,
    periodEnd: fw.period_end,
    extendedTo: fw.extended_to,
  };
  const { from, to } = reportYears(input.kind, input.year, framework);
  const wanted = input.countries.length > 0 ? [...input.countries] : [...REPORT_COUNTRIES];

  const countryRows = await db
    .selectFrom('country')
    .select(['code', 'name', 'names'])
    .where('code', 'in', wanted)
    .execute();
  const countries = wanted
    .map((c) => countryRows.find((r) => r.code.trim() === c))
    .filter((r) => r !== undefined)
    .map((r) => ({ code: r.code.trim(), name: r.name, names: jsonObject(r.names) }));
  const codes = countries.map((c) => c.code);

  // The tree: areas (or outcomes) with their activities (or outputs) in order.
  const nodes = await db
    .selectFrom('plan_node')
    .select(['id', 'parent_id', 'kind', 'code', 'title', 'is_priority', 'position'])
    .where('framework_id', '=', framework.id)
    .orderBy('position')
    .orderBy('code')
    .execute();
  const top = nodes.filter(
    (n) => n.parent_id === null && (n.kind === 'area' || n.kind === 'outcome'),
  );
  const areas: ReportArea[] = top.map((a) => ({
    id: a.id,
    code: a.code,
    title: a.title,
    kind: a.kind,
    activities: nodes
      .filter((n) => n.parent_id === a.id && (n.kind === 'activity' || n.kind === 'output'))
      .map((n) => ({ id: n.id, code: n.code, title: n.title, isPriority: n.is_priority })),
  }));
  const areaOf = new Map<string, string>();
  for (const n of nodes) {
    let cur: (typeof nodes)[number] | undefined = n;
    while (cur?.parent_id) {
      const parentId: string = cur.parent_id;
      cur = nodes.find((x) => x.id === parentId);
    }
    if (cur) {
      areaOf.set(n.id, cur.id);
    }
  }
  const nodeById = new Map(nodes.map((n) => [n.id, n]));

  // Approved progress on the workplans of the selected countries and years.
  const narratives: ReportNarrative[] = [];
  const matrix: Record<string, Record<string, string>> = {};
  const peopleTrained: ReportData['peopleTrained'] = [];
  const spentBy = new Map<string, { usd: number; unconverted: number }>();
  const entries =
    codes.length === 0
      ? []
      : await db
          .selectFrom('progress_entry as e')
          .innerJoin('progress_report as r', 'r.id', 'e.report_id')
          .innerJoin('workplan as w', 'w.id', 'r.workplan_id')
          .innerJoin('workplan_activity as a', 'a.id', 'e.workplan_activity_id')
          .select([
            'e.id',
            'e.status',
            'e.narrative_en',
            'e.narrative_local',
            'e.narrative_lang',
            'e.budget_spent',
            'e.spent_currency',
            'e.spent_usd_rate',
            'r.period',
            'w.country_code',
            'w.year',
            'w.currency',
            'w.usd_rate',
            'w.is_demo',
            'a.id as activity_id',
            'a.node_id',
            'a.title',
            'a.title_local',
            'a.position',
          ])
          .where('w.framework_id', '=', framework.id)
          .where('w.year', '>=', from)
          .where('w.year', '<=', to)
          .where('w.country_code', 'in', codes)
          .where('r.status', '=', 'Approved')
          .orderBy('w.country_code')
          .orderBy('w.year')
          .orderBy('a.position')
          .execute();
  // Keep one entry per workplan activity: the annual period, else the latest part of the year.
  const best = new Map<string, (typeof entries)[number]>();
  for (const e of entries) {
    const prev = best.get(e.activity_id);
    if (!prev || periodRank(e.period) > periodRank(prev.period)) {
      best.set(e.activity_id, e);
    }
  }
  const kept = [...best.values()];
  for (const e of kept) {
    const country = e.country_code.trim();
    const node = nodeById.get(e.node_id);
    narratives.push({
      country,
      areaId: areaOf.get(e.node_id) ?? null,
      activityCode: node?.code ?? null,
      activityTitle: e.title,
      titleLocal: e.title_local,
      status: e.status,
      narrativeEn: e.narrative_en,
      narrativeLocal: e.narrative_local,
      narrativeLang: e.narrative_lang,
      period: e.period,
      year: e.year,
    });
    const row = matrix[country] ?? {};
    matrix[country] = row;
    // The latest year's status wins in a Final report.
    row[e.node_id] = e.status;
    const amount = num(e.budget_spent);
    if (amount !== null) {
      const usd = toUsd(amount, e.spent_currency ?? e.currency.trim(), num(e.spent_usd_rate));
      const s = spentBy.get(country) ?? { usd: 0, unconverted: 0 };
      if (usd === null) {
        s.unconverted += 1;
      } else {
        s.usd += usd;
      }
      spentBy.set(country, s);
    }
  }
  const keptIds = kept.map((e) => e.id);
  if (keptIds.length > 0) {
    const countryOfEntry = new Map(kept.map((e) => [e.id, e.country_code.trim()]));
    const qty = await db
      .selectFrom('progress_quantity')
      .select(['entry_id', 'trainee_type', 'sex', 'count'])
      .where('entry_id', 'in', keptIds)
      .execute();
    const sums = new Map<string, number>();
    for (const q of qty) {
      const key = `${countryOfEntry.get(q.entry_id)}|${q.trainee_type}|${q.sex}`;
      sums.set(key, (sums.get(key) ?? 0) + Number(q.count));
    }
    for (const [key, count] of sums) {
      const [country, traineeType, sex] = key.split('|') as [string, string, string];
      peopleTrained.push({ country, traineeType, sex, count });
    }
  }

  // Trainings overlapping the years, of the selected countries or regional (no country).
  const trainingRows = await db
    .selectFrom('training_event')
    .selectAll()
    .where((eb) => countryOrRegional(eb, codes))
    .where((eb) => overlapsYears(eb, from, to))
    .orderBy('country_code')
    .orderBy('year_start')
    .orderBy('title')
    .execute();
  const trainingIds = trainingRows.map((t) => t.id);
  const counts =
    trainingIds.length === 0
      ? []
      : await db
          .selectFrom('training_participant_count')
          .select(['training_id', 'sex', 'count'])
          .where('training_id', 'in', trainingIds)
          .execute();
  const targets =
    trainingIds.length === 0
      ? []
      : await db
          .selectFrom('training_target as tt')
          .innerJoin('plan_node as n', 'n.id', 'tt.target_node_id')
          .select(['tt.training_id', 'n.code'])
          .where('tt.training_id', 'in', trainingIds)
          .execute();
  const trainings: ReportTraining[] = trainingRows.map((t) => {
    const mine = counts.filter((c) => c.training_id === t.id);
    const female = mine.filter((c) => c.sex === 'Female').reduce((s, c) => s + Number(c.count), 0);
    const male = mine.filter((c) => c.sex === 'Male').reduce((s, c) => s + Number(c.count), 0);
    return {
      country: t.country_code?.trim() ?? null,
      level: t.level,
      title: t.title,
      period:
        t.period_text ??
        (t.year_start
          ? `${t.year_start}${t.year_end && t.year_end !== t.year_start ? `–${t.year_end}` : ''}`
          : null),
      yearStart: t.year_start,
      eventsCount: t.events_count,
      participants: mine.reduce((s, c) => s + Number(c.count), 0),
      female: mine.some((c) => c.sex === 'Female') ? female : null,
      male: mine.some((c) => c.sex === 'Male') ? male : null,
      targets: targets.filter((x) => x.training_id === t.id).map((x) => x.code),
      areaId: t.area_node_id,
    };
  });

  // Budget allocations overlapping the years.
  const budgetRows = await db
    .selectFrom('budget_allocation')
    .selectAll()
    .where((eb) => countryOrRegional(eb, codes))
    .where((eb) => overlapsYears(eb, from, to))
    .orderBy('country_code')
    .orderBy('year_start')
    .execute();
  const budgets: ReportBudget[] = budgetRows.map((b) => {
    const amount = num(b.amount_local);
    const rate = num(b.usd_rate);
    const stated = num(b.usd_amount);
    return {
      country: b.country_code?.trim() ?? null,
      entity: b.entity,
      recipient: b.recipient,
      amountLocal: amount,
      currency: b.currency.trim(),
      usdRate: rate,
      usd: b.usd_is_stated && stated !== null ? stated : toUsd(amount, b.currency.trim(), rate),
      usdIsStated: b.usd_is_stated,
      periodKind: b.period_kind,
      period:
        b.period_text ??
        (b.year_start
          ? `${b.year_start}${b.year_end && b.year_end !== b.year_start ? `–${b.year_end}` : ''}`
          : ''),
      amountText: b.amount_text,
      yearStart: b.year_start,
    };
  });

  // Approved case studies of the framework and years.
  const caseRows = await db
    .selectFrom('case_study')
    .selectAll()
    .where('framework_id', '=', framework.id)
    .where('status', '=', 'Approved')
    .where('year', '>=', from)
    .where('year', '<=', to)
    .where((eb) =>
      eb.or([
        eb('country_code', 'in', codes.length ? codes : ['--']),
        eb('country_code', 'is', null),
      ]),
    )
    .orderBy('year')
    .orderBy('created_at')
    .execute();
  const caseStudies: ReportCaseStudy[] = caseRows.map((c) => ({
    country: c.country_code?.trim() ?? null,
    year: c.year,
    areaId: c.area_node_id,
    heading: c.heading,
    bodyEn: c.body_en,
    bodyLocal: c.body_local,
    localLang: c.local_lang,
    attribution: c.attribution,
  }));

  // Statistics: yearly national totals (every dimension at TOTAL), Reported only.
  const years: string[] = [];
  for (let y = Math.max(from - (input.kind === 'Annual' ? 4 : 0), 1990); y <= to; y += 1) {
    years.push(String(y));
  }
  const elementRows = await db
    .selectFrom('stat_data_element')
    .select(['code', 'name'])
    .where('code', 'in', [...REPORT_STAT_ELEMENTS])
    .execute();
  const statRows =
    codes.length === 0 || elementRows.length === 0
      ? []
      : await db
          .selectFrom('stat_value')
          .select(['data_element', 'country', 'period', 'value'])
          .where(
            'data_element',
            'in',
            elementRows.map((e) => e.code),
          )
          .where('country', 'in', codes)
          .where('province', '=', '')
          .where('period_type', '=', 'Yearly')
          .where('period', 'in', years)
          .where('status', '=', 'Reported')
          .where('sex', '=', '')
          .where('age_group', '=', '')
          .where('nationality', '=', '')
          .where('exploitation', '=', '')
          .where('country_from', '=', '')
          .where('country_to', '=', '')
          .where('channel', '=', '')
          .where('victim_category', '=', '')
          .where('agency_type', '=', '')
          .where('trainee_type', '=', '')
          .execute();
  const statistics: ReportStatSeries[] = REPORT_STAT_ELEMENTS.flatMap((code) => {
    const el = elementRows.find((e) => e.code === code);
    if (!el) {
      return [];
    }
    const values: Record<string, Record<number, number>> = {};
    for (const r of statRows) {
      if (r.data_element !== code || r.value === null) {
        continue;
      }
      const c = r.country.trim();
      values[c] = values[c] ?? {};
      (values[c] as Record<number, number>)[Number(r.period)] = Number(r.value);
    }
    return Object.keys(values).length > 0 ? [{ element: code, name: el.name, values }] : [];
  });

  // Indicators of the framework with their country baselines, markers and actuals.
  const indicatorRows =
    codes.length === 0
      ? []
      : await db
          .selectFrom('country_indicator as ci')
          .innerJoin('plan_indicator as i', 'i.id', 'ci.indicator_id')
          .select([
            'ci.id',
            'ci.country_code',
            'ci.baseline_value',
            'ci.baseline_year',
            'i.code',
            'i.title',
            'i.unit',
            'i.direction',
          ])
          .where('i.framework_id', '=', framework.id)
          .where('ci.country_code', 'in', codes)
          .orderBy('ci.country_code')
          .orderBy('i.code')
          .execute();
  const iy =
    indicatorRows.length === 0
      ? []
      : await db
          .selectFrom('indicator_year')
          .selectAll()
          .where(
            'country_indicator_id',
            'in',
            indicatorRows.map((r) => r.id),
          )
          .where('year', '>=', from)
          .where('year', '<=', to)
          .orderBy('year')
          .execute();
  const indicators: ReportIndicator[] = indicatorRows.map((r) => ({
    country: r.country_code.trim(),
    code: r.code,
    title: r.title,
    unit: r.unit,
    direction: r.direction,
    baseline: num(r.baseline_value),
    baselineYear: r.baseline_year,
    years: iy
      .filter((y) => y.country_indicator_id === r.id)
      .map((y) => ({
        year: y.year,
        marker: num(y.marker_value),
        actual: num(y.actual_value),
        source: y.actual_source,
      })),
  }));

  return {
    framework,
    from,
    to,
    countries,
    areas,
    narratives,
    matrix,
    peopleTrained,
    spent: [...spentBy].map(([country, s]) => ({ country, ...s })),
    trainings,
    budgets,
    caseStudies,
    statistics,
    indicators,
    hasDemo: kept.some((e) => e.is_demo),
  };
}
