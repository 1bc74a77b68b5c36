import type { ScreeningCreateInput, ScreeningOutcome } from '@ctip/domain';
import { localInputToIso, toLocalInput } from './local-time';

/** What the screening form holds: strings for inputs, converted to the API shape on submit. */
export type ScreeningFormValues = {
  screenedAt: string;
  location: string;
  isChild: boolean;
  gender: NonNullable<ScreeningCreateInput['gender']>;
  ageEstimate: string;
  nationality: string;
  actIndicators: string[];
  meansIndicators: string[];
  purposeIndicators: string[];
  redFlags: string[];
  interpreterUsed: boolean;
  interviewLanguage: string;
  outcome: ScreeningOutcome | '';
  decidingAgencyId: string;
  decisionDate: string;
  personName: string;
  notes: string;
  hotlineCallId: string;
};

/** A blank form: now, nothing observed. */
export function emptyScreeningForm(now: Date, hotlineCallId = ''): ScreeningFormValues {
  return {
    screenedAt: toLocalInput(now),
    location: '',
    isChild: false,
    gender: 'Unknown',
    ageEstimate: '',
    nationality: '',
    actIndicators: [],
    meansIndicators: [],
    purposeIndicators: [],
    redFlags: [],
    interpreterUsed: false,
    interviewLanguage: '',
    outcome: '',
    decidingAgencyId: '',
    decisionDate: '',
    personName: '',
    notes: '',
    hotlineCallId,
  };
}

function optional(value: string): string | undefined {
  const v = value.trim();
  return v === '' ? undefined : v;
}

/**
 * The API payload of the form. For `NotAVictim` the name and notes are dropped here (the server
 * would refuse them): such a screening keeps coded fields only.
 */
export function screeningPayload(v: ScreeningFormValues): Record<string, unknown> {
  const isMinimal = v.outcome === 'NotAVictim';
  const age = v.ageEstimate.trim() === '' ? undefined : Number(v.ageEstimate);
  return {
    screenedAt: localInputToIso(v.screenedAt),
    location: optional(v.location),
    isChild: v.isChild,
    gender: v.gender,
    ageEstimate: age,
    nationality: optional(v.nationality),
    actIndicators: v.actIndicators,
    meansIndicators: v.meansIndicators,
    purposeIndicators: v.purposeIndicators,
    redFlags: v.redFlags,
    interpreterUsed: v.interpreterUsed,
    interviewLanguage: optional(v.interviewLanguage),
    outcome: v.outcome === '' ? undefined : v.outcome,
    decidingAgencyId: optional(v.decidingAgencyId),
    decisionDate: optional(v.decisionDate),
    personName: isMinimal ? undefined : optional(v.personName),
    notes: isMinimal ? undefined : optional(v.notes),
    hotlineCallId: optional(v.hotlineCallId),
  };
}
