import type {
  Agreement,
  BorderPoint,
  Page,
  XbAcceptInput,
  XbCaseDetail,
  XbCaseListItem,
  XbCaseStatus,
  XbCloseInput,
  XbOutcomeInput,
  XbReferralCreateInput,
  XbRejectInput,
  XbStepUpdateInput,
} from '@ctip/domain';
import { api } from '../../../api/client';

const x = (id: string) => `/api/cross-border/cases/${encodeURIComponent(id)}`;
const c = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/cross-border`;

export type XbListParams = {
  direction?: 'outgoing' | 'incoming';
  status?: XbCaseStatus;
  country?: string;
  overdue?: 'true' | 'false';
  page?: number;
  pageSize?: number;
};

/** Cross-border shared cases: lists, the shared timeline and the actions of each side. */
export const xbApi = {
  list: (params: XbListParams) => api.get<Page<XbCaseListItem>>('/api/cross-border/cases', params),
  get: (id: string) => api.get<XbCaseDetail>(x(id)),
  ofCase: (caseId: string) => api.get<XbCaseListItem[]>(c(caseId)),
  refer: (caseId: string, input: XbReferralCreateInput) => api.post<XbCaseDetail>(c(caseId), input),
  accept: (id: string, input: XbAcceptInput = {}) =>
    api.post<XbCaseDetail>(`${x(id)}/accept`, input),
  reject: (id: string, input: XbRejectInput) => api.post<XbCaseDetail>(`${x(id)}/reject`, input),
  updateStep: (id: string, step: string, input: XbStepUpdateInput) =>
    api.patch<XbCaseDetail>(`${x(id)}/steps/${encodeURIComponent(step)}`, input),
  outcome: (id: string, input: XbOutcomeInput) =>
    api.post<XbCaseDetail>(`${x(id)}/outcomes`, input),
  close: (id: string, input: XbCloseInput = {}) => api.post<XbCaseDetail>(`${x(id)}/close`, input),
  agreements: (country: string) =>
    api.get<Page<Agreement>>('/api/agreements', { country, withPolicy: 'true', pageSize: 100 }),
  borderPoints: (country: string) => api.get<BorderPoint[]>('/api/border-points', { country }),
};

/** Query keys of this area (invalidate `['xb']` after any change). */
export const xbKeys = {
  all: ['xb'] as const,
  list: (p: XbListParams) => ['xb', 'list', p] as const,
  one: (id: string) => ['xb', 'case', id] as const,
  ofCase: (caseId: string) => ['xb', 'of-case', caseId] as const,
};
