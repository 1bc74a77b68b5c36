import { randomUUID } from 'node:crypto';
import {
  type CaseEvent,
  type CasePerpetrator,
  DomainError,
  type Gender,
  IdSchema,
  type PerpetratorInput,
  PerpetratorInputSchema,
  type TraffickingEventInput,
  TraffickingEventInputSchema,
  type TraffickingEventType,
} from '@ctip/domain';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent } from '../common/access';
import { isoOf } from '../common/iso-date';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { auditCaseRead, loadCaseForAccess, recordCaseHistory } from './case-access';
import { touchCase } from './case-parts';
import { openOptional, sealOptional } from './person-crypto';

type CaseArgs = { ctx: ServiceContext; auth: AuthContext; caseId: string };

/**
 * Add a trafficking event (HTCDS hte_*) to a case. Audited as `case.event_add`.
 * @throws INVALID_INPUT, FORBIDDEN (audited), NOT_FOUND
 */
export async function addCaseEvent(
  args: CaseArgs & { input: TraffickingEventInput },
): Promise<CaseEvent> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const input = parseInput(TraffickingEventInputSchema, args.input);
  await loadCaseForAccess(ctx, auth, caseId, 'update');
  const now = ctx.now();
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('case_event')
      .values({
        id,
        case_id: caseId,
        type: input.type,
        country: input.country ?? null,
        state: input.state ?? null,
        city: input.city ?? null,
        occurred_on: input.date ?? null,
        description_enc: sealOptional(ctx.config, input.description),
        created_at: now,
      })
      .execute();
    await touchCase(trx, caseId, now);
    await recordCaseHistory(trx, {
      caseId,
      userId: auth.actor.userId,
      action: 'event_add',
      changes: { event: { type: input.type, country: input.country ?? null } },
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'case.event_add',
        { type: 'case', id: caseId },
        { eventId: id, type: input.type },
      ),
      now,
    );
  });
  return {
    id,
    type: input.type,
    country: input.country ?? null,
    state: input.state ?? null,
    city: input.city ?? null,
    date: input.date ?? null,
    description: input.description ?? null,
    createdAt: now.toISOString(),
  };
}

/**
 * The trafficking events of a case, in date order. Audited as a read of the case.
 * @throws FORBIDDEN (audited), NOT_FOUND
 */
export async function listCaseEvents(args: CaseArgs): Promise<{ items: CaseEvent[] }> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  await loadCaseForAccess(ctx, auth, caseId, 'read');
  const rows = await ctx.db
    .selectFrom('case_event')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('occurred_on', 'asc')
    .orderBy('created_at', 'asc')
    .execute();
  await auditCaseRead(ctx, auth, caseId, 'events');
  return {
    items: rows.map((r) => ({
      id: r.id,
      type: r.type as TraffickingEventType,
      country: r.country,
      state: r.state,
      city: r.city,
      date: r.occurred_on,
      description: openOptional(ctx.config, r.description_enc),
      createdAt: isoOf(r.created_at) as string,
    })),
  };
}

/**
 * Remove a trafficking event recorded by mistake. Recorded in the history, audited as an update.
 * @throws FORBIDDEN (audited), NOT_FOUND
 */
export async function deleteCaseEvent(args: CaseArgs & { eventId: string }): Promise<void> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const eventId = parseInput(IdSchema, args.eventId);
  await loadCaseForAccess(ctx, auth, caseId, 'update');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('case_event')
      .where('id', '=', eventId)
      .where('case_id', '=', caseId)
      .returning(['type', 'country'])
      .executeTakeFirst();
    if (!removed) {
      throw new DomainError('NOT_FOUND', 'No such event on this case');
    }
    await touchCase(trx, caseId, now);
    await recordCaseHistory(trx, {
      caseId,
      userId: auth.actor.userId,
      action: 'event_delete',
      changes: { event: { type: removed.type, country: removed.country } },
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(auth, 'case.update', { type: 'case', id: caseId }, { eventRemoved: eventId }),
      now,
    );
  });
}

/**
 * Link a perpetrator (HTCDS per_*) to a case; name and role details are sealed.
 * @throws INVALID_INPUT, FORBIDDEN (audited), NOT_FOUND
 */
export async function addPerpetrator(
  args: CaseArgs & { input: PerpetratorInput },
): Promise<CasePerpetrator> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const input = parseInput(PerpetratorInputSchema, args.input);
  await loadCaseForAccess(ctx, auth, caseId, 'update');
  const now = ctx.now();
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('perpetrator')
      .values({
        id,
        case_id: caseId,
        roles: input.roles,
        role_details_enc: sealOptional(ctx.config, input.roleDetails),
        name_enc: sealOptional(ctx.config, input.name),
        nationality: input.nationality ?? null,
        gender: input.gender ?? null,
        is_former_victim: input.isFormerVictim,
        created_at: now,
      })
      .execute();
    await recordCaseHistory(trx, {
      caseId,
      userId: auth.actor.userId,
      action: 'perpetrator_add',
      changes: { roles: input.roles },
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(auth, 'case.update', { type: 'case', id: caseId }, { perpetratorAdded: id }),
      now,
    );
  });
  return {
    id,
    roles: input.roles,
    roleDetails: input.roleDetails ?? null,
    name: input.name ?? null,
    nationality: input.nationality ?? null,
    gender: input.gender ?? null,
    isFormerVictim: input.isFormerVictim,
    createdAt: now.toISOString(),
  };
}

/**
 * The perpetrators of a case, decrypted. Audited as a read of the case.
 * @throws FORBIDDEN (audited), NOT_FOUND
 */
export async function listPerpetrators(args: CaseArgs): Promise<{ items: CasePerpetrator[] }> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  await loadCaseForAccess(ctx, auth, caseId, 'read');
  const rows = await ctx.db
    .selectFrom('perpetrator')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
  await auditCaseRead(ctx, auth, caseId, 'perpetrators');
  return {
    items: rows.map((r) => ({
      id: r.id,
      roles: r.roles,
      roleDetails: openOptional(ctx.config, r.role_details_enc),
      name: openOptional(ctx.config, r.name_enc),
      nationality: r.nationality,
      gender: r.gender as Gender | null,
      isFormerVictim: r.is_former_victim,
      createdAt: isoOf(r.created_at) as string,
    })),
  };
}
