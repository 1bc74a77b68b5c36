import type { Database } from '@ctip/db';
import {
  type ActionItemInput,
  ActionItemInputSchema,
  type ActionItemUpdateInput,
  ActionItemUpdateInputSchema,
  type AgendaItemInput,
  AgendaItemInputSchema,
  type AgendaItemUpdateInput,
  AgendaItemUpdateInputSchema,
  type DecisionInput,
  DecisionInputSchema,
  DomainError,
  type Meeting,
  type MeetingInput,
  MeetingInputSchema,
  type MeetingUpdateInput,
  MeetingUpdateInputSchema,
} from '@ctip/domain';
import type { Transaction, Updateable } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { type AgendaDraft, buildPairAgenda } from './meeting-agenda';
import {
  authorizeMeeting,
  loadMeetingFor,
  loadMeetingRow,
  type MeetingRow,
  presentMeeting,
  staleVersion,
  todayOf,
} from './meeting-common';

type Trx = Transaction<Database>;

function invalid(field: string, message: string): DomainError {
  return new DomainError('INVALID_INPUT', `${field}: ${message}`, { field });
}

async function assertCountries(ctx: ServiceContext, codes: readonly string[], field: string) {
  if (new Set(codes).size !== codes.length) {
    throw invalid(field, 'lists a country twice');
  }
  const found = await ctx.db
    .selectFrom('country')
    .select('code')
    .where('code', 'in', codes)
    .execute();
  if (found.length !== codes.length) {
    throw invalid(field, 'names an unknown country');
  }
}

async function touch(trx: Trx, id: string, now: Date): Promise<void> {
  await trx.updateTable('meeting').set({ updated_at: now }).where('id', '=', id).execute();
}

async function reload(ctx: ServiceContext, id: string): Promise<Meeting> {
  return presentMeeting(ctx.db, await loadMeetingRow(ctx.db, id), todayOf(ctx));
}

/**
 * Plan a meeting. With `buildAgenda` (default) a meeting of two countries starts with one agenda
 * item per open shared case of the pair and one listing this year's reconciliation mismatches.
 * @throws INVALID_INPUT (field named), FORBIDDEN (audited): meeting:create in one of its countries
 */
export async function createMeeting(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: MeetingInput;
}): Promise<Meeting> {
  const { ctx, auth } = args;
  const input = parseInput(MeetingInputSchema, args.input);
  await authorizeMeeting(ctx, auth, 'create', input.countries, null);
  await assertCountries(ctx, input.countries, 'countries');
  if (input.hostCountry) {
    await assertCountries(ctx, [input.hostCountry], 'hostCountry');
  }
  if (input.agreementId) {
    const agreement = await ctx.db
      .selectFrom('agreement')
      .select('id')
      .where('id', '=', input.agreementId)
      .executeTakeFirst();
    if (!agreement) {
      throw invalid('agreementId', 'no such agreement');
    }
  }
  const today = todayOf(ctx);
  const pair = input.countries.length === 2 ? (input.countries as [string, string]) : null;
  const agenda: AgendaDraft[] =
    input.buildAgenda && pair ? await buildPairAgenda(ctx, auth.actor, pair, today) : [];
  const id = crypto.randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('meeting')
      .values({
        id,
        type: input.type,
        title: input.title,
        countries: input.countries,
        agreement_id: input.agreementId ?? null,
        ordinal: input.ordinal ?? null,
        scheduled_on: input.scheduledOn,
        location: input.location ?? null,
        host_country: input.hostCountry ?? null,
        status: 'Planned',
        created_by: auth.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (agenda.length > 0) {
      await trx
        .insertInto('meeting_agenda_item')
        .values(
          agenda.map((a, i) => ({
            id: crypto.randomUUID(),
            meeting_id: id,
            position: i + 1,
            title: a.title,
            xb_case_id: a.xbCaseId,
            note: a.note,
          })),
        )
        .execute();
    }
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'meeting.create',
        { type: 'meeting', id },
        { type: input.type, countries: input.countries, agendaItems: agenda.length },
      ),
      now,
    );
  });
  return reload(ctx, id);
}

/**
 * Change a meeting at the version the user edited: title, date, place, status, held date, minutes
 * (no names of victims: case codes). A held meeting needs its held date.
 * @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN (audited), CONFLICT (stale version)
 */
