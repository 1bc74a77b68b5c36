import { randomUUID } from 'node:crypto';
import {
  DomainError,
  type ScreeningCreateInput,
  ScreeningCreateInputSchema,
  type ScreeningDetail,
  screeningAssessment,
} from '@ctip/domain';
import { appendAuditEvent } from '../audit/append-audit-event';
import { sealOptional } from '../cases/person-crypto';
import { auditEvent, authorize } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { loadActiveAgency } from '../users/create-user';
import { findScreeningRow, screeningRowToDetail } from './screening-presenter';

/**
 * Record a first-responder screening, without opening a case. The officer's outcome is stored with
 * the outcome the indicators suggest ({@link screeningAssessment}). A `NotAVictim` screening keeps
 * coded fields only: the schema rejects a name or notes for it (so nothing personal is kept by
 * mistake). With `hotlineCallId` the screening follows a call the caller may read, and the call is
 * marked as having opened it. The audit event holds coded fields only.
 * @throws INVALID_INPUT (naming the field), FORBIDDEN (audited), NOT_FOUND (hotline call)
 */
export async function createScreening(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: ScreeningCreateInput;
}): Promise<ScreeningDetail> {
  const { ctx, auth } = args;
  const input = parseInput(ScreeningCreateInputSchema, args.input);
  const { actor } = auth;
  await authorize(ctx, auth, 'create', 'screening', {
    ownerUserId: actor.userId,
    agencyId: actor.agencyId,
    countryCode: actor.countryCode,
  });
  if (input.decidingAgencyId) {
    await loadActiveAgency(ctx.db, input.decidingAgencyId, 'decidingAgencyId');
  }
  if (input.hotlineCallId) {
    const call = await ctx.db
      .selectFrom('hotline_call')
      .select(['id', 'operator_user_id', 'agency_id', 'country_code'])
      .where('id', '=', input.hotlineCallId)
      .executeTakeFirst();
    if (!call) {
      throw new DomainError('INVALID_INPUT', 'hotlineCallId: no such call', {
        field: 'hotlineCallId',
      });
    }
    await authorize(ctx, auth, 'read', 'hotline_call', {
      id: call.id,
      ownerUserId: call.operator_user_id,
      agencyId: call.agency_id,
      countryCode: call.country_code,
    });
  }
  const assessment = screeningAssessment(input);
  const isMinimal = input.outcome === 'NotAVictim';
  const id = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('screening')
      .values({
        id,
        country_code: actor.countryCode,
        agency_id: actor.agencyId,
        screener_user_id: actor.userId,
        hotline_call_id: input.hotlineCallId ?? null,
        screened_at: input.screenedAt,
        location: input.location ?? null,
        is_child: input.isChild,
        gender: input.gender,
        age_estimate: input.ageEstimate ?? null,
        nationality: input.nationality ?? null,
        act_indicators: input.actIndicators,
        means_indicators: input.meansIndicators,
        purpose_indicators: input.purposeIndicators,
        red_flags: input.redFlags,
        interpreter_used: input.interpreterUsed,
        interview_language: input.interviewLanguage ?? null,
        outcome: input.outcome,
        suggested_outcome: assessment.suggestedOutcome,
        deciding_agency_id: input.decidingAgencyId ?? actor.agencyId,
        decision_date: input.decisionDate ?? input.screenedAt.slice(0, 10),
        // Belt and braces: the schema already refuses these for NotAVictim.
        person_name_enc: isMinimal ? null : sealOptional(ctx.config, input.personName),
        notes_enc: isMinimal ? null : sealOptional(ctx.config, input.notes),
      })
      .execute();
    if (input.hotlineCallId) {
      await trx
        .updateTable('hotline_call')
        .set({ screening_id: id })
        .where('id', '=', input.hotlineCallId)
        .where('screening_id', 'is', null)
        .execute();
    }
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'screening.create',
        { type: 'screening', id },
        {
          outcome: input.outcome,
          suggestedOutcome: assessment.suggestedOutcome,
          isChild: input.isChild,
          fromHotline: Boolean(input.hotlineCallId),
        },
      ),
      ctx.now(),
    );
  });
  const row = await findScreeningRow(ctx.db, id);
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such screening');
  }
  return screeningRowToDetail(ctx.config, row);
}
