import { z } from 'zod';
import { CountryCodeSchema, IdSchema, PageQuerySchema, text } from '../common/common.schema';
import { IsoDateSchema, LanguageCodeSchema } from './case.schema';
import { BoundedInstantSchema } from './hotline';
import { GENDERS, SCREENING_OUTCOMES, type ScreeningOutcome } from './htcds';

/**
 * First-responder screening: the COMMIT Common Indicators for First Responders, grouped by the three
 * elements of the Palermo Protocol definition (art. 3(a)): an act, by a means, for a purpose of
 * exploitation. For a child (under 18) the means element is not required (art. 3(c); COMMIT S000
 * footnote 1). Labels are translated under `screening.<group>.<value>`.
 *
 * !!! Stored values: renaming one needs a data migration. !!!
 */

/** Act element (Palermo art. 3(a)). */
export const SCREENING_ACT_INDICATORS = [
  'Recruitment',
  'Transport',
  'Transfer',
  'Harbouring',
  'Receipt',
] as const;

/** Means element (Palermo art. 3(a)); not required for children. */
export const SCREENING_MEANS_INDICATORS = [
  'Threat',
  'Force',
  'Coercion',
  'Abduction',
  'Fraud',
  'Deception',
  'AbuseOfPowerOrVulnerability',
  'PaymentsOrDebt',
] as const;

/** Purpose element: forms of exploitation (Palermo art. 3(a) and COMMIT forms). */
export const SCREENING_PURPOSE_INDICATORS = [
  'SexualExploitation',
  'ForcedLabour',
  'SlaveryOrServitude',
  'OrganRemoval',
  'ForcedMarriage',
  'Begging',
  'ForcedCriminality',
] as const;

/** Observable red flags: they prompt a closer look but prove no element on their own. */
export const SCREENING_RED_FLAGS = [
  'DocumentsWithheld',
  'CannotLeave',
  'Debt',
  'SignsOfAbuse',
  'UnderageInEntertainment',
  'ScriptedAnswers',
  'NoPay',
  'LockedIn',
  'ExcessiveHours',
  'DoesNotKnowAddress',
  'FearOfAuthorities',
  'ControlledCommunication',
] as const;

export type ScreeningActIndicator = (typeof SCREENING_ACT_INDICATORS)[number];
export type ScreeningMeansIndicator = (typeof SCREENING_MEANS_INDICATORS)[number];
export type ScreeningPurposeIndicator = (typeof SCREENING_PURPOSE_INDICATORS)[number];
export type ScreeningRedFlag = (typeof SCREENING_RED_FLAGS)[number];

/** Age below which a person is a child (UN CRC art. 1; Palermo art. 3(d)). */
export const CHILD_AGE_LIMIT = 18;

const multi = <T extends readonly [string, ...string[]]>(values: T) =>
  z.array(z.enum(values)).max(values.length).default([]);

/** What the assessment needs: whether a child, and which indicators were observed. */
export type ScreeningAssessmentInput = {
  isChild: boolean;
  actIndicators: readonly string[];
  meansIndicators: readonly string[];
  purposeIndicators: readonly string[];
  redFlags?: readonly string[];
};

/** Which Palermo elements the indicators meet, and the outcome they suggest. */
export type ScreeningAssessment = {
  act: boolean;
  means: boolean;
  purpose: boolean;
  /** False for a child: the means element is then not part of the definition. */
  isMeansRequired: boolean;
  /** Every required element is met. */
  isElementsMet: boolean;
  redFlagCount: number;
  suggestedOutcome: ScreeningOutcome;
};

/**
 * Assess a screening against the Palermo definition.
 *
 * - Adult: act + means + purpose → `Actual`; child: act + purpose → `Actual` (means not required).
 * - Some element met, or any red flag, but not all required ones → `Possible` (refer for a closer
 *   look: indicators are not proof, and first responders should err on the side of protection).
 * - Nothing observed → `NotAVictim`.
 *
 * ### Example
 * `screeningAssessment({ isChild: true, actIndicators: ['Recruitment'], meansIndicators: [],
 * purposeIndicators: ['Begging'] })` → `{ act: true, means: false, purpose: true,
 * isMeansRequired: false, isElementsMet: true, redFlagCount: 0, suggestedOutcome: 'Actual' }`
 * @param input - child status and the observed indicators
 * @returns the elements met and the suggested outcome (the officer decides the recorded one)
 */
export function screeningAssessment(input: ScreeningAssessmentInput): ScreeningAssessment {
  const act = input.actIndicators.length > 0;
  const means = input.meansIndicators.length > 0;
  const purpose = input.purposeIndicators.length > 0;
  const isMeansRequired = !input.isChild;
  const isElementsMet = act && purpose && (means || !isMeansRequired);
  const redFlagCount = input.redFlags?.length ?? 0;
  const suggestedOutcome: ScreeningOutcome = isElementsMet
    ? 'Actual'
    : act || means || purpose || redFlagCount > 0
      ? 'Possible'
      : 'NotAVictim';
  return { act, means, purpose, isMeansRequired, isElementsMet, redFlagCount, suggestedOutcome };
}

