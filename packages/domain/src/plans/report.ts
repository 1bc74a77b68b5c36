import { z } from 'zod';
import { LOCALES } from '../reference/locales';

// Monitoring reports (plans module, report area): the annual monitoring report of a year, or the
// final evaluation over the whole SPA period, structured like seed 000 (cover, contents,
// 1 Introduction, 2 the SPA with one section per area, 2.7 case studies, 3 conclusion). A report
// is a Draft while it is edited and generated; finalising locks it (status Final); reopening a
// Final report needs a reason and is audited.
//
// Generation is a background run (monitoring_report_run): Queued → Running (progress %, stage) →
// Done (html, pdf, xlsx) | Failed (failure). A Final report keeps its runs and takes no new one.

export const REPORT_KINDS = ['Annual', 'Final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_STATUSES = ['Draft', 'Final'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_RUN_STATUSES = ['Queued', 'Running', 'Done', 'Failed'] as const;
export type ReportRunStatus = (typeof REPORT_RUN_STATUSES)[number];

/** The stages a run passes through, with the progress % reached at the start of each. */
export const REPORT_STAGES = [
  { stage: 'collect', progress: 5 },
  { stage: 'charts', progress: 30 },
  { stage: 'html', progress: 45 },
  { stage: 'pdf', progress: 55 },
  { stage: 'xlsx', progress: 85 },
  { stage: 'store', progress: 95 },
] as const;
export type ReportStage = (typeof REPORT_STAGES)[number]['stage'] | 'done';

/** National languages a report may print beside English. */
export const REPORT_LANGUAGES = LOCALES.filter((l) => l !== 'en');
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** The six COMMIT countries, in the order the reports list them. */
export const REPORT_COUNTRIES = ['KH', 'CN', 'LA', 'MM', 'TH', 'VN'] as const;

/** The national language of each COMMIT country (the default second language of its text). */
export const COUNTRY_LANGUAGE: Readonly<Record<string, ReportLanguage>> = {
  KH: 'km',
  CN: 'zh',
  LA: 'lo',
  MM: 'my',
  TH: 'th',
  VN: 'vi',
};

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be a country code');
const longText = z.string().trim().max(20_000).nullish();

export const ReportInputSchema = z
  .strictObject({
    frameworkId: z.string().trim().min(1).max(20),
    kind: z.enum(REPORT_KINDS),
    /** Required for an Annual report; ignored (null) for a Final evaluation. */
    year: z.number().int().min(1990).max(2100).nullish(),
    secondLanguage: z.enum(REPORT_LANGUAGES).nullish(),
    /** Empty: all six countries. */
    countries: z.array(countryCode).max(6).default([]),
    title: z.string().trim().min(1).max(300).optional(),
    introduction: longText,
    conclusion: longText,
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'Annual' && (v.year === null || v.year === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['year'], message: 'an annual report needs a year' });
    }
    if (new Set(v.countries).size !== v.countries.length) {
      ctx.addIssue({ code: 'custom', path: ['countries'], message: 'a country is listed twice' });
    }
  });
export type ReportInput = z.infer<typeof ReportInputSchema>;

export const ReportUpdateInputSchema = z.strictObject({
  version: z.number().int().min(1),
  year: z.number().int().min(1990).max(2100).nullish(),
  secondLanguage: z.enum(REPORT_LANGUAGES).nullish(),
  countries: z.array(countryCode).max(6).optional(),
  title: z.string().trim().min(1).max(300).optional(),
  introduction: longText,
  conclusion: longText,
});
export type ReportUpdateInput = z.infer<typeof ReportUpdateInputSchema>;

export const ReportFinaliseInputSchema = z.strictObject({ version: z.number().int().min(1) });
export type ReportFinaliseInput = z.infer<typeof ReportFinaliseInputSchema>;

export const ReportReopenInputSchema = z.strictObject({
  version: z.number().int().min(1),
  reason: z.string().trim().min(3).max(2000),
});
export type ReportReopenInput = z.infer<typeof ReportReopenInputSchema>;

export type ReportView = {
  id: string;
  frameworkId: string;
  kind: ReportKind;
  year: number | null;
  secondLanguage: ReportLanguage | null;
  countries: string[];
  title: string;
  introduction: string | null;
  conclusion: string | null;
  status: ReportStatus;
  finalisedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The newest run, if any. */
  latestRun: ReportRunView | null;
};

export type ReportRunView = {
  id: string;
  reportId: string;
  status: ReportRunStatus;
  progress: number;
  stage: string | null;
  failure: string | null;
  pageCount: number | null;
  hasPdf: boolean;
  hasXlsx: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type ReportOptionsView = {
  frameworks: {
    id: string;
    title: string;
    shortTitle: string | null;
    periodStart: number;
    periodEnd: number;
    extendedTo: number | null;
  }[];
  /** The countries the caller may report on (region: all six; a focal point: their own). */
  countries: string[];
  canFinalise: boolean;
};

/** The years a report covers: its year (Annual) or the framework's whole period (Final). */
export function reportYears(
  kind: ReportKind,
  year: number | null,
  framework: { periodStart: number; periodEnd: number; extendedTo: number | null },
): { from: number; to: number } {
  if (kind === 'Annual' && year !== null) {
    return { from: year, to: year };
  }
  return { from: framework.periodStart, to: framework.extendedTo ?? framework.periodEnd };
}

/** The default title, like seed 000's ("Final Report on the Implementation of …"). */
export function defaultReportTitle(
  kind: ReportKind,
  year: number | null,
  frameworkTitle: string,
): string {
  return kind === 'Final'
    ? `Final Report on the Implementation of the ${frameworkTitle}`
    : `Annual Monitoring Report ${year ?? ''} on the Implementation of the ${frameworkTitle}`;
}

/**
 * The share of entries completed, for the per-country summary: Completed counts 1, InProgress
 * 0.5, NotStarted 0; NotApplicable entries are left out. Null when nothing counts.
 */
export function completionShare(statuses: readonly string[]): number | null {
  let n = 0;
  let done = 0;
  for (const s of statuses) {
    if (s === 'NotApplicable') {
      continue;
    }
    n += 1;
    done += s === 'Completed' ? 1 : s === 'InProgress' ? 0.5 : 0;
  }
  return n === 0 ? null : done / n;
}
