import type { Database } from '@ctip/db';
import {
  type AuditAction,
  consentPurposeForAgency,
  DomainError,
  type NotificationKind,
  type Referral,
  ReferralAcceptInputSchema,
  type ReferralAction,
  ReferralCompleteInputSchema,
  ReferralRejectInputSchema,
  ReferralRevokeInputSchema,
  type ReferralStatus,
  referralActionSide,
  referralKindCompletes,
  referralNextStatus,
} from '@ctip/domain';
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event';
import { recordCaseHistory } from '../cases/case-access';
import { auditEvent, denyAccess } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { assertShareAllowed, preflightShare } from './assert-share-allowed';
import { insertNotification, todayOf } from './common';
import { isReceiver, isSender, referralRowToReferral, selectReferrals } from './referral-presenter';

const AUDIT: Record<ReferralAction, AuditAction> = {
  accept: 'referral.accept',
  reject: 'referral.reject',
  revoke: 'referral.revoke',
  complete: 'referral.complete',
};
const NOTIFY: Record<ReferralAction, NotificationKind> = {
  accept: 'referral_accepted',
  reject: 'referral_rejected',
  revoke: 'referral_revoked',
  complete: 'referral_outcome',
};

/** Accept input plus an override reason for a transfer request the owner accepts without consent. */
const AcceptSchema = ReferralAcceptInputSchema.extend({
  overrideReason: z.string().trim().min(1).max(500).optional(),
});
const SCHEMAS = {
  accept: AcceptSchema,
  reject: ReferralRejectInputSchema,
  revoke: ReferralRevokeInputSchema,
  complete: ReferralCompleteInputSchema,
} as const;

export type ReferralTransitionInput = {
  reason?: string;
  outcome?: string;
  ownerUserId?: string;
  overrideReason?: string;
};

/** How a referral's state reads in an error message. */
const REFERRAL_STATE_TEXT: Record<ReferralStatus, string> = {
  InProgress: 'waiting for an answer',
  Accepted: 'accepted',
  Rejected: 'rejected',
  Revoked: 'revoked',
  Done: 'done',
};
const ACTION_PAST: Record<string, string> = {
  accept: 'accepted',
  reject: 'rejected',
  revoke: 'revoked',
  complete: 'marked done',
};

/**
 * Move a referral through its state machine. The receiver accepts, rejects (reason) or completes
 * (outcome, Assign/Refer only); the sender revokes. Accepting a Transfer moves ownership to the
 * receiving agency and user; accepting a TransferRequest moves it to the requesting agency and user;
 * both then finish (Done), so the former holder keeps no referral access. The other side is notified
 * (`referral_accepted|rejected|revoked|outcome`).
 * @throws NOT_FOUND, FORBIDDEN (audited), CONFLICT (not allowed from the current status), INVALID_INPUT
 */
