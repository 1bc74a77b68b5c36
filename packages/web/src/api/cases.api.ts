import type {
  CaseAttachment,
  CaseAttachmentInput,
  CaseCreateInput,
  CaseDetail,
  CaseDuplicate,
  CaseEvent,
  CaseFilters,
  CaseHistoryEntry,
  CaseListItem,
  CaseNote,
  CasePerpetrator,
  CaseUpdateInput,
  Page,
  PerpetratorInput,
  SavedSearch,
  SavedSearchInput,
  TraffickingEventInput,
} from '@ctip/domain';
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from './client';

type Items<T> = { items: T[] };

/** The case endpoints of the cases core (see server routes/cases/cases.routes.ts). */
export const casesApi = {
  /** Filters go in the body: a name must never travel in a URL. */
  list: (query: CaseFilters & { page: number; pageSize: number }) =>
    api.post<Page<CaseListItem>>('/api/cases/search', query),
  get: (id: string) => api.get<CaseDetail>(`/api/cases/${id}`),
  create: (input: CaseCreateInput) => api.post<CaseDetail>('/api/cases', input),
  update: (id: string, input: CaseUpdateInput) => api.patch<CaseDetail>(`/api/cases/${id}`, input),
  events: (id: string) => api.get<Items<CaseEvent>>(`/api/cases/${id}/events`),
  addEvent: (id: string, input: TraffickingEventInput) =>
    api.post<CaseEvent>(`/api/cases/${id}/events`, input),
  deleteEvent: (id: string, eventId: string) =>
    api.delete<void>(`/api/cases/${id}/events/${eventId}`),
  perpetrators: (id: string) => api.get<Items<CasePerpetrator>>(`/api/cases/${id}/perpetrators`),
  addPerpetrator: (id: string, input: PerpetratorInput) =>
    api.post<CasePerpetrator>(`/api/cases/${id}/perpetrators`, input),
  notes: (id: string) => api.get<Items<CaseNote>>(`/api/cases/${id}/notes`),
  addNote: (id: string, body: string) => api.post<CaseNote>(`/api/cases/${id}/notes`, { body }),
  attachments: (id: string) => api.get<Items<CaseAttachment>>(`/api/cases/${id}/attachments`),
  addAttachment: (id: string, input: CaseAttachmentInput) =>
    api.post<CaseAttachment>(`/api/cases/${id}/attachments`, input),
  /** Where the browser downloads an attachment (a plain GET: the session cookie goes along). */
  attachmentUrl: (id: string, attachmentId: string) =>
    `/api/cases/${id}/attachments/${attachmentId}`,
  history: (id: string) => api.get<Items<CaseHistoryEntry>>(`/api/cases/${id}/history`),
  savedSearches: () => api.get<Items<SavedSearch>>('/api/cases/saved-searches'),
  saveSearch: (input: SavedSearchInput) =>
    api.post<SavedSearch>('/api/cases/saved-searches', input),
  deleteSavedSearch: (id: string) => api.delete<void>(`/api/cases/saved-searches/${id}`),
};

/** The likely duplicates a create answered with (409 CONFLICT), or null for any other error. */
export function duplicatesOf(err: unknown): CaseDuplicate[] | null {
  if (!isApiError(err) || err.code !== 'CONFLICT') {
    return null;
  }
  const list = err.details?.duplicates;
  return Array.isArray(list) ? (list as CaseDuplicate[]) : null;
}

/** The query key of one case (the page header and the overview share it). */
export function caseQueryKey(caseId: string): readonly unknown[] {
  return ['cases', 'detail', caseId];
}

/** One case in full (audited as a read on the server). */
export function useCaseQuery(caseId: string) {
  return useQuery({ queryKey: caseQueryKey(caseId), queryFn: () => casesApi.get(caseId) });
}