export async function updateMeeting(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  meetingId: string;
  input: MeetingUpdateInput;
}): Promise<Meeting> {
  const { ctx, auth } = args;
  const input = parseInput(MeetingUpdateInputSchema, args.input);
  const row = await loadMeetingFor(ctx, auth, 'update', args.meetingId);
  if (row.version !== input.version) {
    throw staleVersion();
  }
  const set: Updateable<Database['meeting']> = {};
  if (input.title !== undefined) {
    set.title = input.title;
  }
  if (input.status !== undefined) {
    set.status = input.status;
  }
  if (input.scheduledOn !== undefined) {
    set.scheduled_on = input.scheduledOn;
  }
  if (input.heldOn !== undefined) {
    set.held_on = input.heldOn;
  }
  if (input.location !== undefined) {
    set.location = input.location;
  }
  if (input.minutes !== undefined) {
    set.minutes = input.minutes;
  }
  const status = set.status ?? row.status;
  const heldOn = set.held_on === undefined ? row.held_on : set.held_on;
  if (status === 'Held' && !heldOn) {
    throw invalid('heldOn', 'is required for a held meeting');
  }
  if (heldOn && status === 'Planned' && input.heldOn) {
    set.status = 'Held';
  }
  if (heldOn && heldOn > todayOf(ctx)) {
    throw invalid('heldOn', 'is in the future');
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('meeting')
      .set({ ...set, version: input.version + 1, updated_at: now })
      .where('id', '=', row.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      throw staleVersion();
    }
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'meeting.update',
        { type: 'meeting', id: row.id },
        { fields: Object.keys(set).sort(), ...(set.status ? { status: set.status } : {}) },
      ),
      now,
    );
  });
  return reload(ctx, row.id);
}

/**
 * Delete a planned meeting (held, cancelled and seeded meetings are records: cancel instead).
 * @throws NOT_FOUND, FORBIDDEN (audited), CONFLICT
 */
export async function deleteMeeting(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  meetingId: string;
}): Promise<void> {
  const { ctx, auth } = args;
  const row = await loadMeetingFor(ctx, auth, 'delete', args.meetingId);
  if (row.status !== 'Planned' || row.is_seeded) {
    throw new DomainError('CONFLICT', 'Only a planned meeting can be deleted; cancel it instead', {
      field: 'status',
    });
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('meeting').where('id', '=', row.id).execute();
    await appendAuditEvent(
      trx,
      auditEvent(auth, 'meeting.delete', { type: 'meeting', id: row.id }, { type: row.type }),
      now,
    );
  });
}

/** One change to a part of a meeting (agenda, decisions, actions), audited as meeting.update. */
async function changePart(
  ctx: ServiceContext,
  auth: AuthContext,
  row: MeetingRow,
  change: string,
  write: (trx: Trx) => Promise<void>,
  action: 'meeting.update' | 'meeting.action_update' = 'meeting.update',
  details: Record<string, unknown> = {},
): Promise<Meeting> {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await write(trx);
    await touch(trx, row.id, now);
    await appendAuditEvent(
      trx,
      auditEvent(auth, action, { type: 'meeting', id: row.id }, { change, ...details }),
      now,
    );
  });
  return reload(ctx, row.id);
}

async function assertXbCase(ctx: ServiceContext, id: string | undefined): Promise<void> {
  if (!id) {
    return;
  }
  const x = await ctx.db.selectFrom('xb_case').select('id').where('id', '=', id).executeTakeFirst();
  if (!x) {
    throw invalid('xbCaseId', 'no such shared case');
  }
}

/** Add an agenda item (at the end). @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN (audited) */
export async function addAgendaItem(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  meetingId: string;
  input: AgendaItemInput;
}): Promise<Meeting> {
  const { ctx, auth } = args;
  const input = parseInput(AgendaItemInputSchema, args.input);
  const row = await loadMeetingFor(ctx, auth, 'update', args.meetingId);
  await assertXbCase(ctx, input.xbCaseId);
  const last = await ctx.db
    .selectFrom('meeting_agenda_item')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('meeting_id', '=', row.id)
    .executeTakeFirst();
  const id = crypto.randomUUID();
  return changePart(
    ctx,
    auth,
    row,
    'agenda_add',
    async (trx) => {
      await trx
        .insertInto('meeting_agenda_item')
        .values({
          id,
          meeting_id: row.id,
          position: Number(last?.p ?? 0) + 1,
          title: input.title,
          xb_case_id: input.xbCaseId ?? null,
          note: input.note ?? null,
          decision: input.decision ?? null,
        })
        .execute();
    },
    'meeting.update',
    { itemId: id },
  );
}

async function loadAgendaItem(ctx: ServiceContext, meetingId: string, itemId: string) {
  const item = await ctx.db
    .selectFrom('meeting_agenda_item')
    .select('id')
    .where('id', '=', itemId)
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  if (!item) {
    throw new DomainError('NOT_FOUND', 'No such agenda item');
  }
}

