import { z } from 'zod';
import { IsoDateSchema } from '../cases/case.schema';
import { text } from '../common/common.schema';

/**
 * The steps of a repatriation as one shared case (S004, COMMIT TRM guidelines): identification in
 * the destination country, nationality verification, family tracing and assessment in the country
 * of origin, travel documents, handover at a border point, reception, reintegration plan, and
 * follow-ups at 3, 6 and 12 months reported back.
 */
export const REPATRIATION_STEPS = [
  'identification',
  'nationality_verification',
  'family_tracing',
  'family_assessment',
  'travel_documents',
  'handover',
  'reception',
  'reintegration_plan',
  'follow_up_3m',
  'follow_up_6m',
  'follow_up_12m',
] as const;
export type RepatriationStep = (typeof REPATRIATION_STEPS)[number];

/** `destination`: the country where the person was found (sends the referral); `origin`: home. */
export const STEP_OWNERS = ['destination', 'origin'] as const;
export type StepOwner = (typeof STEP_OWNERS)[number];

export const STEP_STATUSES = ['Pending', 'InProgress', 'Done', 'Blocked', 'NotApplicable'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** The follow-up steps: their outcome is reported back to the sending country. */
export const FOLLOW_UP_STEPS: readonly RepatriationStep[] = [
  'follow_up_3m',
  'follow_up_6m',
  'follow_up_12m',
];

/**
 * xb_Status: the shared case's state on either node. Offered (sent, not yet acknowledged) →
 * Received (the other node has it) → Accepted | Rejected; Accepted → Closed. Restricted is a flag,
 * not a state: consent withdrawn.
 */
export const XB_CASE_STATUSES = ['Offered', 'Received', 'Accepted', 'Rejected', 'Closed'] as const;
export type XbCaseStatus = (typeof XB_CASE_STATUSES)[number];

/** Which side of the shared case this node holds. */
export const XB_ROLES = ['Sender', 'Receiver'] as const;
export type XbRole = (typeof XB_ROLES)[number];

/** xb_ReturnChoice, from the Thai notification of rights: voluntary or involuntary return. */
export const RETURN_CHOICES = ['Voluntary', 'Involuntary', 'Undecided'] as const;
export type ReturnChoice = (typeof RETURN_CHOICES)[number];

/** Age group used by the repatriation tables of S004 (under 18 / adult). */
export const AGE_GROUPS = ['Child', 'Adult', 'Unknown'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/** A step of one shared case as both nodes hold it. */
export type XbStep = {
  step: RepatriationStep;
  owner: StepOwner;
  /** Country that owns the step (origin or destination of this case). */
  ownerCountry: string;
  dueDate: string | null;
  status: StepStatus;
  completedOn: string | null;
  note: string | null;
  /** Days overdue today (0 when on time or done). */
  delayDays: number;
  updatedAt: string;
};

/** Updating a step this node owns. */
export const XbStepUpdateInputSchema = z
  .strictObject({
    status: z.enum(STEP_STATUSES),
    completedOn: IsoDateSchema.optional(),
    /** Short note that travels with the update (no personal data of others). */
    note: text(1000).optional(),
    /** For handover: the border point (BLO/BCATIP) where it takes place. */
    borderPointId: z.uuid().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'Done' && !v.completedOn) {
      ctx.addIssue({ code: 'custom', path: ['completedOn'], message: 'is required when done' });
    }
  });
export type XbStepUpdateInput = z.infer<typeof XbStepUpdateInputSchema>;

/**
 * Due dates of the steps from the policy: `offer` steps count from the offer day, `reception` steps
 * from the day the person was received (unknown until then: null).
 */
export function stepDueDates(
  steps: readonly { step: RepatriationStep; dueDays: number; anchor: 'offer' | 'reception' }[],
  offeredOn: string,
  receivedOn: string | null,
): Map<RepatriationStep, string | null> {
  const out = new Map<RepatriationStep, string | null>();
  for (const s of steps) {
    const base = s.anchor === 'offer' ? offeredOn : receivedOn;
    out.set(s.step, base ? addDays(base, s.dueDays) : null);
  }
  return out;
}

/** Days a step is late on `today` (0 when done, not applicable, undated or not yet due). */
export function stepDelayDays(
  step: { status: StepStatus; dueDate: string | null; completedOn: string | null },
  today: string,
): number {
  if (!step.dueDate || step.status === 'NotApplicable') {
    return 0;
  }
  const end = step.status === 'Done' ? (step.completedOn ?? step.dueDate) : today;
  const days = Math.round(
    (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${step.dueDate}T00:00:00Z`)) / 86_400_000,
  );
  return Math.max(0, days);
}

/** `YYYY-MM-DD` plus `days`. */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Age group of a person at identification: under 18 is a child (Protocol definition). */
export function ageGroupOf(age: number | null | undefined): AgeGroup {
  if (age === null || age === undefined) {
    return 'Unknown';
  }
  return age < 18 ? 'Child' : 'Adult';
}
