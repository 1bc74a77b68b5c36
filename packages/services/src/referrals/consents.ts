import {
  type Consent,
  type ConsentPurpose,
  type ConsentRecordInput,
  ConsentRecordInputSchema,
  type ConsentWithdrawInput,
  ConsentWithdrawInputSchema,
  consentCovers,
  consentIsActive,
  consentPurposeForAgency,
  DomainError,
  REFERRAL_CONSENT_WITHDRAWN_REASON,
  referralIsOpen,
} from '@ctip/domain';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadCaseForAccess, recordCaseHistory } from '../cases/case-access';
import { auditEvent } from '../common/access';
import { isoOf } from '../common/iso-date';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { onShareCountryConsentWithdrawn } from '../crossborder/xb-maintenance';
import { loadActiveAgency } from '../users/create-user';
import { insertNotification, loadCaseConsents, todayOf } from './common';

type ConsentRow = {
  id: string;
  case_id: string;
  purpose: string;
  is_granted: boolean;
  recipients: string[];
  given_on: string;
  expires_on: string | null;
  explained_in: string;
  explained_by_user_id: string;
  recorded_by: string;
  withdrawn_at: Date | null;
  withdrawn_by: string | null;
  withdrawal_reason: string | null;
  created_at: Date;
};

/** A consent row as the ledger shows it, `isActive` on `today`. */
export function consentRowToConsent(row: ConsentRow, today: string): Consent {
  const c: Consent = {
    id: row.id,
    caseId: row.case_id,
    purpose: row.purpose as ConsentPurpose,
    isGranted: row.is_granted,
    recipients: row.recipients,
    givenOn: row.given_on,
    expiresOn: row.expires_on,
    explainedIn: row.explained_in,
    explainedByUserId: row.explained_by_user_id,
    recordedBy: row.recorded_by,
    withdrawnAt: isoOf(row.withdrawn_at),
    withdrawnBy: row.withdrawn_by,
    withdrawalReason: row.withdrawal_reason,
    createdAt: isoOf(row.created_at) as string,
    isActive: false,
  };
  c.isActive = consentIsActive(c, today);
  return c;
}

/**
 * Record a consent (or refusal) of the person for one purpose. A granted Services consent lifts the
 * case's restriction (`case_record.is_restricted`, set when the last Services consent is withdrawn).
 * @throws FORBIDDEN (audited) without update access to the case; INVALID_INPUT
 */
export async function recordConsent(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
  input: ConsentRecordInput;
}): Promise<Consent> {
  const { ctx, auth } = args;
  const input = parseInput(ConsentRecordInputSchema, args.input);
  const kase = await loadCaseForAccess(ctx, auth, args.caseId, 'update');
  if (input.purpose !== 'ShareCountry') {
    for (const [i, id] of input.recipients.entries()) {
      await loadActiveAgency(ctx.db, id, `recipients.${i}`);
    }
  }
  const id = crypto.randomUUID();
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('consent')
      .values({
        id,
        case_id: kase.id,
        purpose: input.purpose,
        is_granted: input.isGranted,
        recipients: input.recipients,
        given_on: input.givenOn,
        expires_on: input.expiresOn ?? null,
        explained_in: input.explainedIn,
        explained_by_user_id: input.explainedByUserId ?? auth.actor.userId,
        recorded_by: auth.actor.userId,
        created_at: now,
      })
      .execute();
    if (input.purpose === 'Services' && input.isGranted && kase.is_restricted) {
      await trx
        .updateTable('case_record')
        .set({ is_restricted: false })
        .where('id', '=', kase.id)
        .execute();
    }
    const change = {
      purpose: input.purpose,
      isGranted: input.isGranted,
      recipients: input.recipients.length,
    };
    await recordCaseHistory(trx, {
      caseId: kase.id,
      userId: auth.actor.userId,
      action: 'consent.record',
      changes: change,
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(auth, 'consent.record', { type: 'consent', id }, { caseId: kase.id, ...change }),
      now,
    );
  });
  const row = await ctx.db
    .selectFrom('consent')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return consentRowToConsent(row, todayOf(ctx));
}

/**
 * The consent ledger of a case, newest first.
 * @throws FORBIDDEN (audited) without read access to the case
 */
export async function listConsents(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
}): Promise<Consent[]> {
  const { ctx, auth } = args;
  const kase = await loadCaseForAccess(ctx, auth, args.caseId, 'read');
  const rows = await ctx.db
    .selectFrom('consent')
    .selectAll()
    .where('case_id', '=', kase.id)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  const today = todayOf(ctx);
  return rows.map((r) => consentRowToConsent(r, today));
}

