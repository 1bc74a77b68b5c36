import type {
  CountryIndicatorInput,
  CountryIndicatorView,
  IndicatorDashboard,
  IndicatorYearsInput,
} from '@ctip/domain';
import { api, withQuery } from '../../../api/client';

const sel = (id: string, country: string) =>
  `/api/plans/indicators/${encodeURIComponent(id)}/countries/${encodeURIComponent(country)}`;

/** Client of the indicators area (`/api/plans/indicators…`, `/api/plans/indicator-dashboard`). */
export const indicatorsApi = {
  dashboard: (query: { country?: string; framework?: string }): Promise<IndicatorDashboard> =>
    api.get(withQuery('/api/plans/indicator-dashboard', query)),
  select: (
    id: string,
    country: string,
    input: CountryIndicatorInput,
  ): Promise<CountryIndicatorView> => api.put(sel(id, country), input),
  saveYears: (
    id: string,
    country: string,
    input: IndicatorYearsInput,
  ): Promise<CountryIndicatorView> => api.put(`${sel(id, country)}/years`, input),
  remove: (id: string, country: string, version: number): Promise<void> =>
    api.delete(withQuery(sel(id, country), { version })),
};
