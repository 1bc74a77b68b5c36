import type { ReportKind, ReportOptionsView, ReportRunView, ReportView } from '@ctip/domain';
import { api } from '../../../api/client';

const base = '/api/plans/reports';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** The fields of the report builder. */
export type ReportDraft = {
  frameworkId: string;
  kind: ReportKind;
  year: number | null;
  secondLanguage: string | null;
  countries: string[];
  title?: string;
  introduction: string | null;
  conclusion: string | null;
};

export const reportKeys = {
  list: ['plans', 'reports'] as const,
  options: ['plans', 'reports', 'options'] as const,
  one: (id: string) => ['plans', 'reports', id] as const,
  runs: (id: string) => ['plans', 'reports', id, 'runs'] as const,
  run: (id: string, runId: string) => ['plans', 'reports', id, 'runs', runId] as const,
};

/** Monitoring reports: list, builder, edit, runs with progress, outputs, finalise and reopen. */
export const reportApi = {
  list: () => api.get<ReportView[]>(base),
  options: () => api.get<ReportOptionsView>(`${base}/options`),
  get: (id: string) => api.get<ReportView>(one(id)),
  create: (input: ReportDraft) => api.post<ReportView>(base, input),
  update: (
    id: string,
    input: Partial<Omit<ReportDraft, 'frameworkId' | 'kind'>> & { version: number },
  ) => api.put<ReportView>(one(id), input),
  runs: (id: string) => api.get<ReportRunView[]>(`${one(id)}/runs`),
  run: (id: string, runId: string) =>
    api.get<ReportRunView>(`${one(id)}/runs/${encodeURIComponent(runId)}`),
  start: (id: string) => api.post<ReportRunView>(`${one(id)}/runs`),
  finalise: (id: string, version: number) =>
    api.post<ReportView>(`${one(id)}/finalise`, { version }),
  reopen: (id: string, version: number, reason: string) =>
    api.post<ReportView>(`${one(id)}/reopen`, { version, reason }),
  /** Where the browser fetches a finished run's output (a plain link: the session cookie goes). */
  outputUrl: (id: string, runId: string, output: 'pdf' | 'xlsx' | 'html') =>
    `${one(id)}/runs/${encodeURIComponent(runId)}/${output}`,
};

/** A run still under way (the page polls it). */
export function isRunActive(run: ReportRunView | null | undefined): boolean {
  return run?.status === 'Queued' || run?.status === 'Running';
}
