import { z } from 'zod';
import { REPATRIATION_STEPS, STEP_OWNERS } from './repatriation';

/** What a cross-border referral is for; each purpose must be allowed by the agreement's policy. */
export const XB_PURPOSES = [
  'Repatriation',
  'ServiceReferral',
  'FamilyTracing',
  'Investigation',
] as const;
export type XbPurpose = (typeof XB_PURPOSES)[number];

/**
 * The fields of a case that a sharing policy may let travel, by group: `person.*` (HTCDS prs_*),
 * `victim.*` (victim context), `case.*` (events and needs) and `rights.*` (the notification of
 * rights: return choice, contact). Anything not listed can never leave a node.
 */
export const SHAREABLE_FIELDS = [
  'person.givenName',
  'person.familyName',
  'person.otherNames',
  'person.birthDate',
  'person.estimatedAge',
  'person.gender',
  'person.nationality',
  'person.ethnicity',
  'person.idDocumentNumber',
  'person.contact',
  'victim.identificationStatus',
  'victim.identificationDate',
  'victim.formsOfExploitation',
  'victim.recruitmentMethods',
  'victim.methodsOfControl',
  'victim.labourIndustries',
  'victim.vulnerabilities',
  'victim.countryOfExploitation',
  'case.events',
  'case.supportNeeds',
  'rights.returnChoice',
  'rights.wishesProtection',
  'rights.contactAt',
] as const;
export type ShareableField = (typeof SHAREABLE_FIELDS)[number];

/** Fields that identify the person: they travel encrypted to the receiving node (JWE). */
export const PERSONAL_SHAREABLE_FIELDS: readonly ShareableField[] = SHAREABLE_FIELDS.filter(
  (f) =>
    f.startsWith('person.') &&
    !['person.gender', 'person.nationality', 'person.estimatedAge'].includes(f),
).concat(['case.events', 'rights.contactAt', 'case.supportNeeds'] as ShareableField[]);

/** One step's deadline under the SOP: owner side and days after its anchor. */
export const PolicyStepSchema = z.strictObject({
  step: z.enum(REPATRIATION_STEPS),
  owner: z.enum(STEP_OWNERS),
  /** Days after the anchor by which the step is due. */
  dueDays: z.number().int().min(0).max(730),
  /** `offer`: the day the referral was sent; `reception`: the day the person was received home. */
  anchor: z.enum(['offer', 'reception']),
});
export type PolicyStep = z.infer<typeof PolicyStepSchema>;

/**
 * A versioned sharing policy of an agreement: which fields may travel for which purposes, how long
 * the receiver keeps them, whether it may pass them on, which roles may read them there, and the
 * SOP deadline of each repatriation step. The exchange enforces it on both sides.
 */
export const SharingPolicySchema = z
  .strictObject({
    purposes: z.array(z.enum(XB_PURPOSES)).min(1),
    fields: z.array(z.enum(SHAREABLE_FIELDS)).min(1),
    /** Days the receiving node keeps the personal data after the case closes or is rejected. */
    retentionDays: z.number().int().min(1).max(3650),
    /** False: the receiver may not send the data on to a third country or party. */
    onwardSharing: z.boolean(),
    /** Role keys on the receiving node that may read the shared personal data. */
    recipientRoles: z.array(z.string().regex(/^[a-z_]{2,40}$/)).min(1),
    steps: z.array(PolicyStepSchema).max(REPATRIATION_STEPS.length),
  })
  .superRefine((v, ctx) => {
    if (new Set(v.fields).size !== v.fields.length) {
      ctx.addIssue({ code: 'custom', path: ['fields'], message: 'lists a field twice' });
    }
    const seen = new Set<string>();
    v.steps.forEach((s, i) => {
      if (seen.has(s.step)) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'step'], message: 'is listed twice' });
      }
      seen.add(s.step);
    });
  });
export type SharingPolicy = z.infer<typeof SharingPolicySchema>;

