import { randomUUID } from 'node:crypto';
import {
  DomainError,
  type HotlineCallCreateInput,
  HotlineCallCreateInputSchema,
  type HotlineCallDetail,
} from '@ctip/domain';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadCaseForAccess } from '../cases/case-access';
import { sealOptional } from '../cases/person-crypto';
import { auditEvent, authorize } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { findHotlineCallRow, hotlineRowToDetail } from './hotline-presenter';

/**
 * Log a hotline call in the operator's agency. Summary and caller contact are encrypted; a linked
 * case must be one the caller may read. The audit event holds coded fields only.
 * @throws INVALID_INPUT (naming the field), FORBIDDEN (audited; also for an unreadable case)
 */
export async function createHotlineCall(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: HotlineCallCreateInput;
}): Promise<HotlineCallDetail> {
  const { ctx, auth } = args;
  const input = parseInput(HotlineCallCreateInputSchema, args.input);
  const { actor } = auth;
  await authorize(ctx, auth, 'create', 'hotline_call', {
    ownerUserId: actor.userId,
    agencyId: actor.agencyId,
    countryCode: actor.countryCode,
  });
  if (input.caseId) {
    await loadCaseForAccess(ctx, auth, input.caseId, 'read');
  }
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('hotline_call')
      .values({
        id,
        country_code: actor.countryCode,
        agency_id: actor.agencyId,
        operator_user_id: actor.userId,
        received_at: input.receivedAt,
        duration_seconds: input.durationSeconds ?? null,
        channel: input.channel,
        language: input.language,
        caller_type: input.callerType,
        category: input.category,
        urgency: input.urgency,
        outcome: input.outcome,
        summary_enc: sealOptional(ctx.config, input.summary),
        caller_contact_enc: sealOptional(ctx.config, input.callerContact),
        case_id: input.caseId ?? null,
      })
      .execute();
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'hotline.create',
        { type: 'hotline_call', id },
        {
          channel: input.channel,
          category: input.category,
          urgency: input.urgency,
          outcome: input.outcome,
          linkedCase: Boolean(input.caseId),
        },
      ),
      ctx.now(),
    );
  });
  const row = await findHotlineCallRow(ctx.db, id);
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such call');
  }
  return hotlineRowToDetail(ctx.config, row);
}
