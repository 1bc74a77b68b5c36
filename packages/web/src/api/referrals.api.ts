import type {
  AppNotification,
  Consent,
  ConsentRecordInput,
  Locale,
  Page,
  Referral,
  ReferralAction,
  ReferralCreateInput,
  ReferralStatus,
  RightsNotification,
  RightsNotificationInput,
  ServiceProvider,
  ServiceProviderInput,
  ServiceProviderUpdateInput,
} from '@ctip/domain';
import { api, withQuery } from './client';

const c = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

/** Consent ledger of a case. */
export const consentsApi = {
  list: (caseId: string) => api.get<Consent[]>(`${c(caseId)}/consents`),
  record: (caseId: string, input: ConsentRecordInput) =>
    api.post<Consent>(`${c(caseId)}/consents`, input),
  withdraw: (caseId: string, consentId: string, reason: string) =>
    api.post<{ consent: Consent; revokedReferralIds: string[] }>(
      `${c(caseId)}/consents/${encodeURIComponent(consentId)}/withdraw`,
      { reason },
    ),
};

/** Rights notifications of a case. */
export const rightsApi = {
  list: (caseId: string) => api.get<RightsNotification[]>(`${c(caseId)}/rights-notifications`),
  record: (caseId: string, input: RightsNotificationInput) =>
    api.post<RightsNotification>(`${c(caseId)}/rights-notifications`, input),
  /** URL of the printed form (opened in a new tab: the session cookie goes along). */
  printUrl: (caseId: string, id: string, lang: Locale, format: 'pdf' | 'html' = 'pdf') =>
    withQuery(`${c(caseId)}/rights-notifications/${encodeURIComponent(id)}/pdf`, { lang, format }),
};

export type ReferralBox = 'incoming' | 'outgoing';

/** Referrals: per case, the inbox, and the state machine. */
export const referralsApi = {
  ofCase: (caseId: string) => api.get<Referral[]>(`${c(caseId)}/referrals`),
  create: (caseId: string, input: ReferralCreateInput) =>
    api.post<Referral>(`${c(caseId)}/referrals`, input),
  inbox: (params: {
    box: ReferralBox;
    status?: ReferralStatus;
    overdue?: boolean;
    page?: number;
  }) => api.get<Page<Referral>>('/api/referrals', params),
  overdue: () => api.get<Referral[]>('/api/referrals/overdue'),
  assignees: (agencyId: string) =>
    api.get<{ id: string; displayName: string }[]>('/api/referrals/assignees', { agencyId }),
  act: (id: string, action: ReferralAction, body: Record<string, string> = {}) =>
    api.post<Referral>(`/api/referrals/${encodeURIComponent(id)}/${action}`, body),
};

/** The service-provider directory. */
export const providersApi = {
  list: (params: { country?: string; service?: string; language?: string; q?: string }) =>
    api.get<ServiceProvider[]>('/api/service-providers', params),
  create: (input: ServiceProviderInput) =>
    api.post<ServiceProvider>('/api/service-providers', input),
  update: (id: string, input: ServiceProviderUpdateInput) =>
    api.patch<ServiceProvider>(`/api/service-providers/${encodeURIComponent(id)}`, input),
};

/** The caller's notifications. */
export const notificationsApi = {
  list: (unread?: boolean) =>
    api.get<{ items: AppNotification[]; unread: number }>('/api/notifications', { unread }),
  markRead: (id: string) => api.post<void>(`/api/notifications/${encodeURIComponent(id)}/read`),
};
