import { z } from 'zod';
import { LOCALES } from '../reference/locales';
import { TRAINEE_TYPE_OPTIONS } from '../statistics/dimensions';
import { AmountSchema, CurrencySchema, UsdRateSchema } from './money';
import { parsePlanPeriod } from './plan-period';

// Progress reports (plans module, progress area): a country reports, per period, on each activity
// of its workplan: a status, a narrative in the national language and in English, people trained
// by trainee type × sex, the budget spent (in the workplan's currency or USD, with its USD rate)
// and evidence files. The Secretariat reviews:
//
//   Draft ──submit──▶ Submitted ──approve──▶ Approved (locked)
//     ▲                  │                      │
//     └──── Returned ◀──return (with a comment)  └──reopen (with a reason, audited)──▶ Draft
//
// Draft and Returned are editable by the country; Submitted waits for review; Approved is read-only.

export const PROGRESS_REPORT_STATUSES = ['Draft', 'Submitted', 'Returned', 'Approved'] as const;
export type ProgressReportStatus = (typeof PROGRESS_REPORT_STATUSES)[number];

export const PROGRESS_ENTRY_STATUSES = [
  'NotStarted',
  'InProgress',
  'Completed',
  'NotApplicable',
] as const;
export type ProgressEntryStatus = (typeof PROGRESS_ENTRY_STATUSES)[number];

/** Trainee types: the statistics `trainee_type` dimension options. */
export const PROGRESS_TRAINEE_TYPES = TRAINEE_TYPE_OPTIONS;
export const PROGRESS_SEXES = ['Female', 'Male', 'Other', 'Unknown'] as const;
export type ProgressSex = (typeof PROGRESS_SEXES)[number];

/** National languages a narrative may be written in beside English. */
export const NARRATIVE_LANGUAGES = LOCALES.filter((l) => l !== 'en');

/** The national language of each member country's narratives. */
export const NARRATIVE_LANGUAGE_OF: Readonly<Record<string, (typeof NARRATIVE_LANGUAGES)[number]>> =
  { KH: 'km', CN: 'zh', LA: 'lo', MM: 'my', TH: 'th', VN: 'vi' };

/** Evidence files: at most this many bytes each. */
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;

/** Whether the country may still change a report in this status. */
export function isProgressEditable(status: ProgressReportStatus): boolean {
  return status === 'Draft' || status === 'Returned';
}

export const PROGRESS_TRANSITIONS = ['submit', 'return', 'approve', 'reopen'] as const;
export type ProgressTransition = (typeof PROGRESS_TRANSITIONS)[number];

/** The status a transition leads to from `from`, or null when it is not allowed. */
export function progressTransition(
  from: ProgressReportStatus,
  transition: ProgressTransition,
): ProgressReportStatus | null {
  switch (transition) {
    case 'submit':
      return isProgressEditable(from) ? 'Submitted' : null;
    case 'return':
      return from === 'Submitted' ? 'Returned' : null;
    case 'approve':
      return from === 'Submitted' ? 'Approved' : null;
    case 'reopen':
      return from === 'Approved' ? 'Draft' : null;
  }
}

/**
 * Why a period cannot be reported for a workplan of `workplanYear` (null when it can): it must be
 * a plan period (`2024`, `2024H1`, `2024Q3`) inside the workplan's year.
 */
export function progressPeriodProblem(period: string, workplanYear: number): string | null {
  const p = parsePlanPeriod(period);
  if (!p) {
    return 'is not a period (2024, 2024H1 or 2024Q1)';
  }
  if (p.year !== workplanYear) {
    return `lies outside the workplan's year ${workplanYear}`;
  }
  return null;
}

const version = z.number().int().min(1);
const text = z.string().trim().max(20_000).nullish();

export const ProgressListQuerySchema = z.strictObject({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  workplanId: z.uuid().optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  status: z.enum(PROGRESS_REPORT_STATUSES).optional(),
});
export type ProgressListQuery = z.infer<typeof ProgressListQuerySchema>;

