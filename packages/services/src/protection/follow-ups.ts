import { randomUUID } from 'node:crypto';
import type { Database } from '@ctip/db';
import {
  DomainError,
  type FollowUpRecordInput,
  FollowUpRecordInputSchema,
  followUpIsOverdue,
  followUpSchedule,
  IdSchema,
  IsoDateSchema,
  type ReintegrationInput,
  ReintegrationInputSchema,
} from '@ctip/domain';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event';
import { type CaseAccessRow, loadCaseForAccess, recordCaseHistory } from '../cases/case-access';
import { openOptional, sealOptional } from '../cases/person-crypto';
import { auditEvent } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { auditCaseRead } from './common';
import { todayOf } from './country-rules';

export type FollowUpView = {
  id: string;
  monthsAfter: number | null;
  scheduledOn: string;
  doneOn: string | null;
  method: string | null;
  wellbeing: string | null;
  outcome: string | null;
  isRetrafficked: boolean;
  becameBroker: boolean;
  isOverdue: boolean;
};
export type CaseFollowUps = {
  reintegratedOn: string | null;
  status: string;
  isRetrafficked: boolean;
  becameBroker: boolean;
  followUps: FollowUpView[];
};

async function insertFollowUps(
  trx: Transaction<Database>,
  c: CaseAccessRow,
  items: { monthsAfter: number | null; scheduledOn: string }[],
  now: Date,
): Promise<void> {
  if (items.length === 0) {
    return;
  }
  const rows = items.map((f) => ({ id: randomUUID(), ...f }));
  await trx
    .insertInto('follow_up')
    .values(
      rows.map((f) => ({
        id: f.id,
        case_id: c.id,
        months_after: f.monthsAfter,
        scheduled_on: f.scheduledOn,
        created_at: now,
      })),
    )
    .execute();
  await trx
    .insertInto('task')
    .values(
      rows.map((f) => ({
        id: randomUUID(),
        case_id: c.id,
        agency_id: c.agency_id,
        assignee_user_id: c.owner_user_id,
        kind: 'follow_up',
        params: JSON.stringify({ followUpId: f.id, monthsAfter: f.monthsAfter }),
        due_on: f.scheduledOn,
        created_at: now,
      })),
    )
    .execute();
}

/**
 * The case's reintegration date, flags and follow-ups (outcomes decrypted).
 * @throws FORBIDDEN, NOT_FOUND
 */
export async function findFollowUps(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
}): Promise<CaseFollowUps> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  await loadCaseForAccess(ctx, auth, caseId, 'read');
  const c = await ctx.db
    .selectFrom('case_record')
    .select(['reintegrated_on', 'status', 'is_retrafficked', 'became_broker'])
    .where('id', '=', caseId)
    .executeTakeFirstOrThrow();
  const rows = await ctx.db
    .selectFrom('follow_up')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('scheduled_on')
    .execute();
  await auditCaseRead(ctx, auth, caseId, 'follow_ups');
  const today = todayOf(ctx);
  return {
    reintegratedOn: c.reintegrated_on,
    status: c.status,
    isRetrafficked: c.is_retrafficked,
    becameBroker: c.became_broker,
    followUps: rows.map((f) => ({
      id: f.id,
      monthsAfter: f.months_after,
      scheduledOn: f.scheduled_on,
      doneOn: f.done_on,
      method: f.method,
      wellbeing: f.wellbeing,
      outcome: openOptional(ctx.config, f.outcome_enc),
      isRetrafficked: f.is_retrafficked,
      becameBroker: f.became_broker,
      isOverdue: followUpIsOverdue({ scheduledOn: f.scheduled_on, doneOn: f.done_on }, today),
    })),
  };
}

/**
 * Record the reintegration: set `reintegrated_on`, move the case to `FollowUp` and schedule the
 * follow-ups (3, 6 and 12 months by default), each with a task for the case owner. Follow-ups of an
 * earlier reintegration that are not done yet are replaced (with their open tasks).
 * @throws FORBIDDEN, NOT_FOUND, INVALID_INPUT
 */
