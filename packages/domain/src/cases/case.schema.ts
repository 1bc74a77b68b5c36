import { z } from 'zod';
import { CountryCodeSchema, IdSchema, text } from '../common/common.schema';
import {
  CASE_STATUSES,
  type CaseStatus,
  CONSENT_PURPOSES,
  FORMS_OF_EXPLOITATION,
  type FormOfExploitation,
  GENDERS,
  type Gender,
  IDENTIFICATION_STATUSES,
  type IdentificationStatus,
  LABOUR_EXPLOITATION_TYPES,
  LABOUR_INDUSTRIES,
  METHODS_OF_CONTROL,
  PERPETRATOR_ROLES,
  RECRUITMENT_METHODS,
  SEX_EXPLOITATION_TYPES,
  TRAFFICKING_EVENT_TYPES,
  type TraffickingEventType,
  VULNERABILITIES,
  WEBSITES_AND_APPS,
} from './htcds';

/** ISO calendar date `YYYY-MM-DD` that exists. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, 'is not a calendar date');

/** Interface or interview language (ISO 639-1). */
export const LanguageCodeSchema = z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code');

const multi = <T extends readonly [string, ...string[]]>(values: T) =>
  z.array(z.enum(values)).max(values.length).default([]);

/** The person (HTCDS prs_*). Personal fields: encrypted at rest, never logged. */
export const PersonInputSchema = z.strictObject({
  /** prs_FirstName */
  givenName: text(120).optional(),
  /** prs_SecondName */
  familyName: text(120).optional(),
  /** Aliases and other spellings, free text. */
  otherNames: text(300).optional(),
  /** prs_Birthdate */
  birthDate: IsoDateSchema.optional(),
  /** Estimated age in years when the birth date is unknown. */
  estimatedAge: z.number().int().min(0).max(120).optional(),
  /** prs_Gender */
  gender: z.enum(GENDERS).default('Unknown'),
  /** prs_Nationality */
  nationality: CountryCodeSchema.optional(),
  /** Ethnic group as the person states it. */
  ethnicity: text(80).optional(),
  /** prs_IdentityDocument (extension): passport or ID card number. */
  idDocumentNumber: text(60).optional(),
  /** Contact (phone, address), free text. */
  contact: text(500).optional(),
});
export type PersonInput = z.infer<typeof PersonInputSchema>;

/** The victim context of a case (HTCDS vic_*), all optional so a case can start thin. */
export const VictimContextSchema = z.strictObject({
  /** vic_IdentificationStatus (extension) */
  identificationStatus: z.enum(IDENTIFICATION_STATUSES).default('Possible'),
  /** vic_IdentifiedBy (extension): the deciding agency. */
  identifiedByAgencyId: IdSchema.optional(),
  /** vic_IdentificationDate (extension) */
  identificationDate: IsoDateSchema.optional(),
  /** vic_FormOfExploitation (extension) */
  formsOfExploitation: multi(FORMS_OF_EXPLOITATION),
  /** vic_MethodOfRecruitment */
  recruitmentMethods: multi(RECRUITMENT_METHODS),
  /** vic_RecruitmentWebsitesAndApps */
  recruitmentApps: multi(WEBSITES_AND_APPS),
  /** vic_MethodsOfControl */
  methodsOfControl: multi(METHODS_OF_CONTROL),
  /** vic_TypeOfLabourExploitation */
  labourExploitationTypes: multi(LABOUR_EXPLOITATION_TYPES),
  /** vic_LabourIndustry (ISIC) */
  labourIndustries: multi(LABOUR_INDUSTRIES),
  /** vic_TypeOfSexExploitation */
  sexExploitationTypes: multi(SEX_EXPLOITATION_TYPES),
  /** vic_ExploitationWebsitesAndApps */
  exploitationApps: multi(WEBSITES_AND_APPS),
  /** vic_Vulnerabilities */
  vulnerabilities: multi(VULNERABILITIES),
  /** vic_DetailsOfVulnerabilities (personal, encrypted) */
  vulnerabilityDetails: text(2000).optional(),
  /** vic_CountryOfExploitation (extension) */
  countryOfExploitation: CountryCodeSchema.optional(),
  /** vic_AgreementToManagePersonalData */
  agreementToManagePersonalData: z.boolean().default(false),
});
export type VictimContext = z.infer<typeof VictimContextSchema>;

