import {
  can,
  consentPurposeForAgency,
  DomainError,
  type Referral,
  type ReferralCreateInput,
  ReferralCreateInputSchema,
  referralDueDate,
} from '@ctip/domain';
import { appendAuditEvent } from '../audit/append-audit-event';
import { caseRecordScope, loadCaseForAccess, recordCaseHistory } from '../cases/case-access';
import { sealOptional } from '../cases/person-crypto';
import { auditEvent, denyAccess } from '../common/access';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { loadActiveAgency } from '../users/create-user';
import { assertShareAllowed, preflightShare } from './assert-share-allowed';
import { insertNotification, todayOf } from './common';
import { referralRowToReferral, selectReferrals } from './referral-presenter';

/** The receiving agency (and user) of a new referral, resolved from the input. */
async function resolveReceiver(
  ctx: ServiceContext,
  input: ReturnType<typeof ReferralCreateInputSchema.parse>,
  kase: { agency_id: string; country_code: string },
  callerAgencyId: string,
) {
  let agencyId = input.toAgencyId ?? null;
  let providerName: string | null = null;
  if (input.toProviderId) {
    const p = await ctx.db
      .selectFrom('service_provider')
      .select(['agency_id', 'name', 'is_active'])
      .where('id', '=', input.toProviderId)
      .executeTakeFirst();
    if (!p?.is_active) {
      throw new DomainError('INVALID_INPUT', 'toProviderId: no such active provider', {
        field: 'toProviderId',
      });
    }
    if (!p.agency_id) {
      throw new DomainError(
        'INVALID_INPUT',
        'toProviderId: this provider is not linked to an agency of the system',
        { field: 'toProviderId' },
      );
    }
    if (agencyId && agencyId !== p.agency_id) {
      throw new DomainError('INVALID_INPUT', 'toAgencyId: does not run this provider', {
        field: 'toAgencyId',
      });
    }
    agencyId = p.agency_id;
    providerName = p.name;
  }
  if (input.kind === 'Assign') {
    agencyId = kase.agency_id;
  }
  if (input.kind === 'TransferRequest') {
    // The requesting agency asks the owner: the owner's agency receives the request.
    agencyId = kase.agency_id;
  }
  const agency = await loadActiveAgency(ctx.db, agencyId as string, 'toAgencyId');
  if (agency.country_code !== kase.country_code) {
    throw new DomainError(
      'INVALID_INPUT',
      'toAgencyId: national referrals stay in the country; use a cross-border transfer',
      { field: 'toAgencyId' },
    );
  }
  if ((input.kind === 'Refer' || input.kind === 'Transfer') && agency.id === kase.agency_id) {
    throw new DomainError(
      'INVALID_INPUT',
      'toAgencyId: the case is already with this agency; use Assign',
      { field: 'toAgencyId' },
    );
  }
  if (input.kind === 'TransferRequest' && callerAgencyId === kase.agency_id) {
    throw new DomainError('INVALID_INPUT', 'kind: your agency already owns the case', {
      field: 'kind',
    });
  }
  if (input.toUserId) {
    const u = await ctx.db
      .selectFrom('app_user')
      .select(['id', 'agency_id'])
      .where('id', '=', input.toUserId)
      .where('is_disabled', '=', false)
      .executeTakeFirst();
    if (!u || u.agency_id !== agency.id) {
      throw new DomainError('INVALID_INPUT', 'toUserId: no such user in the receiving agency', {
        field: 'toUserId',
      });
    }
  }
  return { agency, providerName };
}

/**
 * Create a national referral: Assign (a user of the owner's agency), Refer (another agency or a
 * provider, for services), Transfer (ownership moves on accept) or TransferRequest (the caller's
 * agency asks the owner for the case). Sharing with another agency needs a consent covering it
 * (Services, or SharePolice for law enforcement) or an audited override. Notifies the receiver.
 * @throws CONSENT_REQUIRED, FORBIDDEN (audited), INVALID_INPUT
 */
export async function createReferral(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
  input: ReferralCreateInput;
}): Promise<Referral> {
  const { ctx, auth } = args;
  const { actor } = auth;
  const input = parseInput(ReferralCreateInputSchema, args.input);
  const isRequest = input.kind === 'TransferRequest';
  // Reading the case is enough: the right to send it on is `referral:create` where the case sits.
  const kase = await loadCaseForAccess(ctx, auth, args.caseId, 'read');
  const allowed = isRequest
    ? can(actor, 'create', 'referral', { agencyId: actor.agencyId, countryCode: actor.countryCode })
    : can(actor, 'create', 'referral', caseRecordScope(kase));
  if (!allowed) {
    await denyAccess(ctx, auth, 'create', 'referral', kase.id);
  }
  const { agency } = await resolveReceiver(ctx, input, kase, actor.agencyId);
  const shares = input.kind === 'Refer' || input.kind === 'Transfer';
  const share = {
    ctx,
    auth,
    caseId: kase.id,
    purpose: consentPurposeForAgency(agency.type),
    recipient: agency.id,
    overrideReason: input.overrideReason,
  };
  if (shares) {
    await preflightShare(share);
  }
  const id = crypto.randomUUID();
  const now = ctx.now();
  const today = todayOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    // Consent: sharing with another agency (Refer, Transfer). A transfer request is checked when the
    // owner accepts it; an assignment stays inside the owning agency.
    let consentId: string | null = null;
    let overrideReason: string | null = null;
    if (shares) {
      const basis = await assertShareAllowed({ ...share, trx });
      consentId = basis.consentId;
      overrideReason = basis.overridden ? (input.overrideReason ?? null) : null;
    }
    await trx
      .insertInto('referral')
      .values({
        id,
        case_id: kase.id,
        kind: input.kind,
        status: 'InProgress',
        from_agency_id: actor.agencyId,
        from_user_id: actor.userId,
        to_agency_id: agency.id,
        to_user_id: isRequest ? kase.owner_user_id : (input.toUserId ?? null),
        to_provider_id: input.toProviderId ?? null,
        services: input.services,
        reason: input.reason,
        details_enc: sealOptional(ctx.config, input.details),
        due_on: input.dueOn ?? referralDueDate(today),
        consent_override_reason: overrideReason,
        consent_id: consentId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await insertNotification(trx, {
      kind: 'referral_received',
      userId: isRequest ? kase.owner_user_id : (input.toUserId ?? null),
      agencyId: agency.id,
      caseId: kase.id,
      referralId: id,
      params: { caseCode: kase.code, kind: input.kind },
      at: now,
    });
    const change = {
      referralId: id,
      kind: input.kind,
      toAgencyId: agency.id,
      overridden: overrideReason != null,
    };
    await recordCaseHistory(trx, {
      caseId: kase.id,
      userId: actor.userId,
      action: 'referral.create',
      changes: change,
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'referral.create',
        { type: 'referral', id },
        { caseId: kase.id, ...change, services: input.services },
      ),
      now,
    );
  });
  const row = await selectReferrals(ctx.db).where('referral.id', '=', id).executeTakeFirstOrThrow();
  return referralRowToReferral(ctx.config, actor, row, today, true);
}
