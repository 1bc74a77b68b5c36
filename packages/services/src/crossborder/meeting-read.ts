import {
  type Meeting,
  type MeetingListItem,
  type MeetingListQuery,
  MeetingListQuerySchema,
  type MeetingScheduleItem,
  meetingDueState,
  nextMeetingsDue,
  widestScope,
} from '@ctip/domain';
import { sql } from 'kysely';
import { requireScope } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import {
  canOnMeeting,
  loadMeetingFor,
  meetingFields,
  presentMeeting,
  todayOf,
} from './meeting-common';

/**
 * Meetings the caller may read (meeting:read on any of their countries), newest first, filtered by
 * country, type, status and date (held, else scheduled; undated meetings only without a date filter).
 * @throws INVALID_INPUT, FORBIDDEN (audited)
 */
export async function findMeetings(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  query: MeetingListQuery;
}): Promise<MeetingListItem[]> {
  const { ctx, auth } = args;
  const query = parseInput(MeetingListQuerySchema, args.query);
  const scope = await requireScope(ctx, auth, 'read', 'meeting');
  const today = todayOf(ctx);
  const day = sql<string | null>`coalesce(m.held_on, m.scheduled_on)`;
  let q = ctx.db
    .selectFrom('meeting as m')
    .selectAll('m')
    .select((eb) => [
      eb
        .selectFrom('meeting_agenda_item as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.meeting_id', '=', 'm.id')
        .as('agenda_items'),
      eb
        .selectFrom('meeting_action_item as o')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('o.meeting_id', '=', 'm.id')
        .where('o.status', '=', 'Open')
        .as('open_actions'),
      eb
        .selectFrom('meeting_action_item as o')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('o.meeting_id', '=', 'm.id')
        .where('o.status', '=', 'Open')
        .where('o.due_on', '<', today)
        .as('overdue_actions'),
    ]);
  if (scope !== 'region') {
    const mine = auth.actor.countryCode;
    q = q.where(sql<boolean>`${mine} = any(m.countries)`);
  }
  if (query.country) {
    const country = query.country;
    q = q.where(sql<boolean>`${country} = any(m.countries)`);
  }
  if (query.type) {
    q = q.where('m.type', '=', query.type);
  }
  if (query.status) {
    q = q.where('m.status', '=', query.status);
  }
  if (query.from) {
    q = q.where(day, '>=', query.from);
  }
  if (query.to) {
    q = q.where(day, '<=', query.to);
  }
  const rows = await q
    .orderBy(sql`coalesce(m.held_on, m.scheduled_on) desc nulls last`)
    .orderBy('m.title')
    .orderBy('m.id')
    .limit(500)
    .execute();
  return rows
    .filter((r) => scope === 'region' || canOnMeeting(auth, 'read', r.countries))
    .map((r) => ({
      ...meetingFields(r),
      agendaItems: Number(r.agenda_items ?? 0),
      openActions: Number(r.open_actions ?? 0),
      overdueActions: Number(r.overdue_actions ?? 0),
    }));
}

/**
 * One meeting with its agenda (items about shared cases carry the case code), decisions and action
 * items (with `isOverdue`).
 * @throws NOT_FOUND, FORBIDDEN (audited)
 */
export async function getMeeting(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  meetingId: string;
}): Promise<Meeting> {
  const { ctx, auth } = args;
  const row = await loadMeetingFor(ctx, auth, 'read', args.meetingId);
  return presentMeeting(ctx.db, row, todayOf(ctx));
}

/**
 * Per agreement with a meeting rhythm whose countries the caller may read meetings of: the last
 * held case-management meeting and review of its parties, and when the next ones are due
 * (overdue / due within 30 days / later), with the next CMM already planned.
 * @throws FORBIDDEN (audited)
 */
export async function getMeetingSchedule(args: {
  ctx: ServiceContext;
  auth: AuthContext;
}): Promise<MeetingScheduleItem[]> {
  const { ctx, auth } = args;
  await requireScope(ctx, auth, 'read', 'meeting');
  const today = todayOf(ctx);
  const agreements = await ctx.db
    .selectFrom('agreement')
    .select(['id', 'code', 'title', 'meeting_cadence_months', 'meeting_review_months'])
    .where('meeting_cadence_months', 'is not', null)
    .orderBy('code')
    .execute();
  if (agreements.length === 0) {
    return [];
  }
  const parties = await ctx.db
    .selectFrom('agreement_party')
    .select(['agreement_id', 'country_code'])
    .where(
      'agreement_id',
      'in',
      agreements.map((a) => a.id),
    )
    .orderBy('country_code')
    .execute();
  const partiesOf = new Map<string, string[]>();
  for (const p of parties) {
    partiesOf.set(p.agreement_id, [
      ...(partiesOf.get(p.agreement_id) ?? []),
      p.country_code.trim(),
    ]);
  }
  const meetings = await ctx.db
    .selectFrom('meeting')
    .select(['id', 'type', 'status', 'title', 'countries', 'held_on', 'scheduled_on'])
    .where('type', 'in', ['CMM', 'CMMReview'])
    .where('status', 'in', ['Held', 'Planned'])
    .execute();
  const region = widestScope(auth.actor, 'read', 'meeting') === 'region';
  const out: MeetingScheduleItem[] = [];
  for (const a of agreements) {
    const countries = partiesOf.get(a.id) ?? [];
    if (countries.length < 2 || !(region || canOnMeeting(auth, 'read', countries))) {
      continue;
    }
    const ofPair = meetings.filter((m) => {
      const mc = m.countries.map((c) => c.trim());
      return countries.every((c) => mc.includes(c));
    });
    const lastHeld = (type: string) =>
      ofPair
        .filter((m) => m.type === type && m.status === 'Held' && m.held_on)
        .map((m) => m.held_on as string)
        .sort()
        .at(-1) ?? null;
    const lastMeetingOn = lastHeld('CMM');
    const lastReviewOn = lastHeld('CMMReview');
    const rhythm = {
      cadenceMonths: a.meeting_cadence_months as number,
      ...(a.meeting_review_months ? { reviewEveryMonths: a.meeting_review_months } : {}),
    };
    const due = nextMeetingsDue(rhythm, lastMeetingOn, lastReviewOn, today);
    const planned = ofPair
      .filter((m) => m.type === 'CMM' && m.status === 'Planned')
      .sort((x, y) => (x.scheduled_on ?? '9999').localeCompare(y.scheduled_on ?? '9999'))[0];
    out.push({
      agreementId: a.id,
      agreementCode: a.code,
      agreementTitle: a.title,
      countries,
      rhythm,
      lastMeetingOn,
      lastReviewOn,
      meetingDueOn: due.meetingDueOn,
      meetingState: meetingDueState(due.meetingDueOn, today),
      reviewDueOn: due.reviewDueOn,
      reviewState: due.reviewDueOn ? meetingDueState(due.reviewDueOn, today) : null,
      nextPlanned: planned
        ? { id: planned.id, scheduledOn: planned.scheduled_on, title: planned.title }
        : null,
    });
  }
  return out;
}
