import type {
  ProgressCommentView,
  ProgressEntryStatus,
  ProgressEntryView,
  ProgressEvidenceView,
  ProgressQuantity,
  ProgressReportStatus,
  ProgressReportSummary,
  ProgressReportView,
  ProgressTransition,
} from '@ctip/domain';
import { api } from '../../../api/client';

/**
 * The progress screens' endpoints: server routes/plans/progress.routes.ts, all under /api.
 */

export type ProgressEntryPatch = {
  version: number;
  status?: ProgressEntryStatus;
  narrativeLocal?: string | null;
  narrativeLang?: string | null;
  narrativeEn?: string | null;
  budgetSpent?: number | null;
  spentCurrency?: string | null;
  spentUsdRate?: number | null;
  quantities?: ProgressQuantity[];
};

/** The few workplan fields the "start a report" form needs (workplans area's list). */
export type WorkplanOption = {
  id: string;
  countryCode: string;
  frameworkId: string;
  year: number;
  title: string | null;
  isDemo: boolean;
};

export const progressKeys = {
  all: ['plans', 'progress'] as const,
  list: (q: Record<string, unknown>) => ['plans', 'progress', 'list', q] as const,
  report: (id: string) => ['plans', 'progress', 'report', id] as const,
  queue: ['plans', 'progress', 'queue'] as const,
  workplans: ['plans', 'progress', 'workplans'] as const,
};

export function evidenceUrl(reportId: string, entryId: string, evidenceId: string): string {
  return `/api/plans/progress/${reportId}/entries/${entryId}/evidence/${evidenceId}`;
}

export const progressApi = {
  list: (q: { country?: string; year?: number; status?: ProgressReportStatus } = {}) =>
    api.get<ProgressReportSummary[]>('/api/plans/progress', q),
  queue: () => api.get<ProgressReportSummary[]>('/api/plans/review-queue'),
  get: (id: string) => api.get<ProgressReportView>(`/api/plans/progress/${id}`),
  create: (input: { workplanId: string; period: string }) =>
    api.post<ProgressReportView>('/api/plans/progress', input),
  saveEntry: (reportId: string, entryId: string, patch: ProgressEntryPatch) =>
    api.put<ProgressEntryView>(`/api/plans/progress/${reportId}/entries/${entryId}`, patch),
  transition: (
    id: string,
    transition: ProgressTransition,
    body: { version: number; comment?: string; reason?: string },
  ) => api.post<ProgressReportView>(`/api/plans/progress/${id}/${transition}`, body),
  comment: (id: string, body: { body: string; entryId?: string | null }) =>
    api.post<ProgressCommentView>(`/api/plans/progress/${id}/comments`, body),
  addEvidence: (
    reportId: string,
    entryId: string,
    file: { fileName: string; mediaType: string; contentBase64: string },
  ) =>
    api.post<ProgressEvidenceView>(
      `/api/plans/progress/${reportId}/entries/${entryId}/evidence`,
      file,
    ),
  deleteEvidence: (reportId: string, entryId: string, evidenceId: string) =>
    api.delete<void>(evidenceUrl(reportId, entryId, evidenceId)),
  workplans: () => api.get<{ items: WorkplanOption[] }>('/api/plans/workplans'),
};

/** Read a browser File as base64 (no data: prefix). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export const REPORT_STATUS_COLORS: Record<ProgressReportStatus, string> = {
  Draft: 'gray',
  Submitted: 'blue',
  Returned: 'orange',
  Approved: 'green',
};

export const ENTRY_STATUS_COLORS: Record<ProgressEntryStatus, string> = {
  NotStarted: 'gray',
  InProgress: 'yellow',
  Completed: 'green',
  NotApplicable: 'dark',
};

/** A plan period (`2024`, `2024H1`, `2024Q1`) with its year in the user's calendar (Thai BE). */
export function periodLabel(period: string, calendar: 'gregory' | 'buddhist'): string {
  return calendar === 'buddhist'
    ? period.replace(/^(\d{4})/, (y) => String(Number(y) + 543))
    : period;
}
