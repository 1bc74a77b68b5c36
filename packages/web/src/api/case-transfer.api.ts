import type { ConsentPurpose } from '@ctip/domain';
import { ApiError, api, apiRequest, parseApiError, withQuery } from './client';

/** File formats of case import and export. */
export type CaseFileFormat = 'csv' | 'xlsx';

/** One problem of an import: file row (the header is row 1), column and message; never a value. */
export type ImportRowError = { row: number; column: string; message: string };

/** An import job as GET /api/cases/import/:id answers (mirrors the services' ImportJob). */
export type ImportJob = {
  id: string;
  format: CaseFileFormat;
  status: 'queued' | 'validating' | 'inserting' | 'done' | 'failed';
  total: number;
  processed: number;
  inserted: number;
  errorCount: number;
  errors: ImportRowError[];
  failure: string | null;
  createdAt: string;
  finishedAt: string | null;
};

/** What an export downloads and what it reported. */
export type CaseExportFile = {
  blob: Blob;
  fileName: string;
  exported: number;
  leftOut: number;
};

export type CaseExportQuery = {
  format: CaseFileFormat;
  includePersonal: boolean;
  purpose?: ConsentPurpose;
};

/** Read a file as base64 (the JSON upload form: no multipart on the server). */
async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const step = 0x8000;
  for (let i = 0; i < bytes.length; i += step) {
    binary += String.fromCharCode(...bytes.subarray(i, i + step));
  }
  return btoa(binary);
}

/** The format of a chosen file, by its name, or null when neither CSV nor XLSX. */
export function caseFileFormatOf(name: string): CaseFileFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) {
    return 'csv';
  }
  return lower.endsWith('.xlsx') ? 'xlsx' : null;
}

/** The case import and export endpoints (server routes/cases/case-transfer.routes.ts). */
export const caseTransferApi = {
  startImport: async (file: Blob, format: CaseFileFormat) =>
    apiRequest<ImportJob>('POST', '/api/cases/import', {
      format,
      contentBase64: await fileToBase64(file),
    }),
  job: (id: string) => api.get<ImportJob>(`/api/cases/import/${id}`),
  /**
   * Download an export (a plain GET with the session cookie).
   * @throws ApiError as the other calls do
   */
  export: async (query: CaseExportQuery): Promise<CaseExportFile> => {
    const path = withQuery('/api/cases/export', {
      format: query.format,
      includePersonal: query.includePersonal ? 'true' : 'false',
      purpose: query.includePersonal ? query.purpose : undefined,
    });
    let res: Response;
    try {
      res = await fetch(path, { credentials: 'same-origin' });
    } catch (cause) {
      throw new ApiError(0, 'NETWORK_ERROR', cause instanceof Error ? cause.message : 'network');
    }
    if (!res.ok) {
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        body = undefined;
      }
      throw parseApiError(res.status, body);
    }
    const disposition = res.headers.get('content-disposition') ?? '';
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `cases.${query.format}`;
    return {
      blob: await res.blob(),
      fileName,
      exported: Number(res.headers.get('x-ctip-exported') ?? 0),
      leftOut: Number(res.headers.get('x-ctip-left-out') ?? 0),
    };
  },
};
