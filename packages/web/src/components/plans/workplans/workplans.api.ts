import type {
  NationalPlanInput,
  NationalPlanUpdateInput,
  NationalPlanView,
  WorkplanActivityInput,
  WorkplanActivityUpdateInput,
  WorkplanCopyInput,
  WorkplanCreateInput,
  WorkplanSummary,
  WorkplanUpdateInput,
  WorkplanView,
} from '@ctip/domain';
import { api, withQuery } from '../../../api/client';

/** A framework a workplan can be started under, with the years it covers. */
export type WorkplanFrameworkOption = {
  id: string;
  title: string;
  shortTitle: string | null;
  first: number;
  last: number;
};

const wp = (id: string) => `/api/plans/workplans/${encodeURIComponent(id)}`;

/** Client of the workplans area (`/api/plans/national-plans`, `/api/plans/workplans…`). */
export const workplansApi = {
  nationalPlans: (country?: string): Promise<NationalPlanView[]> =>
    api.get(withQuery('/api/plans/national-plans', { country })),
  createNationalPlan: (input: NationalPlanInput): Promise<NationalPlanView> =>
    api.post('/api/plans/national-plans', input),
  updateNationalPlan: (id: string, input: NationalPlanUpdateInput): Promise<NationalPlanView> =>
    api.put(`/api/plans/national-plans/${encodeURIComponent(id)}`, input),
  list: (query: {
    country?: string;
    framework?: string;
    year?: number;
  }): Promise<{ items: WorkplanSummary[]; frameworks: WorkplanFrameworkOption[] }> =>
    api.get(withQuery('/api/plans/workplans', query)),
  create: (input: WorkplanCreateInput): Promise<WorkplanView> =>
    api.post('/api/plans/workplans', input),
  get: (id: string): Promise<WorkplanView> => api.get(wp(id)),
  update: (id: string, input: WorkplanUpdateInput): Promise<WorkplanView> => api.put(wp(id), input),
  copy: (id: string, input: WorkplanCopyInput): Promise<WorkplanView> =>
    api.post(`${wp(id)}/copy`, input),
  addActivity: (id: string, input: WorkplanActivityInput): Promise<WorkplanView> =>
    api.post(`${wp(id)}/activities`, input),
  updateActivity: (
    id: string,
    activityId: string,
    input: WorkplanActivityUpdateInput,
  ): Promise<WorkplanView> =>
    api.put(`${wp(id)}/activities/${encodeURIComponent(activityId)}`, input),
  removeActivity: (id: string, activityId: string): Promise<WorkplanView> =>
    api.delete(`${wp(id)}/activities/${encodeURIComponent(activityId)}`),
};
