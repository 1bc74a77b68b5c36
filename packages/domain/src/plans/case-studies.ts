import { z } from 'zod';
import { LOCALES } from '../reference/locales';

// Case studies (plans module, case-studies area): short accounts a country submits for the
// monitoring report (seed 000 §2.7 is the model). They speak of roles only ("a grassroots civil
// society worker", "male trafficking victims"): never the name of a victim or a witness.
//
// Workflow: Draft → Submitted (the country) → Approved (the Secretariat). The Secretariat may
// return a Submitted or Approved case study to Draft. Only a Draft is edited.

export const CASE_STUDY_STATUSES = ['Draft', 'Submitted', 'Approved'] as const;
export type CaseStudyStatus = (typeof CASE_STUDY_STATUSES)[number];

/** National languages a case study may carry beside English. */
export const CASE_STUDY_LANGUAGES = LOCALES.filter((l) => l !== 'en');

const heading = z.string().trim().min(1).max(300);
const body = z.string().trim().min(1).max(20_000);
const optionalBody = z.string().trim().max(20_000).nullish();
const countryCode = z.string().regex(/^[A-Z]{2}$/);

export const CaseStudyInputSchema = z.strictObject({
  frameworkId: z.string().trim().min(1).max(20),
  /** Null: a regional case study (the Secretariat only). */
  countryCode: countryCode.nullable(),
  year: z.number().int().min(1990).max(2100),
  /** An area node of the framework, when the case study belongs to one. */
  areaNodeId: z.uuid().nullish(),
  heading,
  bodyEn: body,
  bodyLocal: optionalBody,
  localLang: z.enum(CASE_STUDY_LANGUAGES).nullish(),
  attribution: z.string().trim().max(500).nullish(),
  /** The author confirms the text names no victim or witness (roles only). */
  noVictimNames: z.literal(true, { message: 'confirm that the text names no victim' }),
});
export type CaseStudyInput = z.infer<typeof CaseStudyInputSchema>;

export const CaseStudyUpdateInputSchema = z.strictObject({
  version: z.number().int().min(1),
  year: z.number().int().min(1990).max(2100).optional(),
  areaNodeId: z.uuid().nullish(),
  heading: heading.optional(),
  bodyEn: body.optional(),
  bodyLocal: optionalBody,
  localLang: z.enum(CASE_STUDY_LANGUAGES).nullish(),
  attribution: z.string().trim().max(500).nullish(),
});
export type CaseStudyUpdateInput = z.infer<typeof CaseStudyUpdateInputSchema>;

/** submit (Draft → Submitted), approve (Submitted → Approved), return (→ Draft, with a reason). */
export const CaseStudyTransitionInputSchema = z.strictObject({
  version: z.number().int().min(1),
  reason: z.string().trim().min(1).max(2000).optional(),
});
export type CaseStudyTransitionInput = z.infer<typeof CaseStudyTransitionInputSchema>;

export const CASE_STUDY_TRANSITIONS = ['submit', 'approve', 'return'] as const;
export type CaseStudyTransition = (typeof CASE_STUDY_TRANSITIONS)[number];

export const CaseStudyListQuerySchema = z.strictObject({
  framework: z.string().trim().min(1).max(20).optional(),
  country: countryCode.optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  area: z.uuid().optional(),
  status: z.enum(CASE_STUDY_STATUSES).optional(),
});
export type CaseStudyListQuery = z.infer<typeof CaseStudyListQuerySchema>;

export type CaseStudy = {
  id: string;
  frameworkId: string;
  countryCode: string | null;
  year: number;
  areaNodeId: string | null;
  areaCode: string | null;
  areaTitle: string | null;
  heading: string;
  bodyEn: string;
  bodyLocal: string | null;
  localLang: string | null;
  attribution: string | null;
  status: CaseStudyStatus;
  isSeeded: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** The status a transition leads to from `from`, or null when it does not apply. */
export function caseStudyTransition(
  from: CaseStudyStatus,
  transition: CaseStudyTransition,
): CaseStudyStatus | null {
  if (transition === 'submit') {
    return from === 'Draft' ? 'Submitted' : null;
  }
  if (transition === 'approve') {
    return from === 'Submitted' ? 'Approved' : null;
  }
  return from === 'Submitted' || from === 'Approved' ? 'Draft' : null;
}

/** Only a draft is edited; submitted and approved case studies are read-only. */
export function isCaseStudyEditable(status: CaseStudyStatus): boolean {
  return status === 'Draft';
}