export const ProgressReportCreateInputSchema = z.strictObject({
  workplanId: z.uuid(),
  period: z.string().trim().min(4).max(10),
});
export type ProgressReportCreateInput = z.infer<typeof ProgressReportCreateInputSchema>;

export const ProgressQuantitySchema = z.strictObject({
  traineeType: z.enum(PROGRESS_TRAINEE_TYPES),
  sex: z.enum(PROGRESS_SEXES),
  count: z.number().int().min(0).max(10_000_000),
});
export type ProgressQuantity = z.infer<typeof ProgressQuantitySchema>;

/** Save one entry at a version; fields left out stay as they are; `quantities` replaces the grid. */
export const ProgressEntrySaveInputSchema = z.strictObject({
  version,
  status: z.enum(PROGRESS_ENTRY_STATUSES).optional(),
  narrativeLocal: text,
  narrativeLang: z.enum(NARRATIVE_LANGUAGES).nullish(),
  narrativeEn: text,
  budgetSpent: AmountSchema.nullish(),
  spentCurrency: CurrencySchema.nullish(),
  spentUsdRate: UsdRateSchema.nullish(),
  quantities: z.array(ProgressQuantitySchema).max(100).optional(),
});
export type ProgressEntrySaveInput = z.infer<typeof ProgressEntrySaveInputSchema>;

export const ProgressSubmitInputSchema = z.strictObject({ version });
export const ProgressReturnInputSchema = z.strictObject({
  version,
  comment: z.string().trim().min(1, { message: 'say what to change' }).max(5000),
});
export const ProgressApproveInputSchema = z.strictObject({
  version,
  comment: z.string().trim().max(5000).optional(),
});
export const ProgressReopenInputSchema = z.strictObject({
  version,
  reason: z.string().trim().min(1, { message: 'give the reason for reopening' }).max(5000),
});
export const ProgressCommentInputSchema = z.strictObject({
  body: z.string().trim().min(1).max(5000),
  entryId: z.uuid().nullish(),
});

export const EvidenceUploadInputSchema = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  mediaType: z.string().trim().min(3).max(100),
  /** The file, base64-encoded. */
  contentBase64: z.string().min(1),
});

export type ProgressReportSummary = {
  id: string;
  workplanId: string;
  countryCode: string;
  frameworkId: string;
  year: number;
  workplanTitle: string | null;
  isDemo: boolean;
  period: string;
  status: ProgressReportStatus;
  submittedAt: string | null;
  reviewedAt: string | null;
  approvedAt: string | null;
  entryCount: number;
  completedCount: number;
  version: number;
  updatedAt: string;
};

export type ProgressEvidenceView = {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: string;
};

export type ProgressEntryView = {
  id: string;
  workplanActivityId: string;
  nodeId: string;
  nodeCode: string;
  nodeTitle: string | null;
  areaCode: string | null;
  areaTitle: string | null;
  activityTitle: string;
  activityTitleLocal: string | null;
  status: ProgressEntryStatus;
  narrativeLocal: string | null;
  narrativeLang: string | null;
  narrativeEn: string | null;
  budgetSpent: number | null;
  spentCurrency: string | null;
  spentUsdRate: number | null;
  spentUsd: number | null;
  quantities: ProgressQuantity[];
  evidence: ProgressEvidenceView[];
  version: number;
  updatedAt: string;
};

export type ProgressCommentView = {
  id: string;
  entryId: string | null;
  kind: 'Comment' | 'Submit' | 'Return' | 'Approve' | 'Reopen';
  body: string | null;
  authorId: string | null;
  authorName: string | null;
  createdAt: string;
};

export type ProgressReportView = ProgressReportSummary & {
  currency: string;
  usdRate: number | null;
  narrativeLanguage: string | null;
  editable: boolean;
  entries: ProgressEntryView[];
  comments: ProgressCommentView[];
};