/**
 * Withdraw a consent (the person may do so at any time). In one transaction: the consent is marked
 * withdrawn; every open referral that no longer has covering consent (and was not an audited
 * override) is revoked with reason 'consent withdrawn', and its receiving agency gets a
 * `consent_withdrawn` notification (ids only); when no active Services consent remains the case is
 * restricted (`is_restricted`: no personal data in exports or shares); history and audit.
 * @returns the withdrawn consent and the ids of the referrals revoked
 * @throws NOT_FOUND (no such consent on the case), CONFLICT (already withdrawn), FORBIDDEN
 */
export async function withdrawConsent(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  caseId: string;
  consentId: string;
  input: ConsentWithdrawInput;
}): Promise<{ consent: Consent; revokedReferralIds: string[] }> {
  const { ctx, auth } = args;
  const input = parseInput(ConsentWithdrawInputSchema, args.input);
  const kase = await loadCaseForAccess(ctx, auth, args.caseId, 'update');
  const now = ctx.now();
  const today = todayOf(ctx);
  const revoked = await ctx.db.transaction().execute(async (trx) => {
    const consent = await trx
      .selectFrom('consent')
      .select(['id', 'withdrawn_at', 'purpose'])
      .where('id', '=', args.consentId)
      .where('case_id', '=', kase.id)
      .forUpdate()
      .executeTakeFirst();
    if (!consent) {
      throw new DomainError('NOT_FOUND', 'No such consent on this case');
    }
    if (consent.withdrawn_at) {
      throw new DomainError('CONFLICT', 'This consent is already withdrawn');
    }
    await trx
      .updateTable('consent')
      .set({ withdrawn_at: now, withdrawn_by: auth.actor.userId, withdrawal_reason: input.reason })
      .where('id', '=', consent.id)
      .execute();
    const remaining = await loadCaseConsents(trx, kase.id);
    const open = await trx
      .selectFrom('referral')
      .innerJoin('agency', 'agency.id', 'referral.to_agency_id')
      .select([
        'referral.id',
        'referral.kind',
        'referral.status',
        'referral.to_agency_id',
        'referral.consent_override_reason',
        'agency.type as agency_type',
      ])
      .where('referral.case_id', '=', kase.id)
      .where('referral.status', 'in', ['InProgress', 'Accepted'])
      .where('referral.kind', 'in', ['Refer', 'Transfer'])
      .execute();
    const ids: string[] = [];
    for (const r of open) {
      const purpose = consentPurposeForAgency(r.agency_type);
      if (
        !referralIsOpen(r.status) ||
        r.consent_override_reason ||
        consentCovers(remaining, purpose, r.to_agency_id, today)
      ) {
        continue;
      }
      ids.push(r.id);
      await trx
        .updateTable('referral')
        .set({
          status: 'Revoked',
          response_reason: REFERRAL_CONSENT_WITHDRAWN_REASON,
          responded_by: auth.actor.userId,
          responded_at: now,
          updated_at: now,
        })
        .where('id', '=', r.id)
        .execute();
      await insertNotification(trx, {
        kind: 'consent_withdrawn',
        agencyId: r.to_agency_id,
        caseId: kase.id,
        referralId: r.id,
        params: { caseCode: kase.code, purpose },
        at: now,
      });
      await recordCaseHistory(trx, {
        caseId: kase.id,
        userId: auth.actor.userId,
        action: 'referral.revoke',
        changes: {
          referralId: r.id,
          status: { from: r.status, to: 'Revoked' },
          reason: REFERRAL_CONSENT_WITHDRAWN_REASON,
        },
        at: now,
      });
    }
    const restrict = !remaining.some((c) => c.purpose === 'Services' && consentIsActive(c, today));
    if (restrict && !kase.is_restricted) {
      await trx
        .updateTable('case_record')
        .set({ is_restricted: true })
        .where('id', '=', kase.id)
        .execute();
    }
    await onShareCountryConsentWithdrawn(trx, ctx, auth, {
      caseId: kase.id,
      consentId: consent.id,
      at: now,
    });
    await recordCaseHistory(trx, {
      caseId: kase.id,
      userId: auth.actor.userId,
      action: 'consent.withdraw',
      changes: {
        consentId: consent.id,
        purpose: consent.purpose,
        revokedReferrals: ids.length,
        restricted: restrict,
      },
      at: now,
    });
    await appendAuditEvent(
      trx,
      auditEvent(
        auth,
        'consent.withdraw',
        { type: 'consent', id: consent.id },
        {
          caseId: kase.id,
          purpose: consent.purpose,
          revokedReferralIds: ids,
          restricted: restrict,
        },
      ),
      now,
    );
    return ids;
  });
  const row = await ctx.db
    .selectFrom('consent')
    .selectAll()
    .where('id', '=', args.consentId)
    .executeTakeFirstOrThrow();
  return { consent: consentRowToConsent(row, today), revokedReferralIds: revoked };
}
