import type {
  ActionItemInput,
  ActionItemUpdateInput,
  AgendaItemInput,
  AgendaItemUpdateInput,
  Meeting,
  MeetingInput,
  MeetingListItem,
  MeetingScheduleItem,
  MeetingStatus,
  MeetingType,
  MeetingUpdateInput,
  Reconciliation,
} from '@ctip/domain';
import { api, withQuery } from '../../../api/client';

const m = (id: string) => `/api/meetings/${encodeURIComponent(id)}`;

export type MeetingFilters = {
  country?: string;
  type?: MeetingType;
  status?: MeetingStatus;
  from?: string;
  to?: string;
};

/** Case-management meetings: list, schedule, one meeting and its parts. */
export const meetingsApi = {
  list: (filters: MeetingFilters) => api.get<MeetingListItem[]>('/api/meetings', filters),
  schedule: () => api.get<MeetingScheduleItem[]>('/api/meetings/schedule'),
  get: (id: string) => api.get<Meeting>(m(id)),
  create: (input: MeetingInput) => api.post<Meeting>('/api/meetings', input),
  update: (id: string, input: MeetingUpdateInput) => api.patch<Meeting>(m(id), input),
  remove: (id: string) => api.delete<void>(m(id)),
  addAgenda: (id: string, input: AgendaItemInput) => api.post<Meeting>(`${m(id)}/agenda`, input),
  updateAgenda: (id: string, itemId: string, input: AgendaItemUpdateInput) =>
    api.patch<Meeting>(`${m(id)}/agenda/${encodeURIComponent(itemId)}`, input),
  removeAgenda: (id: string, itemId: string) =>
    api.delete<Meeting>(`${m(id)}/agenda/${encodeURIComponent(itemId)}`),
  addDecision: (id: string, text: string) => api.post<Meeting>(`${m(id)}/decisions`, { text }),
  removeDecision: (id: string, decisionId: string) =>
    api.delete<Meeting>(`${m(id)}/decisions/${encodeURIComponent(decisionId)}`),
  addAction: (id: string, input: ActionItemInput) => api.post<Meeting>(`${m(id)}/actions`, input),
  updateAction: (id: string, actionId: string, input: ActionItemUpdateInput) =>
    api.patch<Meeting>(`${m(id)}/actions/${encodeURIComponent(actionId)}`, input),
};

export type ReconciliationParams = { from: string; to: string; period: string };

/** Returns sent against received for a pair and period, and its CSV download. */
export const reconciliationApi = {
  get: (p: ReconciliationParams) => api.get<Reconciliation>('/api/cross-border/reconciliation', p),
  csvUrl: (p: ReconciliationParams) =>
    withQuery('/api/cross-border/reconciliation', { ...p, format: 'csv' }),
};
