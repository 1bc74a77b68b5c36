import type {
  FollowUpRecordInput,
  FollowUpReport,
  FundPaymentInput,
  ReintegrationInput,
  ServiceFeedbackInput,
  ShelterStayInput,
  SupportPlanInput,
  SupportServiceInput,
  Task,
} from '@ctip/domain';
import { api } from './client';

export type SupportPlan = {
  id: string;
  goals: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
};
export type SupportService = {
  id: string;
  planId: string | null;
  type: string;
  providerId: string | null;
  providerName: string | null;
  status: string;
  startDate: string | null;
  endDate: string | null;
  notes: string | null;
  createdAt: string;
};
export type ShelterPhaseNow = {
  key: string;
  phase: string;
  services: string[];
  monthsElapsed: number;
  endsOn: string;
  isPastLastPhase: boolean;
};
export type ShelterStay = {
  id: string;
  providerId: string | null;
  providerName: string | null;
  admittedOn: string;
  dischargedOn: string | null;
  isVoluntary: boolean;
  worksOutside: boolean;
  currentPhase: ShelterPhaseNow | null;
};
export type FundPayment = {
  id: string;
  ruleId: string;
  ruleKey: string;
  entitlement: string;
  amount: number;
  currency: string;
  days: number | null;
  paidOn: string;
  approvedByText: string | null;
  createdAt: string;
};
export type CountryRule = {
  id: string;
  countryCode: string;
  kind: 'fund_entitlement' | 'deadline_step' | 'shelter_phase';
  key: string;
  sortOrder: number;
  config: Record<string, unknown>;
  source: string | null;
};
export type FollowUp = {
  id: string;
  monthsAfter: number | null;
  scheduledOn: string;
  doneOn: string | null;
  method: string | null;
  wellbeing: string | null;
  outcome: string | null;
  isRetrafficked: boolean;
  becameBroker: boolean;
  isOverdue: boolean;
};
export type CaseFollowUps = {
  reintegratedOn: string | null;
  status: string;
  isRetrafficked: boolean;
  becameBroker: boolean;
  followUps: FollowUp[];
};
export type ServiceFeedback = {
  id: string;
  followUpId: string | null;
  serviceType: string | null;
  providerId: string | null;
  providerName: string | null;
  satisfaction: number;
  comment: string | null;
  givenOn: string;
};
export type ServiceProviderOption = { id: string; name: string };

const c = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

/** Protection and services, tasks, follow-ups (see protection.routes.ts). */
export const protectionApi = {
  services: (caseId: string) =>
    api.get<{ plans: SupportPlan[]; services: SupportService[] }>(`${c(caseId)}/support-plans`),
  createPlan: (caseId: string, input: SupportPlanInput) =>
    api.post<{ id: string }>(`${c(caseId)}/support-plans`, input),
  updatePlan: (caseId: string, planId: string, input: SupportPlanInput) =>
    api.put<{ id: string }>(`${c(caseId)}/support-plans/${encodeURIComponent(planId)}`, input),
  addService: (caseId: string, input: SupportServiceInput) =>
    api.post<SupportService>(`${c(caseId)}/services`, input),
  updateService: (caseId: string, id: string, input: { status?: string; endDate?: string }) =>
    api.patch<{ id: string }>(`${c(caseId)}/services/${encodeURIComponent(id)}`, input),
  shelterStays: (caseId: string) => api.get<ShelterStay[]>(`${c(caseId)}/shelter-stays`),
  addShelterStay: (caseId: string, input: ShelterStayInput) =>
    api.post<{ id: string; taskIds: string[] }>(`${c(caseId)}/shelter-stays`, input),
  dischargeStay: (caseId: string, id: string, dischargedOn: string) =>
    api.patch<{ id: string }>(`${c(caseId)}/shelter-stays/${encodeURIComponent(id)}`, {
      dischargedOn,
    }),
  fundPayments: (caseId: string) => api.get<FundPayment[]>(`${c(caseId)}/fund-payments`),
  addFundPayment: (caseId: string, input: FundPaymentInput) =>
    api.post<FundPayment>(`${c(caseId)}/fund-payments`, input),
  countryRules: (country?: string) => api.get<CountryRule[]>('/api/country-rules', { country }),
  followUps: (caseId: string) => api.get<CaseFollowUps>(`${c(caseId)}/follow-ups`),
  reintegrate: (caseId: string, input: ReintegrationInput) =>
    api.post<{ reintegratedOn: string }>(`${c(caseId)}/reintegration`, input),
  scheduleFollowUp: (caseId: string, scheduledOn: string) =>
    api.post<{ scheduledOn: string }>(`${c(caseId)}/follow-ups`, { scheduledOn }),
  recordFollowUp: (id: string, input: FollowUpRecordInput) =>
    api.post<{ id: string }>(`/api/follow-ups/${encodeURIComponent(id)}`, input),
  feedback: (caseId: string) => api.get<ServiceFeedback[]>(`${c(caseId)}/feedback`),
  addFeedback: (caseId: string, input: ServiceFeedbackInput) =>
    api.post<{ id: string }>(`${c(caseId)}/feedback`, input),
  tasks: (scope: 'mine' | 'agency', status: 'open' | 'done') =>
    api.get<Task[]>('/api/tasks', { scope, status }),
  completeTask: (id: string, done = true) =>
    api.post<{ id: string; doneAt: string | null }>(
      `/api/tasks/${encodeURIComponent(id)}/complete`,
      {
        done,
      },
    ),
  followUpReport: (from?: string, to?: string) =>
    api.get<FollowUpReport>('/api/reports/follow-up', { from, to }),
  /** Providers for the pickers; an empty list when the providers endpoint is not there yet. */
  providers: async (): Promise<ServiceProviderOption[]> => {
    try {
      const res = await api.get<{ items?: ServiceProviderOption[] } | ServiceProviderOption[]>(
        '/api/service-providers',
      );
      return Array.isArray(res) ? res : (res.items ?? []);
    } catch {
      return [];
    }
  },
};