export const SHARING_POLICY_STATUSES = ['Draft', 'Active', 'Superseded'] as const;
export type SharingPolicyStatus = (typeof SHARING_POLICY_STATUSES)[number];

/** A stored version of an agreement's policy. */
export type SharingPolicyVersion = {
  agreementId: string;
  version: number;
  status: SharingPolicyStatus;
  policy: SharingPolicy;
  createdAt: string;
  activatedAt: string | null;
};

/** Creating a new draft version (activating it is a separate, audited step). */
export const SharingPolicyInputSchema = z.strictObject({ policy: SharingPolicySchema });
export type SharingPolicyInput = z.input<typeof SharingPolicyInputSchema>;

/**
 * The default policy seeded for the COMMIT trafficking instruments: what the bilateral SOPs
 * exchange for identification and repatriation. The day counts are configurable defaults, not taken
 * from the seeds (they give no per-step deadlines); a national administrator sets the agreed ones.
 */
export const DEFAULT_SHARING_POLICY: SharingPolicy = {
  purposes: ['Repatriation', 'ServiceReferral', 'FamilyTracing'],
  fields: [
    'person.givenName',
    'person.familyName',
    'person.otherNames',
    'person.birthDate',
    'person.estimatedAge',
    'person.gender',
    'person.nationality',
    'person.idDocumentNumber',
    'victim.identificationStatus',
    'victim.identificationDate',
    'victim.formsOfExploitation',
    'victim.countryOfExploitation',
    'case.events',
    'case.supportNeeds',
    'rights.returnChoice',
    'rights.wishesProtection',
    'rights.contactAt',
  ],
  retentionDays: 365,
  onwardSharing: false,
  recipientRoles: ['taskforce_focal_point', 'case_worker'],
  steps: [
    { step: 'identification', owner: 'destination', dueDays: 0, anchor: 'offer' },
    { step: 'nationality_verification', owner: 'origin', dueDays: 30, anchor: 'offer' },
    { step: 'family_tracing', owner: 'origin', dueDays: 45, anchor: 'offer' },
    { step: 'family_assessment', owner: 'origin', dueDays: 60, anchor: 'offer' },
    { step: 'travel_documents', owner: 'origin', dueDays: 75, anchor: 'offer' },
    { step: 'handover', owner: 'destination', dueDays: 90, anchor: 'offer' },
    { step: 'reception', owner: 'origin', dueDays: 90, anchor: 'offer' },
    { step: 'reintegration_plan', owner: 'origin', dueDays: 30, anchor: 'reception' },
    { step: 'follow_up_3m', owner: 'origin', dueDays: 91, anchor: 'reception' },
    { step: 'follow_up_6m', owner: 'origin', dueDays: 182, anchor: 'reception' },
    { step: 'follow_up_12m', owner: 'origin', dueDays: 365, anchor: 'reception' },
  ],
};

/** A shared payload's field paths that the policy does not allow (the receiver's check). */
export function fieldsOutsidePolicy(
  fieldPaths: readonly string[],
  policy: SharingPolicy,
): string[] {
  const allowed = new Set<string>(policy.fields);
  return fieldPaths.filter((f) => !allowed.has(f));
}

/**
 * Keep only what the policy lets travel. `full` maps every shareable field the sender has to its
 * value; fields without a value are left out.
 * @returns the allowed values and the names of the fields held back
 */
export function applySharingPolicy(
  full: Partial<Record<ShareableField, unknown>>,
  policy: SharingPolicy,
): { shared: Partial<Record<ShareableField, unknown>>; withheld: ShareableField[] } {
  const allowed = new Set<string>(policy.fields);
  const shared: Partial<Record<ShareableField, unknown>> = {};
  const withheld: ShareableField[] = [];
  for (const [k, v] of Object.entries(full) as [ShareableField, unknown][]) {
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) {
      continue;
    }
    if (allowed.has(k)) {
      shared[k] = v;
    } else {
      withheld.push(k);
    }
  }
  return { shared, withheld };
}
