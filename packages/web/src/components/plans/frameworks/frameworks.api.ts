import type {
  FrameworkCreateInput,
  FrameworkDiff,
  FrameworkImportInput,
  FrameworkNodeView,
  FrameworkRevisionSummary,
  FrameworkSummary,
  FrameworkTree,
  ImportIssue,
  NodeCreateInput,
  NodeUpdateInput,
} from '@ctip/domain';
import { api, withQuery } from '../../../api/client';

/** The validation report of a framework import (a dry run, or the import itself). */
export type FrameworkImportReport = {
  ok: boolean;
  dryRun: boolean;
  structure: string;
  counts: Record<string, number>;
  issues: ImportIssue[];
  framework: FrameworkTree | null;
};

const fw = (id: string) => `/api/plans/frameworks/${encodeURIComponent(id)}`;

/** Client of the frameworks area (`/api/plans/frameworks…`). */
export const frameworksApi = {
  list: (): Promise<FrameworkSummary[]> => api.get('/api/plans/frameworks'),
  get: (id: string): Promise<FrameworkTree> => api.get(fw(id)),
  create: (input: FrameworkCreateInput): Promise<FrameworkTree> =>
    api.post('/api/plans/frameworks', input),
  import: (input: FrameworkImportInput): Promise<FrameworkImportReport> =>
    api.post('/api/plans/frameworks/import', input),
  addNode: (id: string, input: NodeCreateInput): Promise<FrameworkNodeView> =>
    api.post(`${fw(id)}/nodes`, input),
  updateNode: (id: string, nodeId: string, input: NodeUpdateInput): Promise<FrameworkNodeView> =>
    api.put(`${fw(id)}/nodes/${encodeURIComponent(nodeId)}`, input),
  deleteNode: (id: string, nodeId: string, version: number): Promise<{ deleted: string }> =>
    api.delete(withQuery(`${fw(id)}/nodes/${encodeURIComponent(nodeId)}`, { version })),
  publish: (id: string, input: { version: number; changeNote: string }): Promise<FrameworkTree> =>
    api.post(`${fw(id)}/publish`, input),
  revisions: (id: string): Promise<FrameworkRevisionSummary[]> => api.get(`${fw(id)}/revisions`),
  diff: (id: string, from: number, to: number | 'live'): Promise<FrameworkDiff> =>
    api.get(withQuery(`${fw(id)}/revisions/diff`, { from, to })),
};
