import type { CaseStudy, CaseStudyStatus, CaseStudyTransition } from '@ctip/domain';
import { api } from '../../../api/client';

const base = '/api/plans/case-studies';

export type CaseStudyFilters = {
  framework?: string;
  country?: string;
  year?: number;
  area?: string;
  status?: CaseStudyStatus;
};

export type CaseStudyArea = { id: string; frameworkId: string; code: string; title: string };

/** The fields of the case-study form. */
export type CaseStudyDraft = {
  frameworkId: string;
  countryCode: string | null;
  year: number;
  areaNodeId: string | null;
  heading: string;
  bodyEn: string;
  bodyLocal: string | null;
  localLang: string | null;
  attribution: string | null;
};

/** Case studies: list, areas of a framework, create, edit, workflow. */
export const caseStudiesApi = {
  list: (filters: CaseStudyFilters) => api.get<CaseStudy[]>(base, filters),
  areas: (framework: string) => api.get<CaseStudyArea[]>(`${base}/areas`, { framework }),
  create: (input: CaseStudyDraft & { noVictimNames: true }) => api.post<CaseStudy>(base, input),
  update: (
    id: string,
    input: Omit<Partial<CaseStudyDraft>, 'frameworkId' | 'countryCode'> & { version: number },
  ) => api.patch<CaseStudy>(`${base}/${encodeURIComponent(id)}`, input),
  transition: (
    id: string,
    transition: CaseStudyTransition,
    input: { version: number; reason?: string },
  ) => api.post<CaseStudy>(`${base}/${encodeURIComponent(id)}/${transition}`, input),
};
