import { completionShare } from '@ctip/domain';
import { barChartSvg, lineChartSvg } from './charts';
import type { ReportData, ReportNarrative } from './collect';
import { REPORT_LABELS, type ReportLabel } from './labels';

// The printed report as one self-contained HTML document, structured like seed 000: cover,
// contents, 1 Introduction, 2 the SPA (2.1 introduction with the per-country summary, one section
// per area with per-country narratives, trainings and figures, then case studies), 3 Conclusion.
// Paged.js (added at PDF time) paginates it: page numbers in the footer, contents via
// target-counter. Without Paged.js the same HTML is a readable preview.

export type ReportMeta = {
  title: string;
  kind: 'Annual' | 'Final';
  year: number | null;
  status: 'Draft' | 'Final';
  secondLanguage: string | null;
  introduction: string | null;
  conclusion: string | null;
  generatedAt: Date;
};

const esc = (s: string | number | null | undefined): string =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const paragraphs = (text: string): string =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${esc(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');

const usd = (v: number | null): string =>
  v === null ? '—' : `USD ${v.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
const amount = (v: number | null): string =>
  v === null ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: 2 });

const STATUS_CLASS: Record<string, string> = {
  Completed: 'st-done',
  InProgress: 'st-progress',
  NotStarted: 'st-none',
  NotApplicable: 'st-na',
};

export const REPORT_CSS = `
@page { size: A4; margin: 20mm 17mm 22mm 17mm;
  @top-center { content: string(doctitle); font-size: 8pt; color: #555; }
  @bottom-center { content: counter(page); font-size: 9pt; } }
@page cover { @top-center { content: none; } @bottom-center { content: none; } }
html { font-family: 'Noto Sans', 'Noto Sans Khmer', 'Noto Sans Lao', 'Noto Sans Myanmar',
  'Noto Sans Thai', 'Noto Sans CJK SC', sans-serif; font-size: 10pt; line-height: 1.45; color: #1a1a1a; }
:lang(km) { font-family: 'Noto Sans Khmer', 'Noto Sans', sans-serif; }
:lang(lo) { font-family: 'Noto Sans Lao', 'Noto Sans', sans-serif; }
:lang(my) { font-family: 'Noto Sans Myanmar', 'Noto Sans', sans-serif; line-height: 1.8; }
:lang(th) { font-family: 'Noto Sans Thai', 'Noto Sans', sans-serif; }
:lang(zh) { font-family: 'Noto Sans CJK SC', 'Noto Sans', sans-serif; }
.doctitle { string-set: doctitle content(text); display: none; }
section.cover { page: cover; break-after: page; text-align: center; padding-top: 45mm; }
section.cover h1 { font-size: 22pt; color: #1f4e79; margin-bottom: 4mm; }
section.cover .sub { font-size: 13pt; color: #444; }
section.cover .draft { margin-top: 20mm; font-size: 18pt; color: #c00000; border: 2px solid #c00000;
  display: inline-block; padding: 2mm 8mm; }
section.cover .countries { margin: 10mm 0; font-size: 11pt; line-height: 1.9; }
section.cover .demo { margin-top: 10mm; color: #7f6000; }
nav.toc { break-after: page; }
nav.toc ol { list-style: none; padding: 0; }
nav.toc li { margin: 1mm 0; }
nav.toc li.l2 { font-weight: 600; margin-top: 2.5mm; }
nav.toc li.l3 { padding-left: 8mm; }
nav.toc a { color: inherit; text-decoration: none; }
nav.toc a::after { content: target-counter(attr(href), page); float: right; }
h2 { color: #1f4e79; font-size: 15pt; break-before: page; border-bottom: 1px solid #1f4e79; }
h3 { color: #1f4e79; font-size: 12pt; margin-top: 8mm; break-after: avoid; }
h4 { font-size: 10.5pt; margin: 5mm 0 2mm; break-after: avoid; }
.second { color: #444; font-weight: normal; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 8.5pt; }
th, td { border: 0.5pt solid #999; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
th { background: #dde6f0; }
td.num, th.num { text-align: right; }
tr { break-inside: avoid; }
table.bilingual td { width: 50%; }
.act { font-weight: 600; }
.badge { display: inline-block; padding: 0 1.5mm; border-radius: 1mm; font-size: 7.5pt; }
.st-done { background: #c6e0b4; } .st-progress { background: #ffe699; }
.st-none { background: #f4b6b6; } .st-na { background: #d9d9d9; } .st-missing { background: #fff; }
table.matrix td, table.matrix th { text-align: center; font-size: 7.5pt; }
table.matrix td.label { text-align: left; }
.legend span { margin-right: 4mm; }
figure { margin: 3mm 0; break-inside: avoid; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 8.5pt; color: #444; }
.case { border-left: 3px solid #1f4e79; padding-left: 4mm; margin: 4mm 0; break-inside: avoid-page; }
.attribution { font-style: italic; color: #444; }
.empty { color: #777; font-style: italic; }
`;

/** Each national language named in itself (the column heading of the second language). */
export const LANGUAGE_NAMES: Record<string, string> = {
  km: 'ភាសាខ្មែរ',
  zh: '中文',
  lo: 'ພາສາລາວ',
  my: 'မြန်မာဘာသာ',
  th: 'ภาษาไทย',
  vi: 'Tiếng Việt',
};

/** The national language of each COMMIT country, for its name on the cover. */
const OWN_LANGUAGE: Record<string, string> = {
  KH: 'km',
  CN: 'zh',
  LA: 'lo',
  MM: 'my',
  TH: 'th',
  VN: 'vi',
};

type Heading = { id: string; number: string; title: string; second: string | null; level: 2 | 3 };

export function buildReportHtml(data: ReportData, meta: ReportMeta): string {
  const lang =
    meta.secondLanguage && REPORT_LABELS[meta.secondLanguage] ? meta.secondLanguage : null;
  const L = (k: ReportLabel): string => REPORT_LABELS.en?.[k] ?? k;
  const S = (k: ReportLabel): string | null => (lang ? (REPORT_LABELS[lang]?.[k] ?? null) : null);
  const both = (k: ReportLabel): string =>
    `${esc(L(k))}${S(k) ? ` <span class="second" lang="${lang}">/ ${esc(S(k))}</span>` : ''}`;
  const countryName = (code: string | null): string => {
    if (code === null) {
      return 'Regional';
    }
    return data.countries.find((c) => c.code === code)?.name ?? code;
  };
  const countryLocal = (code: string): string | null => {
    const c = data.countries.find((x) => x.code === code);
    return lang ? (c?.names[lang] ?? null) : null;
  };
  const statusBadge = (s: string): string =>
    `<span class="badge ${STATUS_CLASS[s] ?? ''}">${esc(L(s as ReportLabel))}</span>`;

  const headings: Heading[] = [];
  const head = (level: 2 | 3, number: string, title: string, second: string | null): string => {
    const id = `s-${number.replace(/\./g, '-')}`;
    headings.push({ id, number, title, second, level });
    const tag = level === 2 ? 'h2' : 'h3';
    return `<${tag} id="${id}">${esc(number)}${level === 2 ? '.' : ' :'} ${esc(title)}${
      second ? ` <span class="second" lang="${lang}">/ ${esc(second)}</span>` : ''
    }</${tag}>`;
  };

  const period = data.from === data.to ? String(data.from) : `${data.from}–${data.to}`;
  const fwName = data.framework.title;
  const body: string[] = [];

  // 1 Introduction
  body.push(head(2, '1', L('introduction'), S('introduction')));
  body.push(
    meta.introduction
      ? paragraphs(meta.introduction)
      : `<p>This ${meta.kind === 'Final' ? 'final report' : 'annual monitoring report'} presents the implementation of the ${esc(
          fwName,
        )} in ${esc(data.countries.map((c) => c.name).join(', '))} for ${esc(period)}, from the progress reports the national task forces submitted and the COMMIT Secretariat approved, the training and budget records, and the statistics the countries reported.</p>`,
  );

  // 2 The SPA
  body.push(head(2, '2', fwName, null));
  body.push(head(3, '2.1', L('spaIntro'), S('spaIntro')));
  body.push(`<h4>${both('countrySummary')}</h4>`);
  body.push(countrySummary());
  body.push(statisticsFigures());
  body.push(`<h4>${both('budgets')}</h4>`);
  body.push(budgetTable());
  const unplaced = data.trainings.filter(
    (t) =>
      !data.areas.some(
        (a) =>
          t.areaId === a.id ||
          t.targets.some((code) => code.split('.')[0] === a.code && a.kind === 'area'),
      ),
  );

  if (unplaced.length > 0) {
    // Trainings linked to no area of the framework are listed here; the others under their area.
    body.push(`<h4>${both('trainings')}</h4>`);
    body.push(trainingTable(unplaced));
  }
  body.push(`<h4>${both('progressMatrix')}</h4>`);
  body.push(progressMatrix());
  if (data.indicators.length > 0) {
    body.push(`<h4>${both('indicators')}</h4>`);
    body.push(indicatorTable());
  }

  data.areas.forEach((area, i) => {
    const number = `2.${i + 2}`;
    const areaTitle = `${area.kind === 'area' ? `${L('area')} ${area.code}` : area.code} : ${area.title ?? ''}`;
    body.push(head(3, number, areaTitle, null));
    const mine = data.narratives.filter((n) => n.areaId === area.id);
    if (mine.length === 0) {
      body.push('<p class="empty">No approved progress was reported under this area.</p>');
    }
    for (const c of data.countries) {
      const rows = mine.filter((n) => n.country === c.code);
      if (rows.length === 0) {
        continue;
      }
      const local = countryLocal(c.code);
      body.push(
        `<h4>${esc(c.name)}${local ? ` <span class="second" lang="${lang}">/ ${esc(local)}</span>` : ''}</h4>`,
      );
      body.push(narrativeTable(rows));
    }
    const areaTrainings = data.trainings.filter(
      (t) =>
        t.areaId === area.id ||
        t.targets.some((code) => code.split('.')[0] === area.code && area.kind === 'area'),
    );
    if (areaTrainings.length > 0) {
      body.push(`<h4>${both('trainings')}</h4>`);
      body.push(trainingTable(areaTrainings));
    }
  });
  // Case studies
  const caseNumber = `2.${data.areas.length + 2}`;
  body.push(head(3, caseNumber, L('caseStudies'), S('caseStudies')));
  if (data.caseStudies.length === 0) {
    body.push('<p class="empty">No approved case study for this period.</p>');
  }
  for (const cs of data.caseStudies) {
    body.push(
      `<div class="case"><h4>${esc(cs.heading)}</h4>${paragraphs(cs.bodyEn)}${
        cs.bodyLocal
          ? `<div lang="${esc(cs.localLang ?? '')}">${paragraphs(cs.bodyLocal)}</div>`
          : ''
      }${cs.attribution ? `<p class="attribution">${esc(cs.attribution)}</p>` : ''}<p class="second">${esc(
        countryName(cs.country),
      )}, ${cs.year}</p></div>`,
    );
  }

  // 3 Conclusion
  body.push(head(2, '3', L('conclusion'), S('conclusion')));
  body.push(
    meta.conclusion
      ? paragraphs(meta.conclusion)
      : '<p class="empty">No conclusion was written.</p>',
  );

  const toc = `<nav class="toc"><h1>${both('contents')}</h1><ol>${headings
    .map(
      (h) =>
        `<li class="l${h.level}"><a href="#${h.id}">${esc(h.number)} ${esc(h.title)}${
          h.second ? ` <span class="second" lang="${lang}">/ ${esc(h.second)}</span>` : ''
        }</a></li>`,
    )
    .join('')}</ol></nav>`;

  const cover = `<section class="cover"><div class="doctitle">${esc(meta.title)}</div>
<h1>${esc(meta.title)}</h1>
<div class="sub">${esc(fwName)}${data.framework.shortTitle ? ` (${esc(data.framework.shortTitle)})` : ''}</div>
<div class="sub">${esc(meta.kind === 'Final' ? `Final evaluation ${period}` : `Annual monitoring report ${period}`)}</div>
<div class="countries">${data.countries
    .map((c) => {
      const l = OWN_LANGUAGE[c.code];
      const own = l ? c.names[l] : undefined;
      return `<div>${esc(c.name)}${own ? ` · <span lang="${l}">${esc(own)}</span>` : ''}</div>`;
    })
    .join('')}</div>
<p>Generated ${esc(meta.generatedAt.toISOString().slice(0, 10))}</p>
${meta.status === 'Draft' ? `<div class="draft">${both('draft')}</div>` : ''}
${data.hasDemo ? '<div class="demo">Contains demonstration data (synthetic, not real reports).</div>' : ''}
</section>`;

  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(meta.title)}</title>
<style>${REPORT_CSS}</style></head>
<body>
${cover}
${toc}
<main>
${body.join('\n')}
</main>
</body></html>`;

  function narrativeTable(rows: ReportNarrative[]): string {
    // The second column only when some entry has text in the chosen language.
    const hasLocal =
      lang !== null &&
      rows.some((n) => n.narrativeLocal && (n.narrativeLang === lang || n.narrativeLang === null));
    const col = hasLocal ? lang : null;
    return `<table class="${col ? 'bilingual' : ''}"><thead><tr><th>English</th>${
      col ? `<th lang="${col}">${esc(LANGUAGE_NAMES[col] ?? col)}</th>` : ''
    }</tr></thead><tbody>${rows
      .map((n) => {
        const title = `<div class="act">${esc(n.activityCode ?? '')} ${esc(n.activityTitle)} ${statusBadge(
          n.status,
        )}${data.from !== data.to ? ` <span class="second">(${esc(n.period)})</span>` : ''}</div>`;
        const en = `${title}${n.narrativeEn ? paragraphs(n.narrativeEn) : '<p class="empty">—</p>'}`;
        if (!col) {
          return `<tr><td>${en}</td></tr>`;
        }
        const localText =
          n.narrativeLang === lang || n.narrativeLang === null ? n.narrativeLocal : null;
        const local = `${n.titleLocal ? `<div class="act">${esc(n.titleLocal)}</div>` : ''}${
          localText ? paragraphs(localText) : '<p class="empty">—</p>'
        }`;
        return `<tr><td>${en}</td><td lang="${lang}">${local}</td></tr>`;
      })
      .join('')}</tbody></table>`;
  }

  function countrySummary(): string {
    const rows = data.countries.map((c) => {
      const statuses = data.narratives.filter((n) => n.country === c.code).map((n) => n.status);
      const count = (s: string) => statuses.filter((x) => x === s).length;
      const share = completionShare(statuses);
      const trained = data.peopleTrained
        .filter((p) => p.country === c.code)
        .reduce((s, p) => s + p.count, 0);
      const spent = data.spent.find((s) => s.country === c.code);
      return `<tr><td>${esc(c.name)}</td><td class="num">${statuses.length}</td><td class="num">${count(
        'Completed',
      )}</td><td class="num">${count('InProgress')}</td><td class="num">${count(
        'NotStarted',
      )}</td><td class="num">${share === null ? '—' : `${Math.round(share * 100)}%`}</td><td class="num">${trained}</td><td class="num">${
        spent ? usd(spent.usd) : '—'
      }</td></tr>`;
    });
    return `<table><thead><tr><th>Country</th><th class="num">Activities reported</th><th class="num">${esc(
      L('Completed'),
    )}</th><th class="num">${esc(L('InProgress'))}</th><th class="num">${esc(
      L('NotStarted'),
    )}</th><th class="num">Completion</th><th class="num">People trained</th><th class="num">Budget spent</th></tr></thead><tbody>${rows.join(
      '',
    )}</tbody></table>`;
  }

  function statisticsFigures(): string {
    if (data.statistics.length === 0) {
      return '';
    }
    const years: number[] = [];
    for (const s of data.statistics) {
      for (const byYear of Object.values(s.values)) {
        for (const y of Object.keys(byYear)) {
          if (!years.includes(Number(y))) {
            years.push(Number(y));
          }
        }
      }
    }
    years.sort((a, b) => a - b);
    const figures = data.statistics.map((s, i) => {
      const countries = data.countries.filter((c) => s.values[c.code]);
      const svg =
        years.length > 1
          ? lineChartSvg({
              title: s.name,
              years,
              series: countries.map((c) => ({
                name: c.name,
                values: years.map((y) => s.values[c.code]?.[y] ?? null),
              })),
            })
          : barChartSvg({
              title: s.name,
              categories: countries.map((c) => c.name),
              series: [
                {
                  name: String(years[0] ?? ''),
                  values: countries.map((c) => s.values[c.code]?.[years[0] ?? 0] ?? null),
                },
              ],
            });
      return `<figure>${svg}<figcaption>Figure ${i + 1}: ${esc(s.name)} (reported national totals, ${esc(
        years.length > 1 ? `${years[0]}–${years[years.length - 1]}` : String(years[0] ?? ''),
      )})</figcaption></figure>`;
    });
    return `<h4>${both('statistics')}</h4>${figures.join('')}`;
  }

  function budgetTable(): string {
    if (data.budgets.length === 0) {
      return '<p class="empty">No budget allocation recorded for this period.</p>';
    }
    const byCountry = data.countries
      .map((c) => ({
        c,
        total: data.budgets
          // Annual allocations only: multi-year totals and averages would count years twice.
          .filter((b) => b.country === c.code && b.usd !== null && b.periodKind === 'Annual')
          .reduce((s, b) => s + (b.usd ?? 0), 0),
      }))
      .filter((x) => x.total > 0);
    const chart =
      byCountry.length > 0
        ? `<figure>${barChartSvg({
            title: 'Annual budget allocations (USD)',
            categories: byCountry.map((x) => x.c.name),
            series: [{ name: 'USD', values: byCountry.map((x) => Math.round(x.total)) }],
          })}<figcaption>Annual allocations in USD, summed over the years covered, each converted at the rate recorded with it (multi-year totals are in the table only)</figcaption></figure>`
        : '';
    return `<table><thead><tr><th>Country / entity</th><th>Recipient</th><th>Period</th><th class="num">Amount</th><th>Currency</th><th class="num">Rate per USD</th><th class="num">USD</th></tr></thead><tbody>${data.budgets
      .map(
        (b) =>
          `<tr><td>${esc(b.country ? countryName(b.country) : (b.entity ?? ''))}</td><td>${esc(b.recipient)}</td><td>${esc(
            b.period,
          )}${b.periodKind !== 'Annual' ? ` (${esc(b.periodKind)})` : ''}</td><td class="num">${
            b.amountLocal === null ? esc(b.amountText ?? '—') : amount(b.amountLocal)
          }</td><td>${esc(b.currency)}</td><td class="num">${amount(b.usdRate)}</td><td class="num">${usd(b.usd)}${
            b.usdIsStated ? ' *' : ''
          }</td></tr>`,
      )
      .join('')}</tbody></table><p class="second">* USD as stated in the source.</p>${chart}`;
  }

  function trainingTable(rows: ReportData['trainings']): string {
    return `<table><thead><tr><th>Country</th><th>Level</th><th>Training</th><th>Period</th><th class="num">Events</th><th class="num">Participants</th><th class="num">Female</th><th class="num">Male</th><th>Targets</th></tr></thead><tbody>${rows
      .map(
        (t) =>
          `<tr><td>${esc(countryName(t.country))}</td><td>${esc(t.level)}</td><td>${esc(t.title)}</td><td>${esc(
            t.period ?? '',
          )}</td><td class="num">${t.eventsCount ?? ''}</td><td class="num">${t.participants}</td><td class="num">${
            t.female ?? ''
          }</td><td class="num">${t.male ?? ''}</td><td>${esc(t.targets.join(', '))}</td></tr>`,
      )
      .join('')}</tbody></table>`;
  }

  function progressMatrix(): string {
    const acts = data.areas.flatMap((a) => a.activities.map((x) => ({ area: a, act: x })));
    const used = acts.filter((x) => data.countries.some((c) => data.matrix[c.code]?.[x.act.id]));
    if (used.length === 0) {
      return '<p class="empty">No approved progress for this period.</p>';
    }
    const legend = `<p class="legend">${['Completed', 'InProgress', 'NotStarted', 'NotApplicable']
      .map((s) => statusBadge(s))
      .join(' ')}</p>`;
    return `${legend}<table class="matrix"><thead><tr><th>Activity</th>${data.countries
      .map((c) => `<th>${esc(c.code)}</th>`)
      .join('')}</tr></thead><tbody>${used
      .map(
        (x) =>
          `<tr><td class="label">${esc(x.act.code)}${x.act.isPriority ? ' ★' : ''} ${esc(
            (x.act.title ?? '').slice(0, 90),
          )}</td>${data.countries
            .map((c) => {
              const s = data.matrix[c.code]?.[x.act.id];
              return `<td class="${s ? (STATUS_CLASS[s] ?? '') : 'st-missing'}">${s ? esc(L(s as ReportLabel)) : ''}</td>`;
            })
            .join('')}</tr>`,
      )
      .join('')}</tbody></table>`;
  }

  function indicatorTable(): string {
    return `<table><thead><tr><th>Country</th><th>Indicator</th><th class="num">Baseline</th><th>Year</th><th class="num">Marker</th><th class="num">Actual</th></tr></thead><tbody>${data.indicators
      .flatMap((i) =>
        (i.years.length > 0
          ? i.years
          : [{ year: null, marker: null, actual: null, source: null }]
        ).map(
          (y) =>
            `<tr><td>${esc(countryName(i.country))}</td><td>${esc(i.code)} ${esc(i.title)}</td><td class="num">${amount(
              i.baseline,
            )}${i.baselineYear ? ` (${i.baselineYear})` : ''}</td><td>${y.year ?? ''}</td><td class="num">${amount(
              y.marker,
            )}</td><td class="num">${amount(y.actual)}${y.source === 'Statistics' ? ' †' : ''}</td></tr>`,
        ),
      )
      .join('')}</tbody></table><p class="second">† from the reported statistics.</p>`;
  }
}