/** A historic trafficking event (HTCDS hte_*). */
export const TraffickingEventInputSchema = z.strictObject({
  /** hte_Type */
  type: z.enum(TRAFFICKING_EVENT_TYPES),
  /** hte_Country */
  country: CountryCodeSchema.optional(),
  /** hte_State */
  state: text(120).optional(),
  /** hte_City */
  city: text(120).optional(),
  /** hte_Date */
  date: IsoDateSchema.optional(),
  /** hte_Description (encrypted) */
  description: text(2000).optional(),
});
export type TraffickingEventInput = z.infer<typeof TraffickingEventInputSchema>;

/** A perpetrator linked to the case (HTCDS per_*). */
export const PerpetratorInputSchema = z.strictObject({
  /** per_RoleInProcess */
  roles: z.array(z.enum(PERPETRATOR_ROLES)).min(1).max(PERPETRATOR_ROLES.length),
  /** per_RoleDetails (encrypted) */
  roleDetails: text(2000).optional(),
  /** Name or alias (encrypted). */
  name: text(200).optional(),
  nationality: CountryCodeSchema.optional(),
  gender: z.enum(GENDERS).optional(),
  /** Whether this perpetrator is a former victim (PRO 6). */
  isFormerVictim: z.boolean().default(false),
});
export type PerpetratorInput = z.infer<typeof PerpetratorInputSchema>;

export const CaseCreateInputSchema = z.strictObject({
  person: PersonInputSchema,
  victim: VictimContextSchema.default(VictimContextSchema.parse({})),
  events: z.array(TraffickingEventInputSchema).max(50).default([]),
  /** Link to the screening that led to the case. */
  screeningId: IdSchema.optional(),
  /** Link to the hotline call that led to the case. */
  hotlineCallId: IdSchema.optional(),
  /**
   * Create even though likely duplicates exist (the user looked and decided they are different).
   * Without it, a create with likely duplicates answers CONFLICT listing them.
   */
  ignoreDuplicates: z.boolean().default(false),
  /**
   * Link instead of duplicate: open the new case for this already registered person (one the caller
   * may read a case of) rather than registering the person again. `person` is then ignored.
   */
  existingPersonId: IdSchema.optional(),
});
export type CaseCreateInput = z.input<typeof CaseCreateInputSchema>;

export const CaseUpdateInputSchema = z.strictObject({
  /** The version the user edited; a stale one is a CONFLICT (someone else saved first). */
  version: z.number().int().min(1),
  person: PersonInputSchema.partial().optional(),
  victim: VictimContextSchema.partial().optional(),
  status: z.enum(CASE_STATUSES).optional(),
  reasonForClosure: text(2000).optional(),
  reintegratedOn: IsoDateSchema.optional(),
});
export type CaseUpdateInput = z.infer<typeof CaseUpdateInputSchema>;

/** Filters of the case list (also what a saved search stores). */
export const CaseFiltersSchema = z.strictObject({
  /** Exact pseudonymous case code, or its prefix. */
  code: z.string().trim().max(40).optional(),
  /** A name: matched through keyed hashes (exact folded name or a romanisation variant). */
  name: z.string().trim().max(200).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  identificationStatus: z.enum(IDENTIFICATION_STATUSES).optional(),
  gender: z.enum(GENDERS).optional(),
  nationality: CountryCodeSchema.optional(),
  formOfExploitation: z.enum(FORMS_OF_EXPLOITATION).optional(),
  agencyId: IdSchema.optional(),
  isChild: z.enum(['true', 'false']).optional(),
  isCrossBorder: z.enum(['true', 'false']).optional(),
  /** Created on or after / before (dates). */
  createdFrom: IsoDateSchema.optional(),
  createdTo: IsoDateSchema.optional(),
  /** Only cases owned by the caller. */
  mine: z.enum(['true', 'false']).optional(),
});
export type CaseFilters = z.infer<typeof CaseFiltersSchema>;

