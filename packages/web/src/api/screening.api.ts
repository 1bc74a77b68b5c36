import type {
  Page,
  ScreeningCreateInput,
  ScreeningDetail,
  ScreeningListQuery,
  ScreeningSummary,
} from '@ctip/domain';
import { api } from './client';

/** First-responder screenings (`/api/screenings`). */
export const screeningApi = {
  create: (input: ScreeningCreateInput): Promise<ScreeningDetail> =>
    api.post('/api/screenings', input),
  list: (query: ScreeningListQuery): Promise<Page<ScreeningSummary>> =>
    api.get('/api/screenings', query),
  /** An audited read: opens the name and notes. */
  get: (id: string): Promise<ScreeningDetail> =>
    api.get(`/api/screenings/${encodeURIComponent(id)}`),
};
