import { z } from 'zod';
import { IsoDateSchema } from '../cases/case.schema';
import { CountryCodeSchema, IdSchema, text } from '../common/common.schema';
import type { MeetingRhythm } from './agreements';
import { addDays } from './repatriation';

/** mtg_Type (E16): case-management meetings and the other bilateral and COMMIT meetings. */
export const MEETING_TYPES = [
  'CMM',
  'CMMReview',
  'BLO',
  'Bilateral',
  'BilateralPolice',
  'SOM',
  'IMM',
  'Workshop',
  'AdHoc',
] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const MEETING_STATUSES = ['Planned', 'Held', 'Cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

export const ACTION_ITEM_STATUSES = ['Open', 'Done', 'Cancelled'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export const MeetingInputSchema = z.strictObject({
  type: z.enum(MEETING_TYPES),
  title: text(300),
  /** The country pair (or more, for SOM/IMM/workshops). */
  countries: z.array(CountryCodeSchema).min(1).max(10),
  agreementId: IdSchema.optional(),
  ordinal: z.number().int().min(1).max(1000).optional(),
  scheduledOn: IsoDateSchema,
  location: text(300).optional(),
  hostCountry: CountryCodeSchema.optional(),
  /** Build the agenda from the open cross-border cases of the pair. */
  buildAgenda: z.boolean().default(true),
});
export type MeetingInput = z.input<typeof MeetingInputSchema>;

export const MeetingUpdateInputSchema = z.strictObject({
  version: z.number().int().min(1),
  title: text(300).optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  scheduledOn: IsoDateSchema.optional(),
  heldOn: IsoDateSchema.nullable().optional(),
  location: text(300).nullable().optional(),
  /** Minutes: no names of victims (use case codes). */
  minutes: z.string().max(50_000).nullable().optional(),
});
export type MeetingUpdateInput = z.infer<typeof MeetingUpdateInputSchema>;

export const AgendaItemInputSchema = z.strictObject({
  title: text(300),
  xbCaseId: IdSchema.optional(),
  note: text(5000).optional(),
  decision: text(5000).optional(),
});
export type AgendaItemInput = z.infer<typeof AgendaItemInputSchema>;

export const DecisionInputSchema = z.strictObject({ text: text(2000) });
export type DecisionInput = z.infer<typeof DecisionInputSchema>;

export const ActionItemInputSchema = z.strictObject({
  title: text(500),
  ownerCountry: CountryCodeSchema,
  ownerAgencyId: IdSchema.optional(),
  ownerUserId: IdSchema.optional(),
  dueOn: IsoDateSchema,
  agendaItemId: IdSchema.optional(),
});
export type ActionItemInput = z.infer<typeof ActionItemInputSchema>;

export const ActionItemUpdateInputSchema = z
  .strictObject({
    status: z.enum(ACTION_ITEM_STATUSES),
    doneOn: IsoDateSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === 'Done' && !v.doneOn) {
      ctx.addIssue({ code: 'custom', path: ['doneOn'], message: 'is required when done' });
    }
  });
export type ActionItemUpdateInput = z.infer<typeof ActionItemUpdateInputSchema>;

export type MeetingAgendaItem = {
  id: string;
  position: number;
  title: string;
  xbCaseId: string | null;
  /** Pseudonymous code of the shared case, when the item is about one. */
  caseRef: string | null;
  note: string | null;
  decision: string | null;
};

export type MeetingActionItem = {
  id: string;
  title: string;
  ownerCountry: string;
  ownerAgencyId: string | null;
  ownerUserId: string | null;
  dueOn: string;
  status: ActionItemStatus;
  doneOn: string | null;
  agendaItemId: string | null;
  isOverdue: boolean;
};

export type Meeting = {
  id: string;
  type: MeetingType;
  title: string;
  countries: string[];
  agreementId: string | null;
  ordinal: number | null;
  scheduledOn: string;
  heldOn: string | null;
  location: string | null;
  hostCountry: string | null;
  status: MeetingStatus;
  minutes: string | null;
  source: string | null;
  agenda: MeetingAgendaItem[];
  decisions: { id: string; position: number; text: string }[];
  actions: MeetingActionItem[];
  version: number;
};

/** Add whole months to an ISO date (end-of-month safe). */
export function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

/**
 * When the next case-management meeting (and review) is due under the agreement's rhythm.
 * @param lastMeetingOn - the last CMM held (null: none yet, due now)
 * @param lastReviewOn - the last review meeting held
 */
export function nextMeetingsDue(
  rhythm: MeetingRhythm,
  lastMeetingOn: string | null,
  lastReviewOn: string | null,
  today: string,
): { meetingDueOn: string; reviewDueOn: string | null } {
  const meetingDueOn = lastMeetingOn ? addMonths(lastMeetingOn, rhythm.cadenceMonths) : today;
  const reviewDueOn = rhythm.reviewEveryMonths
    ? lastReviewOn
      ? addMonths(lastReviewOn, rhythm.reviewEveryMonths)
      : lastMeetingOn
        ? addMonths(lastMeetingOn, rhythm.reviewEveryMonths)
        : addDays(today, 0)
    : null;
  return { meetingDueOn, reviewDueOn };
}
