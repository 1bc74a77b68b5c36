import type {
  HotlineCallCreateInput,
  HotlineCallDetail,
  HotlineCallListQuery,
  HotlineCallSummary,
  HotlineCallUpdateInput,
  HotlineReferInput,
  HotlineStats,
  HotlineStatsQuery,
  Page,
} from '@ctip/domain';
import { api } from './client';

/** The hotline call log and its statistics (`/api/hotline/…`). */
export const hotlineApi = {
  create: (input: HotlineCallCreateInput): Promise<HotlineCallDetail> =>
    api.post('/api/hotline/calls', input),
  list: (query: HotlineCallListQuery): Promise<Page<HotlineCallSummary>> =>
    api.get('/api/hotline/calls', query),
  /** An audited read: opens the summary and caller contact. */
  get: (id: string): Promise<HotlineCallDetail> =>
    api.get(`/api/hotline/calls/${encodeURIComponent(id)}`),
  update: (id: string, input: HotlineCallUpdateInput): Promise<HotlineCallDetail> =>
    api.patch(`/api/hotline/calls/${encodeURIComponent(id)}`, input),
  refer: (id: string, input: HotlineReferInput): Promise<HotlineCallSummary> =>
    api.post(`/api/hotline/calls/${encodeURIComponent(id)}/refer`, input),
  stats: (query: HotlineStatsQuery): Promise<HotlineStats> => api.get('/api/hotline/stats', query),
};