/** Edit an agenda item: title, note, decision, position. @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN */
export async function updateAgendaItem(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  meetingId: string;
  itemId: string;
  input: AgendaItemUpdateInput;
}): Promise<Meeting> {
  const { ctx, auth } = args;
  const input = parseInput(AgendaItemUpdateInputSchema, args.input);
  const row = await loadMeetingFor(ctx, auth, 'update', args.meetingId);
  await loadAgendaItem(ctx, row.id, args.itemId);
  const set: Updateable<Database['meeting_agenda_item']> = {};
  if (input.title !== undefined) {
    set.title = input.title;
  }
  if (input.note !== undefined) {
    set.note = input.note;
  }
  if (input.decision !== undefined) {
    set.decision = input.decision;
  }
  if (input.position !== undefined) {
    set.position = input.position;
  }
  if (Object.keys(set).length === 0) {
    throw invalid('title', 'nothing to change');
  }
  return changePart(
    ctx,
    auth,
    row,
    'agenda_update',
    async (trx) => {
      await trx.updateTable('meeting_agenda_item').set(set).where('id', '=', args.itemId).execute();
    },
    'meeting.update',
    { itemId: args.itemId, fields: Object.keys(set).sort() },
  );
}

/** Remove an agenda item. @throws NOT_FOUND, FORBIDDEN (audited) */
export async function deleteAgendaItem(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  meetingId: string;
  itemId: string;
}): Promise<Meeting> {
  const { ctx, auth } = args;
  const row = await loadMeetingFor(ctx, auth, 'update', args.meetingId);
  await loadAgendaItem(ctx, row.id, args.itemId);
  return changePart(
    ctx,
    auth,
    row,
    'agenda_delete',
    async (trx) => {
      await trx.deleteFrom('meeting_agenda_item').where('id', '=', args.itemId).execute();
    },
    'meeting.update',
    { itemId: args.itemId },
  );
}

/** Record a decision. @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN (audited) */
export async function addDecision(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  meetingId: string;
  input: DecisionInput;
}): Promise<Meeting> {
  const { ctx, auth } = args;
  const input = parseInput(DecisionInputSchema, args.input);
  const row = await loadMeetingFor(ctx, auth, 'update', args.meetingId);
  const last = await ctx.db
    .selectFrom('meeting_decision')
    .select((eb) => eb.fn.max('position').as('p'))
    .where('meeting_id', '=', row.id)
    .executeTakeFirst();
  const id = crypto.randomUUID();
  return changePart(
    ctx,
    auth,
    row,
    'decision_add',
    async (trx) => {
      await trx
        .insertInto('meeting_decision')
        .values({ id, meeting_id: row.id, position: Number(last?.p ?? 0) + 1, text: input.text })
        .execute();
    },
    'meeting.update',
    { decisionId: id },
  );
}

/** Remove a decision. @throws NOT_FOUND, FORBIDDEN (audited) */
export async function deleteDecision(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  meetingId: string;
  decisionId: string;
}): Promise<Meeting> {
  const { ctx, auth } = args;
  const row = await loadMeetingFor(ctx, auth, 'update', args.meetingId);
  const d = await ctx.db
    .selectFrom('meeting_decision')
    .select('id')
    .where('id', '=', args.decisionId)
    .where('meeting_id', '=', row.id)
    .executeTakeFirst();
  if (!d) {
    throw new DomainError('NOT_FOUND', 'No such decision');
  }
  return changePart(
    ctx,
    auth,
    row,
    'decision_delete',
    async (trx) => {
      await trx.deleteFrom('meeting_decision').where('id', '=', args.decisionId).execute();
    },
    'meeting.update',
    { decisionId: args.decisionId },
  );
}

async function assertOwner(
  ctx: ServiceContext,
  owner: { country: string; agencyId?: string | null; userId?: string | null },
): Promise<void> {
  await assertCountries(ctx, [owner.country], 'ownerCountry');
  if (owner.agencyId) {
    const a = await ctx.db
      .selectFrom('agency')
      .select('country_code')
      .where('id', '=', owner.agencyId)
      .executeTakeFirst();
    if (!a) {
      throw invalid('ownerAgencyId', 'no such agency');
    }
    if (a.country_code.trim() !== owner.country) {
      throw invalid('ownerAgencyId', 'is in another country than the owner country');
    }
  }
  if (owner.userId) {
    const u = await ctx.db
      .selectFrom('app_user')
      .select('id')
      .where('id', '=', owner.userId)
      .executeTakeFirst();
    if (!u) {
      throw invalid('ownerUserId', 'no such user');
    }
  }
}