export async function reintegrateCase(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
  input: ReintegrationInput;
}): Promise<{ reintegratedOn: string; followUps: { monthsAfter: number; scheduledOn: string }[] }> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const input = parseInput(ReintegrationInputSchema, args.input);
  const c = await loadCaseForAccess(ctx, auth, caseId, 'update');
  const schedule = followUpSchedule(input.date, input.months);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('case_record')
      .select(['status', 'reintegrated_on'])
      .where('id', '=', caseId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const open = await trx
      .selectFrom('follow_up')
      .select('id')
      .where('case_id', '=', caseId)
      .where('done_on', 'is', null)
      .execute();
    if (open.length > 0) {
      const ids = open.map((o) => o.id);
      const tasks = await trx
        .selectFrom('task')
        .select(['id', 'params'])
        .where('case_id', '=', caseId)
        .where('kind', '=', 'follow_up')
        .where('done_at', 'is', null)
        .execute();
      const stale = tasks.filter((t) => ids.includes(String(t.params.followUpId))).map((t) => t.id);
      if (stale.length > 0) {
        await trx.deleteFrom('task').where('id', 'in', stale).execute();
      }
      await trx.deleteFrom('follow_up').where('id', 'in', ids).execute();
    }
    await trx
      .updateTable('case_record')
      .set((eb) => ({
        reintegrated_on: input.date,
        status: 'FollowUp',
        version: eb('version', '+', 1),
        updated_at: now,
      }))
      .where('id', '=', caseId)
      .execute();
    await insertFollowUps(trx, c, schedule, now);
    await recordCaseHistory(trx, {
      caseId,
      userId: auth.actor.userId,
      action: 'case.reintegrate',
      changes: {
        status: { old: before.status, new: 'FollowUp' },
        reintegratedOn: { old: before.reintegrated_on, new: input.date },
        followUpMonths: schedule.map((s) => s.monthsAfter),
      },
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'case.update',
        { type: 'case', id: caseId },
        { fields: ['reintegratedOn', 'status'], followUps: schedule.length },
      ),
      now,
    );
  });
  return { reintegratedOn: input.date, followUps: schedule };
}

export const FollowUpScheduleInputSchema = z.strictObject({ scheduledOn: IsoDateSchema });

/**
 * Schedule one more follow-up (with its task).
 * @throws FORBIDDEN, NOT_FOUND, INVALID_INPUT
 */
export async function scheduleFollowUp(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
  input: z.input<typeof FollowUpScheduleInputSchema>;
}): Promise<{ scheduledOn: string }> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const input = parseInput(FollowUpScheduleInputSchema, args.input);
  const c = await loadCaseForAccess(ctx, auth, caseId, 'update');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await insertFollowUps(trx, c, [{ monthsAfter: null, scheduledOn: input.scheduledOn }], now);
    await appendAuditEvent(
      trx,
      auditEvent(auth, 'followup.record', { type: 'case', id: caseId }, { scheduled: 1 }),
      now,
    );
  });
  return { scheduledOn: input.scheduledOn };
}

/**
 * Record a follow-up's outcome (method, wellbeing, outcome text encrypted). Re-trafficking or having
 * become a broker also sets the flag on the case (with history); the follow-up's task is closed.
 * @throws FORBIDDEN, NOT_FOUND, INVALID_INPUT
 */
export async function recordFollowUp(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  id: string;
  input: FollowUpRecordInput;
}): Promise<{ id: string }> {
  const { ctx, auth } = args;
  const id = parseInput(IdSchema, args.id);
  const input = parseInput(FollowUpRecordInputSchema, args.input);
  const f = await ctx.db
    .selectFrom('follow_up')
    .select(['id', 'case_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!f) {
    throw new DomainError('NOT_FOUND', 'No such follow-up');
  }
  const caseId = f.case_id;
  await loadCaseForAccess(ctx, auth, caseId, 'update');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('follow_up')
      .set({
        done_on: input.doneOn,
        done_by: auth.actor.userId,
        method: input.method,
        wellbeing: input.wellbeing,
        outcome_enc: sealOptional(ctx.config, input.outcome),
        is_retrafficked: input.isRetrafficked,
        became_broker: input.becameBroker,
      })
      .where('id', '=', id)
      .execute();
    const c = await trx
      .selectFrom('case_record')
      .select(['is_retrafficked', 'became_broker'])
      .where('id', '=', caseId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const changes: Record<string, unknown> = {};
    if (input.isRetrafficked && !c.is_retrafficked) {
      changes.isRetrafficked = { old: false, new: true };
    }
    if (input.becameBroker && !c.became_broker) {
      changes.becameBroker = { old: false, new: true };
    }
    if (Object.keys(changes).length > 0) {
      await trx
        .updateTable('case_record')
        .set((eb) => ({
          ...(changes.isRetrafficked ? { is_retrafficked: true } : {}),
          ...(changes.becameBroker ? { became_broker: true } : {}),
          version: eb('version', '+', 1),
          updated_at: now,
        }))
        .where('id', '=', caseId)
        .execute();
      await recordCaseHistory(trx, {
        caseId,
        userId: auth.actor.userId,
        action: 'followup.flags',
        changes,
        at: now,
      });
    }
    const tasks = await trx
      .selectFrom('task')
      .select(['id', 'params'])
      .where('case_id', '=', caseId)
      .where('kind', '=', 'follow_up')
      .where('done_at', 'is', null)
      .execute();
    const mine = tasks.filter((t) => t.params.followUpId === id).map((t) => t.id);
    if (mine.length > 0) {
      await trx
        .updateTable('task')
        .set({ done_at: now, done_by: auth.actor.userId })
        .where('id', 'in', mine)
        .execute();
    }
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'followup.record',
        { type: 'case', id: caseId },
        { followUpId: id, caseFlagsChanged: Object.keys(changes) },
      ),
      now,
    );
  });
  return { id };
}
