import type {
  Agreement,
  AgreementDetail,
  AgreementInput,
  AgreementRevisionInput,
  AgreementUpdateInput,
  BorderPoint,
  Page,
  SharingPolicy,
  SharingPolicyVersion,
} from '@ctip/domain';
import { api } from '../../../api/client';

const a = (id: string) => `/api/agreements/${encodeURIComponent(id)}`;

export type AgreementListParams = {
  page?: number;
  pageSize?: number;
  q?: string;
  country?: string;
  type?: string;
  subject?: string;
  withPolicy?: 'true' | 'false';
};

/** Agreements as policy: instruments, revisions, sharing-policy versions, border points. */
export const agreementsApi = {
  list: (params: AgreementListParams) => api.get<Page<Agreement>>('/api/agreements', params),
  get: (id: string) => api.get<AgreementDetail>(a(id)),
  create: (input: AgreementInput) => api.post<AgreementDetail>('/api/agreements', input),
  update: (id: string, input: AgreementUpdateInput) => api.patch<AgreementDetail>(a(id), input),
  addRevision: (id: string, input: AgreementRevisionInput) =>
    api.post<AgreementDetail>(`${a(id)}/revisions`, input),
  policies: (id: string) => api.get<SharingPolicyVersion[]>(`${a(id)}/policies`),
  createDraft: (id: string, policy: SharingPolicy) =>
    api.post<SharingPolicyVersion>(`${a(id)}/policies`, { policy }),
  activate: (id: string, version: number) =>
    api.post<SharingPolicyVersion[]>(`${a(id)}/policies/${version}/activate`),
  borderPoints: (params: { country?: string; mechanism?: string } = {}) =>
    api.get<BorderPoint[]>('/api/border-points', params),
};
