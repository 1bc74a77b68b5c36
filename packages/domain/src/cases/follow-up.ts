import { z } from 'zod';
import { IdSchema, text } from '../common/common.schema';
import { IsoDateSchema } from './case.schema';
import { dateAddMonths } from './country-rules';
import { SUPPORT_TYPES } from './htcds';

/**
 * Reintegration and follow-up (HTCDS extension `fup_*`): after reintegration a case is followed up
 * at 3, 6 and 12 months by default; each follow-up records how, the person's wellbeing, an outcome
 * (encrypted), and whether the person was re-trafficked or became a broker (S001 targets 3.1–3.4).
 *
 * !!! Stored values: renaming one needs a data migration. !!!
 */
export const FOLLOW_UP_METHODS = ['HomeVisit', 'Phone', 'OfficeVisit', 'Online', 'Other'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];

export const WELLBEING_LEVELS = ['Good', 'Fair', 'Poor', 'Unknown'] as const;
export type WellbeingLevel = (typeof WELLBEING_LEVELS)[number];

/** Default months after reintegration at which follow-ups are scheduled. */
export const DEFAULT_FOLLOW_UP_MONTHS = [3, 6, 12] as const;

export const ReintegrationInputSchema = z.strictObject({
  date: IsoDateSchema,
  /** Months after the date to follow up at (distinct, 1–60). */
  months: z
    .array(z.number().int().min(1).max(60))
    .min(1)
    .max(12)
    .refine((m) => new Set(m).size === m.length, 'must not repeat a month')
    .default([...DEFAULT_FOLLOW_UP_MONTHS]),
});
export type ReintegrationInput = z.input<typeof ReintegrationInputSchema>;

export const FollowUpRecordInputSchema = z.strictObject({
  doneOn: IsoDateSchema,
  method: z.enum(FOLLOW_UP_METHODS),
  wellbeing: z.enum(WELLBEING_LEVELS),
  /** Free text, encrypted at rest. */
  outcome: text(5000).optional(),
  isRetrafficked: z.boolean().default(false),
  becameBroker: z.boolean().default(false),
});
export type FollowUpRecordInput = z.input<typeof FollowUpRecordInputSchema>;

export const ServiceFeedbackInputSchema = z.strictObject({
  satisfaction: z.number().int().min(1).max(5),
  serviceType: z.enum(SUPPORT_TYPES).optional(),
  providerId: IdSchema.optional(),
  followUpId: IdSchema.optional(),
  givenOn: IsoDateSchema,
  /** Free text, encrypted at rest. */
  comment: text(2000).optional(),
});
export type ServiceFeedbackInput = z.input<typeof ServiceFeedbackInputSchema>;

export const FollowUpReportQuerySchema = z.strictObject({
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
});
export type FollowUpReportQuery = z.infer<typeof FollowUpReportQuerySchema>;

/** The follow-up report: counts only, no personal data; `cases` lists codes. */
export type FollowUpReport = {
  from: string | null;
  to: string | null;
  retrafficked: { count: number; caseCodes: string[] };
  becameBroker: { count: number; caseCodes: string[] };
  followUps: { due: number; done: number; overdue: number };
  satisfaction: { serviceType: string; average: number; count: number }[];
};

/** The follow-ups of a reintegration on `reintegratedOn`, one per month offset, in order. */
export function followUpSchedule(
  reintegratedOn: string,
  months: readonly number[] = DEFAULT_FOLLOW_UP_MONTHS,
): { monthsAfter: number; scheduledOn: string }[] {
  return [...months]
    .sort((a, b) => a - b)
    .map((m) => ({ monthsAfter: m, scheduledOn: dateAddMonths(reintegratedOn, m) }));
}

/** Whether a follow-up is overdue on `today`: not done and scheduled before today. */
export function followUpIsOverdue(
  f: { scheduledOn: string; doneOn: string | null },
  today: string,
): boolean {
  return f.doneOn == null && f.scheduledOn < today;
}
