import type {
  ComparisonRow,
  RegionalOverview,
  StatDimension,
  StatQuery,
  StatTable,
} from '@ctip/domain';
import { ApiError, api, parseApiError, withQuery } from './client';

/** Query of the regional overview (OverviewQuerySchema). */
export type OverviewParams = {
  source: 'national' | 'regional';
  periodFrom?: string;
  periodTo?: string;
  internal?: boolean;
};

/** Query of the official-vs-case-derived comparison. */
export type ComparisonParams = {
  country: string;
  dataElement: string;
  periodFrom?: string;
  periodTo?: string;
  /** '' or absent: totals only. */
  dimension?: StatDimension | '';
};

/** A file answered by the server (an export of a table). */
export type DownloadedFile = { blob: Blob; fileName: string };

/** The StatQuery as sent: defaults filled, so the server sees the same query the screen shows. */
export function statQueryBody(query: Partial<StatQuery>): StatQuery {
  return {
    source: query.source ?? 'national',
    ...(query.dataElement ? { dataElement: query.dataElement } : {}),
    ...(query.indicator ? { indicator: query.indicator } : {}),
    rows: query.rows ?? [],
    columns: query.columns ?? [],
    filters: query.filters ?? {},
    periodType: query.periodType ?? 'Yearly',
    ...(query.periodFrom ? { periodFrom: query.periodFrom } : {}),
    ...(query.periodTo ? { periodTo: query.periodTo } : {}),
    internal: query.internal ?? false,
  };
}

/** Tables, the dashboard overview and the comparison with case-derived counts (`/api/statistics/…`). */
export const statisticsAnalyticsApi = {
  query: (query: Partial<StatQuery>): Promise<StatTable> =>
    api.post('/api/statistics/query', statQueryBody(query)),
  overview: (params: OverviewParams): Promise<RegionalOverview> =>
    api.get('/api/statistics/overview', {
      source: params.source,
      periodFrom: params.periodFrom,
      periodTo: params.periodTo,
      internal: params.internal ? 'true' : undefined,
    }),
  comparison: (params: ComparisonParams): Promise<{ rows: ComparisonRow[] }> =>
    api.get('/api/statistics/comparison', {
      country: params.country,
      dataElement: params.dataElement,
      periodFrom: params.periodFrom,
      periodTo: params.periodTo,
      dimension: params.dimension || undefined,
    }),
  /**
   * The table of a query as a file (`?format=csv|xlsx`), disclosure-controlled as shown.
   * @param csrfToken - The session's token (an unsafe method needs it).
   * @throws ApiError as the other calls do
   */
  download: async (
    query: Partial<StatQuery>,
    format: 'csv' | 'xlsx',
    csrfToken: string | null,
  ): Promise<DownloadedFile> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (csrfToken) {
      headers['X-CSRF-Token'] = csrfToken;
    }
    let res: Response;
    try {
      res = await fetch(withQuery('/api/statistics/query', { format }), {
        method: 'POST',
        headers,
        credentials: 'same-origin',
        body: JSON.stringify(statQueryBody(query)),
      });
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
    const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `statistics.${format}`;
    return { blob: await res.blob(), fileName };
  },
};
