import type { Database } from '@ctip/db';
import {
  countBySection,
  countryOfGroup,
  DomainError,
  type MeetingParticipant,
  PARTICIPANT_SECTIONS,
  type ParticipantGroup,
  type ParticipantImportInput,
  ParticipantImportInputSchema,
  type ParticipantImportPreview,
  type ParticipantInput,
  ParticipantInputSchema,
  type ParticipantList,
  type ParticipantSection,
  type ParticipantSex,
  type ParticipantUpdateInput,
  ParticipantUpdateInputSchema,
  parseParticipantsCsv,
} from '@ctip/domain';
import type { Insertable, Selectable, Updateable } from 'kysely';
import { parseInput } from '../../common/parse-input';
import type { AuthContext, ServiceContext } from '../../context';
import { loadMeetingFor, type MeetingRow } from '../../crossborder/meeting-common';
import { audit, expectOneUpdated, givenColumns, staleVersion, type Trx } from '../common';

// Meeting participants: read with `meeting:read` on one of the meeting's countries, changed
// (add, edit, remove, import) with `meeting:update` there. Every change is audited.

type Row = Selectable<Database['meeting_participant']>;

function present(r: Row): MeetingParticipant {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    section: r.section as ParticipantSection,
    countryOrGroup: r.country_or_group,
    countryCode: r.country_code?.trim() ?? null,
    listNo: r.list_no,
    name: r.name,
    position: r.position,
    organisation: r.organisation,
    sex: r.sex as ParticipantSex | null,
    isYouth: r.is_youth,
    isSeeded: r.is_seeded,
    version: r.version,
  };
}

const SECTION_ORDER = new Map(PARTICIPANT_SECTIONS.map((s, i) => [s, i]));

/** Participants grouped by section, then by country or group in first-listed order. */
export function groupParticipants(list: readonly MeetingParticipant[]): ParticipantGroup[] {
  const sorted = [...list].sort(
    (a, b) => (SECTION_ORDER.get(a.section) ?? 0) - (SECTION_ORDER.get(b.section) ?? 0),
  );
  const groups: ParticipantGroup[] = [];
  const byKey = new Map<string, ParticipantGroup>();
  for (const p of sorted) {
    const key = `${p.section}|${p.countryOrGroup}`;
    let g = byKey.get(key);
    if (!g) {
      g = {
        section: p.section,
        countryOrGroup: p.countryOrGroup,
        countryCode: p.countryCode,
        participants: [],
      };
      byKey.set(key, g);
      groups.push(g);
    }
    g.participants.push(p);
  }
  return groups;
}

async function rowsOf(db: ServiceContext['db'] | Trx, meetingId: string): Promise<Row[]> {
  return db
    .selectFrom('meeting_participant')
    .selectAll()
    .where('meeting_id', '=', meetingId)
    .orderBy('country_or_group')
    .orderBy('list_no')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

async function listOf(ctx: ServiceContext, meetingId: string): Promise<ParticipantList> {
  const participants = (await rowsOf(ctx.db, meetingId)).map(present);
  return {
    meetingId,
    total: participants.length,
    bySection: countBySection(participants),
    groups: groupParticipants(participants),
  };
}

async function assertCountry(ctx: ServiceContext, code: string | null | undefined, field: string) {
  if (!code) {
    return;
  }
  const found = await ctx.db
    .selectFrom('country')
    .select('code')
    .where('code', '=', code)
    .executeTakeFirst();
  if (!found) {
    throw new DomainError('INVALID_INPUT', `${field}: names an unknown country`, { field });
  }
}

function insertable(
  meeting: MeetingRow,
  p: ParticipantInput,
  now: Date,
): Insertable<Database['meeting_participant']> {
  return {
    id: crypto.randomUUID(),
    meeting_id: meeting.id,
    section: p.section,
    country_or_group: p.countryOrGroup ?? '',
    country_code: p.countryCode ?? countryOfGroup(p.countryOrGroup ?? ''),
    list_no: p.listNo ?? null,
    name: p.name,
    position: p.position ?? null,
    organisation: p.organisation ?? null,
    sex: p.sex ?? null,
    is_youth: p.isYouth ?? false,
    is_seeded: false,
    created_at: now,
    updated_at: now,
  };
}

/**
 * The participants of a meeting by section and country or group.
 * @throws NOT_FOUND, FORBIDDEN (audited): meeting:read on one of its countries
 */
export async function listMeetingParticipants(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  meetingId: string;
}): Promise<ParticipantList> {
  const meeting = await loadMeetingFor(args.ctx, args.auth, 'read', args.meetingId);
  return listOf(args.ctx, meeting.id);
}

/**
 * Add one participant.
 * @throws INVALID_INPUT (field named), NOT_FOUND, FORBIDDEN (audited): meeting:update
 */
