import { spreadsheetSafe } from '@ctip/domain';
import ExcelJS from 'exceljs';
import type { ReportData } from './collect';

// The XLSX annex of a monitoring report: one sheet per table the report prints. Text cells pass
// spreadsheetSafe (never a formula); numbers stay numbers.

type Cell = string | number | null;

function sheet(workbook: ExcelJS.Workbook, name: string, headers: string[], rows: Cell[][]): void {
  const ws = workbook.addWorksheet(name);
  ws.addRow(headers);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) {
    ws.addRow(r.map((c) => (typeof c === 'string' ? spreadsheetSafe(c) : c)));
  }
  headers.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.min(60, Math.max(10, h.length + 2));
  });
}

export async function buildReportXlsx(
  data: ReportData,
  meta: { title: string; generatedAt: Date },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mekong CTIP';
  wb.created = meta.generatedAt;
  const countryName = (c: string | null) =>
    c === null ? 'Regional' : (data.countries.find((x) => x.code === c)?.name ?? c);
  const areaCode = (id: string | null) => data.areas.find((a) => a.id === id)?.code ?? null;

  sheet(
    wb,
    'report',
    ['label', 'value'],
    [
      ['title', meta.title],
      ['framework', data.framework.title],
      ['years', data.from === data.to ? String(data.from) : `${data.from}-${data.to}`],
      ['countries', data.countries.map((c) => c.code).join(', ')],
      ['generated', meta.generatedAt.toISOString()],
      ['demonstration data', data.hasDemo ? 'yes' : 'no'],
    ],
  );
  sheet(
    wb,
    'progress',
    [
      'country',
      'year',
      'period',
      'area',
      'activity',
      'title',
      'title (national)',
      'status',
      'narrative (English)',
      'narrative (national)',
      'language',
    ],
    data.narratives.map((n) => [
      n.country,
      n.year,
      n.period,
      areaCode(n.areaId),
      n.activityCode,
      n.activityTitle,
      n.titleLocal,
      n.status,
      n.narrativeEn,
      n.narrativeLocal,
      n.narrativeLang,
    ]),
  );
  const acts = data.areas.flatMap((a) => a.activities);
  sheet(
    wb,
    'matrix',
    ['activity', 'title', ...data.countries.map((c) => c.code)],
    acts
      .filter((a) => data.countries.some((c) => data.matrix[c.code]?.[a.id]))
      .map((a) => [
        a.code,
        a.title,
        ...data.countries.map((c) => data.matrix[c.code]?.[a.id] ?? null),
      ]),
  );
  sheet(
    wb,
    'people_trained',
    ['country', 'trainee type', 'sex', 'count'],
    data.peopleTrained.map((p) => [p.country, p.traineeType, p.sex, p.count]),
  );
  sheet(
    wb,
    'trainings',
    ['country', 'level', 'title', 'period', 'events', 'participants', 'female', 'male', 'targets'],
    data.trainings.map((t) => [
      countryName(t.country),
      t.level,
      t.title,
      t.period,
      t.eventsCount,
      t.participants,
      t.female,
      t.male,
      t.targets.join(', '),
    ]),
  );
  sheet(
    wb,
    'budgets',
    [
      'country',
      'entity',
      'recipient',
      'period',
      'period kind',
      'amount',
      'currency',
      'rate per USD',
      'USD',
      'USD stated',
      'amount as printed',
    ],
    data.budgets.map((b) => [
      b.country,
      b.entity,
      b.recipient,
      b.period,
      b.periodKind,
      b.amountLocal,
      b.currency,
      b.usdRate,
      b.usd,
      b.usdIsStated ? 'yes' : 'no',
      b.amountText,
    ]),
  );
  sheet(
    wb,
    'budget_spent',
    ['country', 'USD', 'entries without a rate'],
    data.spent.map((s) => [s.country, Math.round(s.usd * 100) / 100, s.unconverted]),
  );
  sheet(
    wb,
    'statistics',
    ['element', 'name', 'country', 'year', 'value'],
    data.statistics.flatMap((s) =>
      Object.entries(s.values).flatMap(([country, byYear]) =>
        Object.entries(byYear).map(([year, v]) => [s.element, s.name, country, Number(year), v]),
      ),
    ),
  );
  sheet(
    wb,
    'indicators',
    [
      'country',
      'code',
      'title',
      'unit',
      'direction',
      'baseline',
      'baseline year',
      'year',
      'marker',
      'actual',
      'source',
    ],
    data.indicators.flatMap((i) =>
      (i.years.length > 0
        ? i.years
        : [{ year: null, marker: null, actual: null, source: null }]
      ).map((y) => [
        i.country,
        i.code,
        i.title,
        i.unit,
        i.direction,
        i.baseline,
        i.baselineYear,
        y.year,
        y.marker,
        y.actual,
        y.source,
      ]),
    ),
  );
  sheet(
    wb,
    'case_studies',
    [
      'country',
      'year',
      'area',
      'heading',
      'text (English)',
      'text (national)',
      'language',
      'attribution',
    ],
    data.caseStudies.map((c) => [
      countryName(c.country),
      c.year,
      areaCode(c.areaId),
      c.heading,
      c.bodyEn,
      c.bodyLocal,
      c.localLang,
      c.attribution,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
