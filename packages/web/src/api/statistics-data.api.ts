import type {
  ColumnMapping,
  DataElementInput,
  DataElementUpdateInput,
  DataEntryForm,
  ImportFormat,
  ImportJobView,
  ImportPreview,
  ImportStartRequest,
  ImportUpload,
  IndicatorInput,
  IndicatorUpdateInput,
  SavedMappingView,
  StatApprovalView,
  StatDataElementView,
  StatDataSetView,
  StatIndicatorView,
  StatRuleView,
  StatSettingsInput,
  StatSettingsView,
  StatSourceView,
  StatValueInput,
  StatViolationView,
} from '@ctip/domain';
import { api } from './client';

/**
 * The statistics data screens' endpoints (entry, import, validation, approvals, definitions):
 * server routes/statistics/core.routes.ts (H2) and exchange.routes.ts (H4), all under /api.
 */

/** The definitions' views and inputs are the domain's (statistics/api.ts). */
export type StatElementView = StatDataElementView;
export type StatElementInput = DataElementInput;
export type {
  StatDataSetView,
  StatIndicatorView,
  StatRuleView,
  StatSettingsView,
  StatSourceView,
} from '@ctip/domain';

export type EntrySaveInput = {
  dataSet: string;
  country: string;
  period: string;
  values: Omit<StatValueInput, 'province'>[];
};

export type ViolationListParams = {
  status?: 'Open' | 'Resolved' | 'Annotated' | 'any';
  country?: string;
  dataElement?: string;
  period?: string;
  limit?: number;
  offset?: number;
};

export type ApprovalKey = { dataSet: string; country: string; period: string };

/** Lists come as `{ items }`; a bare array is accepted too. */
function itemsOf<T>(body: { items: T[] } | T[] | null | undefined): T[] {
  if (Array.isArray(body)) {
    return body;
  }
  return body?.items ?? [];
}

/** Read a file as base64 (uploads are JSON, as the case import's: no multipart on the server). */
async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary);
}

/** The upload body of ImportUploadSchema: file name, format, sheet and the content. */
async function uploadBody(file: File, options: UploadOptions): Promise<ImportUpload> {
  return {
    fileName: file.name,
    ...(options.format ? { format: options.format } : {}),
    ...(options.sheet ? { sheet: options.sheet } : {}),
    contentBase64: await fileToBase64(file),
  };
}

/** The import format of a file by its name, or null when it is none of CSV, XLSX, ADX (XML). */
export function importFormatOf(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
    return 'csv';
  }
  if (lower.endsWith('.xlsx')) {
    return 'xlsx';
  }
  return lower.endsWith('.xml') || lower.endsWith('.adx') ? 'adx' : null;
}

export type UploadOptions = {
  format?: ImportFormat;
  sheet?: string | null;
};

export const statisticsDataApi = {
  // --- definitions ---------------------------------------------------------------------------
  elements: async () =>
    itemsOf(await api.get<{ items: StatElementView[] }>('/api/statistics/elements')),
  createElement: (input: StatElementInput) =>
    api.post<StatElementView>('/api/statistics/elements', input),
  updateElement: (code: string, input: DataElementUpdateInput) =>
    api.put<StatElementView>(`/api/statistics/elements/${encodeURIComponent(code)}`, input),
  dataSets: async () =>
    itemsOf(await api.get<{ items: StatDataSetView[] }>('/api/statistics/data-sets')),
  indicators: async () =>
    itemsOf(await api.get<{ items: StatIndicatorView[] }>('/api/statistics/indicators')),
  createIndicator: (input: IndicatorInput) =>
    api.post<StatIndicatorView>('/api/statistics/indicators', input),
  updateIndicator: (code: string, input: IndicatorUpdateInput) =>
    api.put<StatIndicatorView>(`/api/statistics/indicators/${encodeURIComponent(code)}`, input),
  rules: async () => itemsOf(await api.get<{ items: StatRuleView[] }>('/api/statistics/rules')),
  setRuleEnabled: (code: string, isEnabled: boolean) =>
    api.put<StatRuleView>(`/api/statistics/rules/${encodeURIComponent(code)}`, { isEnabled }),
  sources: async () =>
    itemsOf(await api.get<{ items: StatSourceView[] }>('/api/statistics/sources')),
  settings: () => api.get<StatSettingsView>('/api/statistics/settings'),
  saveSettings: (input: StatSettingsInput) =>
    api.put<StatSettingsView>('/api/statistics/settings', input),

  // --- entry ---------------------------------------------------------------------------------
  entryForm: (q: ApprovalKey) => api.get<DataEntryForm>('/api/statistics/entry', q),
  saveEntry: (input: EntrySaveInput) => api.put<DataEntryForm>('/api/statistics/entry', input),

  // --- validation ----------------------------------------------------------------------------
  violations: (q: ViolationListParams) =>
    api.get<{ items: StatViolationView[]; total: number }>('/api/statistics/violations', q),
  annotate: (id: string, annotation: string) =>
    api.post<StatViolationView>(`/api/statistics/violations/${encodeURIComponent(id)}/annotate`, {
      annotation,
    }),

  // --- approvals -----------------------------------------------------------------------------
  approvals: async (q: { country?: string; dataSet?: string; period?: string }) =>
    itemsOf(await api.get<{ items: StatApprovalView[] }>('/api/statistics/approvals', q)),
  approve: ({ dataSet, country, period }: ApprovalKey) =>
    api.post<StatApprovalView>('/api/statistics/approvals/approve', { dataSet, country, period }),
  unapprove: ({ dataSet, country, period, reason }: ApprovalKey & { reason: string }) =>
    api.post<StatApprovalView>('/api/statistics/approvals/unapprove', {
      dataSet,
      country,
      period,
      reason,
    }),

  // --- import --------------------------------------------------------------------------------
  previewImport: async (file: File, options: UploadOptions) =>
    api.post<ImportPreview>('/api/statistics/imports/preview', await uploadBody(file, options)),
  startImport: async (
    file: File,
    options: UploadOptions & { mapping: ColumnMapping; source?: string | null },
  ) => {
    const body: ImportStartRequest = {
      ...(await uploadBody(file, options)),
      mapping: options.mapping,
      ...(options.source ? { source: options.source } : {}),
    };
    return api.post<ImportJobView>('/api/statistics/imports', body);
  },
  importJob: (id: string) =>
    api.get<ImportJobView>(`/api/statistics/imports/${encodeURIComponent(id)}`),
  mappings: async () =>
    itemsOf(await api.get<{ items: SavedMappingView[] }>('/api/statistics/mappings')),
  createMapping: (name: string, mapping: ColumnMapping) =>
    api.post<SavedMappingView>('/api/statistics/mappings', { name, mapping }),
  updateMapping: (id: string, name: string, mapping: ColumnMapping) =>
    api.put<SavedMappingView>(`/api/statistics/mappings/${encodeURIComponent(id)}`, {
      name,
      mapping,
    }),
  deleteMapping: (id: string) =>
    api.delete<void>(`/api/statistics/mappings/${encodeURIComponent(id)}`),
};