export const CaseListQuerySchema = CaseFiltersSchema.extend({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type CaseListQuery = z.input<typeof CaseListQuerySchema>;

export const SavedSearchInputSchema = z.strictObject({
  name: text(80),
  filters: CaseFiltersSchema,
});
export type SavedSearchInput = z.infer<typeof SavedSearchInputSchema>;

export const CaseNoteInputSchema = z.strictObject({ body: text(10_000) });
export type CaseNoteInput = z.infer<typeof CaseNoteInputSchema>;

/** Largest attachment accepted, in bytes (before base64). */
export const CASE_ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;

/** An attachment uploaded as JSON. The file name is personal (sealed); the media type is not. */
export const CaseAttachmentInputSchema = z.strictObject({
  fileName: text(200),
  mediaType: z
    .string()
    .trim()
    .regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type such as application/pdf')
    .max(120),
  /** The file's bytes, base64 (at most {@link CASE_ATTACHMENT_MAX_BYTES} once decoded). */
  contentBase64: z
    .string()
    .max(Math.ceil(CASE_ATTACHMENT_MAX_BYTES / 3) * 4 + 4, 'is larger than 5 MB')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
});
export type CaseAttachmentInput = z.infer<typeof CaseAttachmentInputSchema>;

// ---- API shapes (what the case endpoints answer; shared by server and web) ----

/** A row of the case list: coded fields only, never names. */
export type CaseListItem = {
  id: string;
  code: string;
  status: CaseStatus;
  identificationStatus: IdentificationStatus;
  gender: Gender;
  ageAtIdentification: number | null;
  isChild: boolean | null;
  nationality: string | null;
  formsOfExploitation: FormOfExploitation[];
  isCrossBorder: boolean;
  countryCode: string;
  agencyId: string;
  agencyName: string;
  ownerUserId: string;
  ownerName: string;
  createdAt: string;
};

/** A case in full, decrypted for an authorised reader. */
export type CaseDetail = CaseListItem & {
  version: number;
  personId: string;
  person: {
    givenName: string | null;
    familyName: string | null;
    otherNames: string | null;
    birthDate: string | null;
    birthYear: number | null;
    idDocumentNumber: string | null;
    contact: string | null;
    gender: Gender;
    nationality: string | null;
    ethnicity: string | null;
  };
  victim: Omit<
    VictimContext,
    'vulnerabilityDetails' | 'identifiedByAgencyId' | 'identificationDate' | 'countryOfExploitation'
  > & {
    vulnerabilityDetails: string | null;
    countryOfExploitation: string | null;
    identifiedByAgencyId: string | null;
    identificationDate: string | null;
  };
  reasonForClosure: string | null;
  reintegratedOn: string | null;
  closedAt: string | null;
  isRestricted: boolean;
  updatedAt: string;
  /** Other cases of the same person the caller may read (linked duplicates). */
  linkedCases: { id: string; code: string }[];
};

/** A likely duplicate proposed on create: the case code and why, never the person's name. */
export type CaseDuplicate = {
  caseId: string;
  code: string;
  reasons: ('name_dob' | 'id_document' | 'variant')[];
};

export type CaseEvent = {
  id: string;
  type: TraffickingEventType;
  country: string | null;
  state: string | null;
  city: string | null;
  date: string | null;
  description: string | null;
  createdAt: string;
};

export type CasePerpetrator = {
  id: string;
  roles: string[];
  roleDetails: string | null;
  name: string | null;
  nationality: string | null;
  gender: Gender | null;
  isFormerVictim: boolean;
  createdAt: string;
};

export type CaseNote = {
  id: string;
  body: string;
  authorUserId: string;
  authorName: string;
  createdAt: string;
};

export type CaseAttachment = {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedBy: string;
  uploadedByName: string;
  createdAt: string;
};

export type CaseHistoryEntry = {
  id: number;
  at: string;
  userId: string | null;
  userName: string | null;
  action: string;
  changes: Record<string, unknown>;
};

export type SavedSearch = { id: string; name: string; filters: CaseFilters; createdAt: string };

export const ConsentPurposeSchema = z.enum(CONSENT_PURPOSES);

/** Age in whole years on `on` for a birth date (both ISO dates). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Under 18 (Protocol definition of a child). Null when the age is unknown. */
export function isChildAge(age: number | null | undefined): boolean | null {
  return age == null ? null : age < 18;
}
