import type { Database, Db } from '@ctip/db';
import {
  type Action,
  can,
  DomainError,
  isActionOverdue,
  type Meeting,
  type MeetingActionItem,
  type MeetingAgendaItem,
  type MeetingStatus,
  type MeetingType,
} from '@ctip/domain';
import type { Selectable, Transaction } from 'kysely';
import { denyAccess } from '../common/access';
import type { AuthContext, ServiceContext } from '../context';

type Reader = Db | Transaction<Database>;
export type MeetingRow = Selectable<Database['meeting']>;

/** Today (UTC) on the context's clock. */
export function todayOf(ctx: ServiceContext): string {
  return ctx.now().toISOString().slice(0, 10);
}

/** Whether the caller may `action` a meeting: the permission on any of its countries. */
export function canOnMeeting(
  auth: AuthContext,
  action: Action,
  countries: readonly string[],
): boolean {
  return countries.some((c) => can(auth.actor, action, 'meeting', { countryCode: c }));
}

/**
 * Require `action` on a meeting of these countries; a refusal is audited.
 * @throws FORBIDDEN
 */
export async function authorizeMeeting(
  ctx: ServiceContext,
  auth: AuthContext,
  action: Action,
  countries: readonly string[],
  id: string | null,
): Promise<void> {
  if (!canOnMeeting(auth, action, countries)) {
    await denyAccess(ctx, auth, action, 'meeting', id);
  }
}

/**
 * The meeting row.
 * @throws NOT_FOUND
 */
export async function loadMeetingRow(db: Reader, id: string): Promise<MeetingRow> {
  const row = await db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such meeting');
  }
  return row;
}

/** Load and authorise a meeting for `action`. @throws NOT_FOUND, FORBIDDEN (audited) */
export async function loadMeetingFor(
  ctx: ServiceContext,
  auth: AuthContext,
  action: Action,
  id: string,
): Promise<MeetingRow> {
  const row = await loadMeetingRow(ctx.db, id);
  await authorizeMeeting(ctx, auth, action, row.countries, row.id);
  return row;
}

/** The version check of an edit. @throws CONFLICT naming `version` */
export function staleVersion(): DomainError {
  return new DomainError('CONFLICT', 'The meeting was changed by someone else; reload it', {
    field: 'version',
  });
}

/** The meeting with its agenda, decisions and action items, as the API returns it. */
export async function presentMeeting(db: Reader, row: MeetingRow, today: string): Promise<Meeting> {
  const agenda = await db
    .selectFrom('meeting_agenda_item as a')
    .leftJoin('xb_case as x', 'x.id', 'a.xb_case_id')
    .select([
      'a.id',
      'a.position',
      'a.title',
      'a.xb_case_id',
      'a.note',
      'a.decision',
      'x.case_code',
    ])
    .where('a.meeting_id', '=', row.id)
    .orderBy('a.position')
    .orderBy('a.id')
    .execute();
  const decisions = await db
    .selectFrom('meeting_decision')
    .select(['id', 'position', 'text'])
    .where('meeting_id', '=', row.id)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const actions = await db
    .selectFrom('meeting_action_item')
    .selectAll()
    .where('meeting_id', '=', row.id)
    .orderBy('due_on')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return {
    ...meetingFields(row),
    minutes: row.minutes,
    agenda: agenda.map(
      (a): MeetingAgendaItem => ({
        id: a.id,
        position: a.position,
        title: a.title,
        xbCaseId: a.xb_case_id,
        caseRef: a.case_code ?? null,
        note: a.note,
        decision: a.decision,
      }),
    ),
    decisions,
    actions: actions.map(
      (a): MeetingActionItem => ({
        id: a.id,
        title: a.title,
        ownerCountry: a.owner_country,
        ownerAgencyId: a.owner_agency_id,
        ownerUserId: a.owner_user_id,
        dueOn: a.due_on,
        status: a.status as MeetingActionItem['status'],
        doneOn: a.done_on,
        agendaItemId: a.agenda_item_id,
        isOverdue: isActionOverdue(
          { status: a.status as MeetingActionItem['status'], dueOn: a.due_on },
          today,
        ),
      }),
    ),
  };
}

/** The fields of a meeting row shared by the list and the full record. */
export function meetingFields(row: MeetingRow) {
  return {
    id: row.id,
    type: row.type as MeetingType,
    title: row.title,
    countries: [...row.countries].map((c) => c.trim()),
    agreementId: row.agreement_id,
    ordinal: row.ordinal,
    scheduledOn: row.scheduled_on,
    dateNote: row.date_note,
    heldOn: row.held_on,
    location: row.location,
    hostCountry: row.host_country?.trim() ?? null,
    status: row.status as MeetingStatus,
    statusNote: row.status_note,
    typeNote: row.type_note,
    note: row.note,
    source: row.source,
    isSeeded: row.is_seeded,
    version: row.version,
  };
}
