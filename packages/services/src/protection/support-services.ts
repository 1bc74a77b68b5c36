import { randomUUID } from 'node:crypto';
import {
  DomainError,
  IdSchema,
  type SupportPlanInput,
  SupportPlanInputSchema,
  type SupportServiceInput,
  SupportServiceInputSchema,
} from '@ctip/domain';
import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadCaseForAccess, recordCaseHistory } from '../cases/case-access';
import { openOptional, sealOptional } from '../cases/person-crypto';
import { auditEvent } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { auditCaseRead, requireProvider } from './common';

export type SupportPlanView = {
  id: string;
  goals: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
};
export type SupportServiceView = {
  id: string;
  planId: string | null;
  type: string;
  providerId: string | null;
  providerName: string | null;
  status: string;
  startDate: string | null;
  endDate: string | null;
  notes: string | null;
  createdAt: string;
};
export type CaseServices = { plans: SupportPlanView[]; services: SupportServiceView[] };

/**
 * The case's support plans and services, goals and notes decrypted. Audited as a read.
 * @throws FORBIDDEN, NOT_FOUND
 */
export async function getCaseServices(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
}): Promise<CaseServices> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  await loadCaseForAccess(ctx, auth, caseId, 'read');
  const plans = await ctx.db
    .selectFrom('support_plan')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .execute();
  const services = await ctx.db
    .selectFrom('support_service as s')
    .leftJoin('service_provider as p', 'p.id', 's.provider_id')
    .selectAll('s')
    .select('p.name as provider_name')
    .where('s.case_id', '=', caseId)
    .orderBy('s.created_at')
    .execute();
  await auditCaseRead(ctx, auth, caseId, 'services');
  return {
    plans: plans.map((p) => ({
      id: p.id,
      goals: openOptional(ctx.config, p.goals_enc),
      status: p.status,
      createdAt: p.created_at.toISOString(),
      updatedAt: p.updated_at.toISOString(),
    })),
    services: services.map((s) => ({
      id: s.id,
      planId: s.plan_id,
      type: s.type,
      providerId: s.provider_id,
      providerName: s.provider_name,
      status: s.status,
      startDate: s.start_date,
      endDate: s.end_date,
      notes: openOptional(ctx.config, s.notes_enc),
      createdAt: s.created_at.toISOString(),
    })),
  };
}

/**
 * Create (no `planId`) or replace the goals of a support plan. Goals are encrypted; the audit event
 * names the plan, never the goals.
 * @throws FORBIDDEN, NOT_FOUND, INVALID_INPUT
 */
export async function saveSupportPlan(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
  planId?: string;
  input: SupportPlanInput;
}): Promise<{ id: string }> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const input = parseInput(SupportPlanInputSchema, args.input);
  const planId = args.planId ? parseInput(IdSchema, args.planId) : undefined;
  await loadCaseForAccess(ctx, auth, caseId, 'update');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    let id = planId;
    if (id) {
      const res = await trx
        .updateTable('support_plan')
        .set({
          goals_enc: sealOptional(ctx.config, input.goals),
          status: input.status,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) === 0) {
        throw new DomainError('NOT_FOUND', 'No such support plan');
      }
    } else {
      id = randomUUID();
      await trx
        .insertInto('support_plan')
        .values({
          id,
          case_id: caseId,
          created_by: auth.actor.userId,
          goals_enc: sealOptional(ctx.config, input.goals),
          status: input.status,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    await recordCaseHistory(trx, {
      caseId,
      userId: auth.actor.userId,
      action: planId ? 'support_plan.update' : 'support_plan.create',
      changes: { goals: { changed: true }, status: input.status },
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(auth, 'service.record', { type: 'case', id: caseId }, { supportPlanId: id }),
      now,
    );
    return { id };
  });
}

export const SupportServiceUpdateSchema = z.strictObject({
  status: SupportServiceInputSchema.shape.status.unwrap().optional(),
  endDate: SupportServiceInputSchema.shape.endDate,
});

/**
 * Record a service for a case (HTCDS support type, provider, status, dates; notes encrypted).
 * @throws FORBIDDEN, NOT_FOUND, INVALID_INPUT (naming the field)
 */
export async function recordSupportService(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
  input: SupportServiceInput;
}): Promise<SupportServiceView> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const input = parseInput(SupportServiceInputSchema, args.input);
  const c = await loadCaseForAccess(ctx, auth, caseId, 'update');
  await requireProvider(ctx.db, input.providerId, c.country_code);
  if (input.planId) {
    const plan = await ctx.db
      .selectFrom('support_plan')
      .select('id')
      .where('id', '=', input.planId)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    if (!plan) {
      throw new DomainError('INVALID_INPUT', 'planId: no such support plan', { field: 'planId' });
    }
  }
  const now = ctx.now();
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('support_service')
      .values({
        id,
        case_id: caseId,
        plan_id: input.planId ?? null,
        type: input.type,
        provider_id: input.providerId ?? null,
        status: input.status,
        start_date: input.startDate ?? null,
        end_date: input.endDate ?? null,
        notes_enc: sealOptional(ctx.config, input.notes),
        created_by: auth.actor.userId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordCaseHistory(trx, {
      caseId,
      userId: auth.actor.userId,
      action: 'service.record',
      changes: { type: input.type, status: input.status },
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'service.record',
        { type: 'case', id: caseId },
        { serviceId: id, type: input.type, status: input.status },
      ),
      now,
    );
  });
  return {
    id,
    planId: input.planId ?? null,
    type: input.type,
    providerId: input.providerId ?? null,
    providerName: null,
    status: input.status,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    notes: input.notes ?? null,
    createdAt: now.toISOString(),
  };
}

/**
 * Change a service's status or end date.
 * @throws FORBIDDEN, NOT_FOUND, INVALID_INPUT
 */
export async function updateSupportService(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
  serviceId: string;
  input: z.input<typeof SupportServiceUpdateSchema>;
}): Promise<{ id: string }> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const serviceId = parseInput(IdSchema, args.serviceId);
  const input = parseInput(SupportServiceUpdateSchema, args.input);
  await loadCaseForAccess(ctx, auth, caseId, 'update');
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('support_service')
      .set({
        ...(input.status ? { status: input.status } : {}),
        ...(input.endDate ? { end_date: input.endDate } : {}),
        updated_at: now,
      })
      .where('id', '=', serviceId)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) {
      throw new DomainError('NOT_FOUND', 'No such service');
    }
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'service.record',
        { type: 'case', id: caseId },
        { serviceId, status: input.status ?? null },
      ),
      now,
    );
  });
  return { id: serviceId };
}
