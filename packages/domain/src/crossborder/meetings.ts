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

/** Filters of the meeting list. */
export const MeetingListQuerySchema = z.strictObject({
  country: CountryCodeSchema.optional(),
  type: z.enum(MEETING_TYPES).optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  /** Meetings dated (held or scheduled) on or after this day; undated ones are left out. */
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
});
export type MeetingListQuery = z.infer<typeof MeetingListQuerySchema>;

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

/** Editing an agenda item: what was said and decided on it (case codes, never names). */
export const AgendaItemUpdateInputSchema = z.strictObject({
  title: text(300).optional(),
  note: text(5000).nullable().optional(),
  decision: text(5000).nullable().optional(),
  position: z.number().int().min(1).max(1000).optional(),
});
export type AgendaItemUpdateInput = z.infer<typeof AgendaItemUpdateInputSchema>;

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
    title: text(500).optional(),
    ownerCountry: CountryCodeSchema.optional(),
    ownerAgencyId: IdSchema.nullable().optional(),
    ownerUserId: IdSchema.nullable().optional(),
    dueOn: IsoDateSchema.optional(),
    status: z.enum(ACTION_ITEM_STATUSES).optional(),
    doneOn: IsoDateSchema.nullable().optional(),
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
  /** Null when the source gives no full date (see `dateNote`). */
  scheduledOn: string | null;
  /** The date as the source prints it ("October 2004", "monthly"). */
  dateNote: string | null;
  heldOn: string | null;
  location: string | null;
  hostCountry: string | null;
  status: MeetingStatus;
  /** The status as printed ("22 times held", "recurring", "tentative"). */
  statusNote: string | null;
  /** The type as printed ("bilateral CMM", "SOM+IMM"). */
  typeNote: string | null;
  /** The source's note. */
  note: string | null;
  minutes: string | null;
  source: string | null;
  isSeeded: boolean;
  agenda: MeetingAgendaItem[];
  decisions: { id: string; position: number; text: string }[];
  actions: MeetingActionItem[];
  version: number;
};

/** A meeting in lists (without agenda, decisions and actions). */
export type MeetingListItem = Omit<Meeting, 'agenda' | 'decisions' | 'actions' | 'minutes'> & {
  agendaItems: number;
  openActions: number;
  overdueActions: number;
};

/** `due` within this many days counts as due (not yet overdue). */
export const MEETING_DUE_WINDOW_DAYS = 30;

export type MeetingDueState = 'overdue' | 'due' | 'later';

/** Whether a meeting due on `dueOn` is overdue, due soon (30 days) or later, on `today`. */
export function meetingDueState(dueOn: string, today: string): MeetingDueState {
  if (dueOn < today) {
    return 'overdue';
  }
  return dueOn <= addDays(today, MEETING_DUE_WINDOW_DAYS) ? 'due' : 'later';
}

/** Whether an action item is late on `today`: still open after its due date. */
export function isActionOverdue(
  a: { status: ActionItemStatus; dueOn: string },
  today: string,
): boolean {
  return a.status === 'Open' && a.dueOn < today;
}

/** The case-management rhythm of one agreement and when its pair next has to meet. */
export type MeetingScheduleItem = {
  agreementId: string;
  agreementCode: string;
  agreementTitle: string;
  countries: string[];
  rhythm: MeetingRhythm;
  lastMeetingOn: string | null;
  lastReviewOn: string | null;
  meetingDueOn: string;
  meetingState: MeetingDueState;
  reviewDueOn: string | null;
  reviewState: MeetingDueState | null;
  /** The next CMM already planned for the pair, if any. */
  nextPlanned: { id: string; scheduledOn: string | null; title: string } | null;
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