export async function addMeetingParticipant(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  meetingId: string;
  input: unknown;
}): Promise<MeetingParticipant> {
  const { ctx, auth } = args;
  const meeting = await loadMeetingFor(ctx, auth, 'update', args.meetingId);
  const input = parseInput(ParticipantInputSchema, args.input);
  await assertCountry(ctx, input.countryCode, 'countryCode');
  const now = ctx.now();
  const values = insertable(meeting, input, now);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.insertInto('meeting_participant').values(values).execute();
    await audit(
      trx,
      now,
      auth,
      'plans.participant_save',
      { type: 'meeting_participant', id: values.id },
      { op: 'create', meetingId: meeting.id, section: input.section },
    );
  });
  const row = await loadParticipant(ctx, meeting.id, values.id);
  return present(row);
}

async function loadParticipant(ctx: ServiceContext, meetingId: string, id: string): Promise<Row> {
  const row = await ctx.db
    .selectFrom('meeting_participant')
    .selectAll()
    .where('id', '=', id)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such participant');
  }
  return row;
}

/**
 * Edit a participant at a version.
 * @throws INVALID_INPUT, NOT_FOUND, CONFLICT (`version`), FORBIDDEN (audited): meeting:update
 */
export async function updateMeetingParticipant(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  meetingId: string;
  participantId: string;
  input: unknown;
}): Promise<MeetingParticipant> {
  const { ctx, auth } = args;
  const meeting = await loadMeetingFor(ctx, auth, 'update', args.meetingId);
  const input: ParticipantUpdateInput = parseInput(ParticipantUpdateInputSchema, args.input);
  await loadParticipant(ctx, meeting.id, args.participantId);
  await assertCountry(ctx, input.countryCode, 'countryCode');
  const now = ctx.now();
  const set: Updateable<Database['meeting_participant']> = { updated_at: now };
  Object.assign(
    set,
    givenColumns(input, {
      section: 'section',
      countryOrGroup: 'country_or_group',
      countryCode: 'country_code',
      listNo: 'list_no',
      name: 'name',
      position: 'position',
      organisation: 'organisation',
      sex: 'sex',
      isYouth: 'is_youth',
    }),
  );
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('meeting_participant')
      .set((eb) => ({ ...set, version: eb('version', '+', 1) }))
      .where('id', '=', args.participantId)
      .where('version', '=', input.version)
      .executeTakeFirst();
    expectOneUpdated(updated, () => staleVersion('participant'));
    await audit(
      trx,
      now,
      auth,
      'plans.participant_save',
      { type: 'meeting_participant', id: args.participantId },
      {
        op: 'update',
        meetingId: meeting.id,
        fields: Object.keys(input).filter((k) => k !== 'version'),
      },
    );
  });
  return present(await loadParticipant(ctx, meeting.id, args.participantId));
}

/**
 * Remove a participant.
 * @throws NOT_FOUND, FORBIDDEN (audited): meeting:update
 */
export async function removeMeetingParticipant(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  meetingId: string;
  participantId: string;
}): Promise<void> {
  const { ctx, auth } = args;
  const meeting = await loadMeetingFor(ctx, auth, 'update', args.meetingId);
  await loadParticipant(ctx, meeting.id, args.participantId);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('meeting_participant').where('id', '=', args.participantId).execute();
    await audit(
      trx,
      now,
      auth,
      'plans.participant_save',
      { type: 'meeting_participant', id: args.participantId },
      { op: 'delete', meetingId: meeting.id },
    );
  });
}

/**
 * Preview or commit a participants CSV (columns of the 2019 list). All-or-nothing: with any
 * row-level error nothing is written, even with `commit: true` (the preview lists the errors;
 * a commit with errors is refused as INVALID_INPUT naming the first error's column). `replace`
 * (default) swaps the meeting's list for the file's; `append` adds to it.
 * @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN (audited): meeting:update
 */
export async function importMeetingParticipants(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  meetingId: string;
  input: unknown;
}): Promise<ParticipantImportPreview> {
  const { ctx, auth } = args;
  const meeting = await loadMeetingFor(ctx, auth, 'update', args.meetingId);
  const input: ParticipantImportInput = parseInput(ParticipantImportInputSchema, args.input);
  const { rows, errors } = parseParticipantsCsv(input.csv);
  const preview: ParticipantImportPreview = {
    committed: false,
    mode: input.mode,
    rowCount: rows.length + new Set(errors.filter((e) => e.line > 1).map((e) => e.line)).size,
    errors,
    rows,
    bySection: countBySection(rows),
  };
  if (!input.commit) {
    return preview;
  }
  const first = errors[0];
  if (first) {
    throw new DomainError(
      'INVALID_INPUT',
      `line ${first.line}, ${first.field}: ${first.message} (${errors.length} errors; nothing imported)`,
      { field: first.field },
    );
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    let removed = 0;
    if (input.mode === 'replace') {
      const del = await trx
        .deleteFrom('meeting_participant')
        .where('meeting_id', '=', meeting.id)
        .executeTakeFirst();
      removed = Number(del.numDeletedRows);
    }
    const values = rows.map((r) => insertable(meeting, r, now));
    for (let i = 0; i < values.length; i += 500) {
      await trx
        .insertInto('meeting_participant')
        .values(values.slice(i, i + 500))
        .execute();
    }
    await audit(
      trx,
      now,
      auth,
      'plans.participants_import',
      { type: 'meeting', id: meeting.id },
      { mode: input.mode, imported: values.length, removed, bySection: preview.bySection },
    );
  });
  return { ...preview, committed: true };
}