/**
 * Why a recorded outcome contradicts the indicators, or null when it is consistent. The officer's
 * decision may differ from the suggestion (both are stored), except that `Actual` needs every
 * required element: a victim is "identified" only when the definition is met.
 */
export function screeningOutcomeConflict(
  outcome: ScreeningOutcome,
  assessment: ScreeningAssessment,
): 'elementsNotMet' | null {
  return outcome === 'Actual' && !assessment.isElementsMet ? 'elementsNotMet' : null;
}

/**
 * A new screening. Personal fields (`personName`, `notes`) are encrypted at rest and must be absent
 * when the outcome is `NotAVictim`: such a screening keeps coded fields only (data minimisation), and
 * the API rejects rather than silently drops them so the officer knows nothing was kept.
 */
export const ScreeningCreateInputSchema = z
  .strictObject({
    /** When the screening took place (with offset). */
    screenedAt: BoundedInstantSchema,
    /** Where (checkpoint, port, district), free text; no address of the person. */
    location: text(200).optional(),
    /** Under 18, or presumed so when in doubt. */
    isChild: z.boolean(),
    /** prs_Gender */
    gender: z.enum(GENDERS).default('Unknown'),
    /** Estimated age in years. */
    ageEstimate: z.number().int().min(0).max(120).optional(),
    /** prs_Nationality */
    nationality: CountryCodeSchema.optional(),
    actIndicators: multi(SCREENING_ACT_INDICATORS),
    meansIndicators: multi(SCREENING_MEANS_INDICATORS),
    purposeIndicators: multi(SCREENING_PURPOSE_INDICATORS),
    redFlags: multi(SCREENING_RED_FLAGS),
    /** An interpreter took part in the interview. */
    interpreterUsed: z.boolean().default(false),
    /** Language the interview was held in (ISO 639). */
    interviewLanguage: LanguageCodeSchema.optional(),
    /** The officer's decision (scr_Outcome). */
    outcome: z.enum(SCREENING_OUTCOMES),
    /** The agency that decided; defaults to the screener's agency. */
    decidingAgencyId: IdSchema.optional(),
    /** Decision date; defaults to the screening date. */
    decisionDate: IsoDateSchema.optional(),
    /** Name as given (encrypted); not kept for NotAVictim. */
    personName: text(200).optional(),
    /** Notes (encrypted); not kept for NotAVictim. */
    notes: text(4000).optional(),
    /** The hotline call this screening follows. */
    hotlineCallId: IdSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'NotAVictim') {
      for (const field of ['personName', 'notes'] as const) {
        if (v[field] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [field],
            message: 'must be empty when the outcome is NotAVictim',
          });
        }
      }
    }
    if (v.ageEstimate !== undefined) {
      if (v.isChild && v.ageEstimate >= CHILD_AGE_LIMIT) {
        ctx.addIssue({
          code: 'custom',
          path: ['ageEstimate'],
          message: 'is 18 or over for a child',
        });
      }
      if (!v.isChild && v.ageEstimate < CHILD_AGE_LIMIT) {
        ctx.addIssue({ code: 'custom', path: ['isChild'], message: 'must be true under 18' });
      }
    }
    if (v.decisionDate !== undefined && v.decisionDate < v.screenedAt.slice(0, 10)) {
      ctx.addIssue({
        code: 'custom',
        path: ['decisionDate'],
        message: 'is before the screening',
      });
    }
    const conflict = screeningOutcomeConflict(v.outcome, screeningAssessment(v));
    if (conflict) {
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: 'Actual needs the act, means (adults only) and purpose elements',
      });
    }
  });
export type ScreeningCreateInput = z.input<typeof ScreeningCreateInputSchema>;
export type ScreeningCreate = z.output<typeof ScreeningCreateInputSchema>;

/** Filters of the screening list. */
export const ScreeningListQuerySchema = PageQuerySchema.omit({ q: true }).extend({
  /** Only screenings linked to this case. */
  caseId: IdSchema.optional(),
  /** Only screenings of this outcome. */
  outcome: z.enum(SCREENING_OUTCOMES).optional(),
  /** Only screenings following this hotline call. */
  hotlineCallId: IdSchema.optional(),
});
/** Query parameters as a client sends them (all optional where the schema has defaults). */
export type ScreeningListQuery = Partial<z.output<typeof ScreeningListQuerySchema>>;

/** A screening as lists show it: coded fields only. */
export type ScreeningSummary = {
  id: string;
  countryCode: string;
  agencyId: string;
  screenerUserId: string;
  caseId: string | null;
  hotlineCallId: string | null;
  screenedAt: string;
  location: string | null;
  isChild: boolean;
  gender: string;
  ageEstimate: number | null;
  nationality: string | null;
  actIndicators: string[];
  meansIndicators: string[];
  purposeIndicators: string[];
  redFlags: string[];
  interpreterUsed: boolean;
  interviewLanguage: string | null;
  outcome: ScreeningOutcome;
  suggestedOutcome: ScreeningOutcome | null;
  decidingAgencyId: string | null;
  decisionDate: string | null;
  createdAt: string;
};

/** One screening with its personal fields opened (an audited read). */
export type ScreeningDetail = ScreeningSummary & {
  personName: string | null;
  notes: string | null;
  assessment: ScreeningAssessment;
};