export async function transitionReferral(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  referralId: string;
  action: ReferralAction;
  input?: ReferralTransitionInput;
}): Promise<Referral> {
  const { ctx, auth, action } = args;
  const { actor } = auth;
  const input = parseInput(SCHEMAS[action], args.input ?? {}) as ReferralTransitionInput;
  const row = await selectReferrals(ctx.db)
    .where('referral.id', '=', args.referralId)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such referral');
  }
  const side = referralActionSide(action);
  if (side === 'receiver' ? !isReceiver(actor, row) : !isSender(actor, row)) {
    await denyAccess(ctx, auth, 'update', 'referral', row.id);
  }
  if (action === 'accept' && row.kind === 'TransferRequest') {
    const agency = await ctx.db
      .selectFrom('agency')
      .select(['type'])
      .where('id', '=', row.from_agency_id)
      .executeTakeFirstOrThrow();
    await preflightShare({
      ctx,
      auth,
      caseId: row.case_id,
      purpose: consentPurposeForAgency(agency.type),
      recipient: row.from_agency_id,
      overrideReason: input.overrideReason,
    });
  }
  const now = ctx.now();
  const today = todayOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('referral')
      .select(['status'])
      .where('id', '=', row.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const from = current.status as ReferralStatus;
    const to = referralNextStatus(from, action);
    if (!to || (action === 'complete' && !referralKindCompletes(row.kind as never))) {
      throw new DomainError(
        'CONFLICT',
        `This referral is ${REFERRAL_STATE_TEXT[from]}: it can no longer be ${ACTION_PAST[action]}. Reload it to see its current state.`,
      );
    }
    let finalStatus: ReferralStatus = to;
    const patch: Record<string, unknown> = { status: to, updated_at: now };
    if (action === 'reject' || action === 'revoke') {
      patch.response_reason = input.reason ?? null;
    }
    if (action === 'accept' || action === 'reject' || action === 'revoke') {
      patch.responded_by = actor.userId;
      patch.responded_at = now;
    }
    if (action === 'complete') {
      patch.outcome = input.outcome;
      patch.outcome_reported_at = now;
      patch.completed_at = now;
    }
    let ownership: { agencyId: string; userId: string } | null = null;
    if (action === 'accept' && (row.kind === 'Transfer' || row.kind === 'TransferRequest')) {
      ownership = await transferOwnership(ctx, auth, trx, row, input);
      finalStatus = 'Done';
      Object.assign(patch, {
        status: 'Done',
        completed_at: now,
        outcome: 'transferred',
        outcome_reported_at: now,
      });
    }
    await trx.updateTable('referral').set(patch).where('id', '=', row.id).execute();
    // Tell the other side: the sender hears of accept/reject/outcome, the receiver of a revocation.
    await insertNotification(trx, {
      kind: NOTIFY[action],
      userId: side === 'receiver' ? row.from_user_id : row.to_user_id,
      agencyId: side === 'receiver' ? row.from_agency_id : row.to_agency_id,
      caseId: row.case_id,
      referralId: row.id,
      params: { caseCode: row.case_code, kind: row.kind, status: finalStatus },
      at: now,
    });
    const change = {
      referralId: row.id,
      status: { from, to: finalStatus },
      ...(ownership ? { ownerAgencyId: ownership.agencyId } : {}),
    };
    await recordCaseHistory(trx, {
      caseId: row.case_id,
      userId: actor.userId,
      action: AUDIT[action],
      changes: change,
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        AUDIT[action],
        { type: 'referral', id: row.id },
        { caseId: row.case_id, ...change },
      ),
      now,
    );
  });
  const fresh = await selectReferrals(ctx.db)
    .where('referral.id', '=', row.id)
    .executeTakeFirstOrThrow();
  return referralRowToReferral(ctx.config, actor, fresh, today, false);
}

/** Move the case to its new owner on an accepted Transfer or TransferRequest. */
async function transferOwnership(
  ctx: ServiceContext,
  auth: AuthContext,
  t: Transaction<Database>,
  row: {
    id: string;
    kind: string;
    case_id: string;
    from_agency_id: string;
    from_user_id: string;
    to_agency_id: string;
    to_user_id: string | null;
  },
  input: ReferralTransitionInput,
): Promise<{ agencyId: string; userId: string }> {
  let agencyId: string;
  let userId: string;
  if (row.kind === 'Transfer') {
    agencyId = row.to_agency_id;
    userId = input.ownerUserId ?? row.to_user_id ?? auth.actor.userId;
  } else {
    // The owner gives the case to the agency that asked for it: the share happens now.
    agencyId = row.from_agency_id;
    userId = row.from_user_id;
    const agency = await t
      .selectFrom('agency')
      .select(['type'])
      .where('id', '=', agencyId)
      .executeTakeFirstOrThrow();
    const basis = await assertShareAllowed({
      ctx,
      auth,
      trx: t,
      caseId: row.case_id,
      purpose: consentPurposeForAgency(agency.type),
      recipient: agencyId,
      overrideReason: input.overrideReason,
    });
    await t
      .updateTable('referral')
      .set({
        consent_id: basis.consentId,
        consent_override_reason: basis.overridden ? (input.overrideReason ?? null) : null,
      })
      .where('id', '=', row.id)
      .execute();
  }
  const user = await t
    .selectFrom('app_user')
    .select(['agency_id'])
    .where('id', '=', userId)
    .where('is_disabled', '=', false)
    .executeTakeFirst();
  if (!user || user.agency_id !== agencyId) {
    throw new DomainError('INVALID_INPUT', 'ownerUserId: no such user in the receiving agency', {
      field: 'ownerUserId',
    });
  }
  await t
    .updateTable('case_record')
    .set((eb) => ({
      agency_id: agencyId,
      owner_user_id: userId,
      updated_at: ctx.now(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', row.case_id)
    .execute();
  return { agencyId, userId };
}
