import { randomUUID } from 'node:crypto';
import {
  DomainError,
  IdSchema,
  type ServiceFeedbackInput,
  ServiceFeedbackInputSchema,
} from '@ctip/domain';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadCaseForAccess } from '../cases/case-access';
import { openOptional, sealOptional } from '../cases/person-crypto';
import { auditEvent } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { auditCaseRead, requireProvider } from './common';

export type ServiceFeedbackView = {
  id: string;
  followUpId: string | null;
  serviceType: string | null;
  providerId: string | null;
  providerName: string | null;
  satisfaction: number;
  comment: string | null;
  givenOn: string;
};

/**
 * The client's feedback on services for a case (comments decrypted).
 * @throws FORBIDDEN, NOT_FOUND
 */
export async function findServiceFeedback(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
}): Promise<ServiceFeedbackView[]> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  await loadCaseForAccess(ctx, auth, caseId, 'read');
  const rows = await ctx.db
    .selectFrom('service_feedback as f')
    .leftJoin('service_provider as p', 'p.id', 'f.provider_id')
    .selectAll('f')
    .select('p.name as provider_name')
    .where('f.case_id', '=', caseId)
    .orderBy('f.given_on', 'desc')
    .execute();
  await auditCaseRead(ctx, auth, caseId, 'feedback');
  return rows.map((r) => ({
    id: r.id,
    followUpId: r.follow_up_id,
    serviceType: r.service_type,
    providerId: r.provider_id,
    providerName: r.provider_name,
    satisfaction: r.satisfaction,
    comment: openOptional(ctx.config, r.comment_enc),
    givenOn: r.given_on,
  }));
}

/**
 * Record the client's feedback on a service: satisfaction 1–5, service type, provider, comment
 * (encrypted). The audit event holds the rating's context, not the comment.
 * @throws FORBIDDEN, NOT_FOUND, INVALID_INPUT
 */
export async function recordServiceFeedback(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
  input: ServiceFeedbackInput;
}): Promise<{ id: string }> {
  const { ctx, auth } = args;
  const caseId = parseInput(IdSchema, args.caseId);
  const input = parseInput(ServiceFeedbackInputSchema, args.input);
  const c = await loadCaseForAccess(ctx, auth, caseId, 'update');
  await requireProvider(ctx.db, input.providerId, c.country_code);
  if (input.followUpId) {
    const f = await ctx.db
      .selectFrom('follow_up')
      .select('id')
      .where('id', '=', input.followUpId)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    if (!f) {
      throw new DomainError('INVALID_INPUT', 'followUpId: no such follow-up', {
        field: 'followUpId',
      });
    }
  }
  const now = ctx.now();
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('service_feedback')
      .values({
        id,
        case_id: caseId,
        follow_up_id: input.followUpId ?? null,
        service_type: input.serviceType ?? null,
        provider_id: input.providerId ?? null,
        satisfaction: input.satisfaction,
        comment_enc: sealOptional(ctx.config, input.comment),
        given_on: input.givenOn,
        recorded_by: auth.actor.userId,
        created_at: now,
      })
      .execute();
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'feedback.record',
        { type: 'case', id: caseId },
        { feedbackId: id, serviceType: input.serviceType ?? null },
      ),
      now,
    );
  });
  return { id };
}