/** Add an action item with its owner and due date. @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN */
export async function addActionItem(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  meetingId: string;
  input: ActionItemInput;
}): Promise<Meeting> {
  const { ctx, auth } = args;
  const input = parseInput(ActionItemInputSchema, args.input);
  const row = await loadMeetingFor(ctx, auth, 'update', args.meetingId);
  await assertOwner(ctx, {
    country: input.ownerCountry,
    agencyId: input.ownerAgencyId,
    userId: input.ownerUserId,
  });
  if (input.agendaItemId) {
    const item = await ctx.db
      .selectFrom('meeting_agenda_item')
      .select('id')
      .where('id', '=', input.agendaItemId)
      .where('meeting_id', '=', row.id)
      .executeTakeFirst();
    if (!item) {
      throw invalid('agendaItemId', 'is not an item of this meeting');
    }
  }
  const id = crypto.randomUUID();
  const now = ctx.now();
  return changePart(
    ctx,
    auth,
    row,
    'action_add',
    async (trx) => {
      await trx
        .insertInto('meeting_action_item')
        .values({
          id,
          meeting_id: row.id,
          agenda_item_id: input.agendaItemId ?? null,
          title: input.title,
          owner_country: input.ownerCountry,
          owner_agency_id: input.ownerAgencyId ?? null,
          owner_user_id: input.ownerUserId ?? null,
          due_on: input.dueOn,
          status: 'Open',
          created_at: now,
        })
        .execute();
    },
    'meeting.action_update',
    { actionId: id },
  );
}

/**
 * Change an action item: owner, due date, status (Done needs the day it was done).
 * @throws INVALID_INPUT, NOT_FOUND, FORBIDDEN (audited)
 */
export async function updateActionItem(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  meetingId: string;
  actionId: string;
  input: ActionItemUpdateInput;
}): Promise<Meeting> {
  const { ctx, auth } = args;
  const input = parseInput(ActionItemUpdateInputSchema, args.input);
  const row = await loadMeetingFor(ctx, auth, 'update', args.meetingId);
  const current = await ctx.db
    .selectFrom('meeting_action_item')
    .selectAll()
    .where('id', '=', args.actionId)
    .where('meeting_id', '=', row.id)
    .executeTakeFirst();
  if (!current) {
    throw new DomainError('NOT_FOUND', 'No such action item');
  }
  const set: Updateable<Database['meeting_action_item']> = {};
  if (input.title !== undefined) {
    set.title = input.title;
  }
  if (input.ownerCountry !== undefined) {
    set.owner_country = input.ownerCountry;
  }
  if (input.ownerAgencyId !== undefined) {
    set.owner_agency_id = input.ownerAgencyId;
  }
  if (input.ownerUserId !== undefined) {
    set.owner_user_id = input.ownerUserId;
  }
  if (input.dueOn !== undefined) {
    set.due_on = input.dueOn;
  }
  if (input.status !== undefined) {
    set.status = input.status;
  }
  if (input.doneOn !== undefined) {
    set.done_on = input.doneOn;
  }
  if (input.status && input.status !== 'Done' && input.doneOn === undefined) {
    set.done_on = null;
  }
  if (Object.keys(set).length === 0) {
    throw invalid('status', 'nothing to change');
  }
  const status = set.status ?? current.status;
  const doneOn = set.done_on === undefined ? current.done_on : set.done_on;
  if (status === 'Done' && !doneOn) {
    throw invalid('doneOn', 'is required when done');
  }
  if (doneOn && doneOn > todayOf(ctx)) {
    throw invalid('doneOn', 'is in the future');
  }
  if (
    input.ownerCountry !== undefined ||
    input.ownerAgencyId !== undefined ||
    input.ownerUserId !== undefined
  ) {
    await assertOwner(ctx, {
      country: (set.owner_country as string | undefined) ?? current.owner_country.trim(),
      agencyId: set.owner_agency_id === undefined ? current.owner_agency_id : set.owner_agency_id,
      userId: set.owner_user_id === undefined ? current.owner_user_id : set.owner_user_id,
    });
  }
  return changePart(
    ctx,
    auth,
    row,
    'action_update',
    async (trx) => {
      await trx
        .updateTable('meeting_action_item')
        .set(set)
        .where('id', '=', args.actionId)
        .execute();
    },
    'meeting.action_update',
    { actionId: args.actionId, fields: Object.keys(set).sort(), status },
  );
}
