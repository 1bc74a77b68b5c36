import { z } from 'zod';
import { IsoDateSchema } from '../cases/case.schema';
import { CountryCodeSchema, text } from '../common/common.schema';
import type { SharingPolicyVersion } from './sharing-policy';

/**
 * agr_Type (extension in HTCDS style): the kind of instrument. Seeds: S002 Table 4 (MoUs), S004
 * (agreements, POAs, SOPs, joint guidelines, ASEAN declarations and conventions, MLA treaty).
 */
export const AGREEMENT_TYPES = [
  'MoU',
  'Agreement',
  'PlanOfAction',
  'SOP',
  'Guidelines',
  'Declaration',
  'Convention',
  'Treaty',
] as const;
export type AgreementType = (typeof AGREEMENT_TYPES)[number];

/** agr_Subject: what the instrument is about (S002 Table 4 "trafficking" / "labour"). */
export const AGREEMENT_SUBJECTS = [
  'Trafficking',
  'Labour',
  'MutualLegalAssistance',
  'TransnationalCrime',
  'Repatriation',
  'MigrantWorkers',
] as const;
export type AgreementSubject = (typeof AGREEMENT_SUBJECTS)[number];

/**
 * agr_Status: Thailand's status vocabulary of S004 ("Signed MOUs/POAs", "Signed MOUs/Drafting POAs",
 * "Revising MOU", "Pending MOUs") plus S002's "Approved and Pending Signature", and Expired.
 */
export const AGREEMENT_STATUSES = [
  'Signed',
  'SignedDraftingPOA',
  'Revising',
  'ApprovedPendingSignature',
  'Pending',
  'Expired',
] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** brd_Mechanism: cross-border offices and facilities (E22). */
export const BORDER_MECHANISMS = [
  'BLO',
  'BCATIP',
  'TransitCentre',
  'ReceptionCentre',
  'DistrictCooperation',
  'BorderCooperation',
] as const;
export type BorderMechanism = (typeof BORDER_MECHANISMS)[number];

/** How often the parties meet on cases, and review the instrument (S004: Thailand–Myanmar 8 / 18). */
export const MeetingRhythmSchema = z.strictObject({
  /** Case-management meeting every N months (3 = quarterly). */
  cadenceMonths: z.number().int().min(1).max(36),
  /** A review meeting every N months, when the agreement sets one. */
  reviewEveryMonths: z.number().int().min(1).max(120).optional(),
});
export type MeetingRhythm = z.infer<typeof MeetingRhythmSchema>;

/** Registering or editing an instrument. Parties are ISO codes (non-COMMIT parties allowed). */
export const AgreementInputSchema = z
  .strictObject({
    /** Stable code shared by both nodes, e.g. `KH-TH-2003-MOU-TIP`. */
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9][A-Z0-9-]{2,59}$/, 'must be 3–60 upper-case letters, digits or dashes'),
    type: z.enum(AGREEMENT_TYPES),
    subject: z.enum(AGREEMENT_SUBJECTS),
    title: text(400),
    status: z.enum(AGREEMENT_STATUSES),
    /** Two parties for a bilateral instrument; more for multilateral ones. */
    parties: z.array(CountryCodeSchema).min(2).max(20),
    signedOn: IsoDateSchema.optional(),
    /** The date as the source prints it when it is not a full date ("March 2008", "2017-2020"). */
    dateNote: text(200).optional(),
    place: text(200).optional(),
    periodFrom: IsoDateSchema.optional(),
    periodTo: IsoDateSchema.optional(),
    /** Areas of cooperation as the instrument lists them. */
    areas: text(2000).optional(),
    meetingRhythm: MeetingRhythmSchema.optional(),
    /** Review schedule of the instrument itself (Target 1.3: "reviewed on an annual basis"). */
    reviewEveryMonths: z.number().int().min(1).max(120).optional(),
    nextReviewOn: IsoDateSchema.optional(),
    /** Where the record comes from (seed file, decision, gazette). */
    source: text(300).optional(),
  })
  .superRefine((v, ctx) => {
    if (new Set(v.parties).size !== v.parties.length) {
      ctx.addIssue({ code: 'custom', path: ['parties'], message: 'lists a country twice' });
    }
    if (v.periodFrom && v.periodTo && v.periodTo < v.periodFrom) {
      ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'is before the period start' });
    }
  });
