import type {
  BudgetInput,
  BudgetTotals,
  BudgetView,
  TrainingInput,
  TrainingTotals,
  TrainingView,
} from '@ctip/domain';
import { api } from '../../../api/client';

export type BudgetFilters = { country?: string; year?: number; framework?: string };
export type TrainingFilters = BudgetFilters & { target?: string };

/** An area of a framework (for the area picker), read from the framework tree. */
export type PlanArea = { id: string; code: string; title: string | null };

const enc = encodeURIComponent;

/** Budget allocations and training events (plans, budgets area). */
export const budgetsApi = {
  list: (filters: BudgetFilters) =>
    api.get<{ items: BudgetView[]; totals: BudgetTotals }>('/api/plans/budgets', filters),
  create: (input: BudgetInput) => api.post<BudgetView>('/api/plans/budgets', input),
  update: (id: string, input: BudgetInput & { version: number }) =>
    api.put<BudgetView>(`/api/plans/budgets/${enc(id)}`, input),
  remove: (id: string) => api.delete<void>(`/api/plans/budgets/${enc(id)}`),
  trainings: (filters: TrainingFilters) =>
    api.get<{ items: TrainingView[]; totals: TrainingTotals }>('/api/plans/trainings', filters),
  createTraining: (input: TrainingInput) => api.post<TrainingView>('/api/plans/trainings', input),
  updateTraining: (id: string, input: TrainingInput & { version: number }) =>
    api.put<TrainingView>(`/api/plans/trainings/${enc(id)}`, input),
  removeTraining: (id: string) => api.delete<void>(`/api/plans/trainings/${enc(id)}`),
};

/** A number in the user's language (no decimals unless asked). */
export function formatNumber(lng: string, value: number | null, digits = 0): string {
  if (value === null) {
    return '—';
  }
  return new Intl.NumberFormat(lng, { maximumFractionDigits: digits }).format(value);
}