export type AgreementInput = z.input<typeof AgreementInputSchema>;

export const AgreementUpdateInputSchema = z.strictObject({
  version: z.number().int().min(1),
  title: text(400).optional(),
  status: z.enum(AGREEMENT_STATUSES).optional(),
  signedOn: IsoDateSchema.nullable().optional(),
  dateNote: text(200).nullable().optional(),
  place: text(200).nullable().optional(),
  periodFrom: IsoDateSchema.nullable().optional(),
  periodTo: IsoDateSchema.nullable().optional(),
  areas: text(2000).nullable().optional(),
  meetingRhythm: MeetingRhythmSchema.nullable().optional(),
  reviewEveryMonths: z.number().int().min(1).max(120).nullable().optional(),
  nextReviewOn: IsoDateSchema.nullable().optional(),
});
export type AgreementUpdateInput = z.infer<typeof AgreementUpdateInputSchema>;

/** A revision (amendment, revised version) of an instrument. */
export const AgreementRevisionInputSchema = z.strictObject({
  revisedOn: IsoDateSchema.optional(),
  /** As printed ("Revised on 17 May 2013", "revised version signed July 12, 2017"). */
  note: text(500),
});
export type AgreementRevisionInput = z.infer<typeof AgreementRevisionInputSchema>;

export type AgreementRevision = { id: string; revisedOn: string | null; note: string };

/** An instrument as lists and pages show it. */
export type Agreement = {
  id: string;
  code: string;
  type: AgreementType;
  subject: AgreementSubject;
  title: string;
  status: AgreementStatus;
  parties: string[];
  signedOn: string | null;
  dateNote: string | null;
  place: string | null;
  periodFrom: string | null;
  periodTo: string | null;
  areas: string | null;
  meetingRhythm: MeetingRhythm | null;
  reviewEveryMonths: number | null;
  nextReviewOn: string | null;
  source: string | null;
  revisions: AgreementRevision[];
  /** The version of the sharing policy in force, if any. */
  activePolicyVersion: number | null;
  version: number;
  updatedAt: string;
};

export const AgreementListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  q: z.string().trim().max(200).optional(),
  country: CountryCodeSchema.optional(),
  type: z.enum(AGREEMENT_TYPES).optional(),
  subject: z.enum(AGREEMENT_SUBJECTS).optional(),
  /** Only those with a sharing policy in force (usable for cross-border referrals). */
  withPolicy: z.enum(['true', 'false']).optional(),
});
export type AgreementListQuery = z.infer<typeof AgreementListQuerySchema>;

/** A cross-border office or facility (BLO, BCATIP, reception centre…), a named handover point. */
export type BorderPoint = {
  id: string;
  /** Stable code shared by both nodes (e.g. `BCATIP-MM-TH-01`). */
  code: string;
  mechanism: BorderMechanism;
  countries: string[];
  location: string;
  established: string | null;
  note: string | null;
  source: string | null;
};

/** The two parties of a bilateral pair in a canonical order (`KH-TH`), for grouping and ids. */
export function countryPairKey(a: string, b: string): string {
  return a < b ? `${a}-${b}` : `${b}-${a}`;
}

/** An instrument with its sharing-policy versions (newest first), as the agreement page shows it. */
export type AgreementDetail = Agreement & {
  policies: SharingPolicyVersion[];
};

/** The meeting rhythm an agreement sets, for the meetings area (`listMeetingRhythms`). */
export type AgreementMeetingRhythm = {
  agreementId: string;
  code: string;
  parties: string[];
  rhythm: MeetingRhythm;
};

export const BorderPointListQuerySchema = z.strictObject({
  country: CountryCodeSchema.optional(),
  mechanism: z.enum(BORDER_MECHANISMS).optional(),
});
export type BorderPointListQuery = z.infer<typeof BorderPointListQuerySchema>;
