import type { Database, Db } from '@ctip/db';
import { type ConsentPurpose, can, consentsCovering, DomainError } from '@ctip/domain';
import type { Transaction } from 'kysely';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent, denyAccess } from '../common/access';
import type { AuthContext, ServiceContext } from '../context';
import { loadCaseConsents, todayOf } from './common';

/** What a share relied on: a consent (its id) or an audited override. */
export type ShareBasis =
  | { consentId: string; overridden: false }
  | { consentId: null; overridden: true };

const PURPOSE_WORDS: Record<ConsentPurpose, string> = {
  Services: 'referral for services',
  SharePolice: 'sharing with law enforcement',
  ShareCountry: 'sharing with another country',
  Research: 'research use',
};

type ShareArgs = {
  ctx: ServiceContext;
  auth: AuthContext;
  trx?: Transaction<Database>;
  caseId: string;
  purpose: ConsentPurpose;
  recipient: string | null;
  overrideReason?: string | null;
};

/** The consent covering a share, or whether the caller could override (no writes). */
async function shareDecision(
  db: Db | Transaction<Database>,
  args: ShareArgs,
): Promise<{ covered: true; consentId: string } | { covered: false; mayOverride: boolean }> {
  const consents = await loadCaseConsents(db, args.caseId);
  const covering = consentsCovering(consents, args.purpose, args.recipient, todayOf(args.ctx));
  if (covering[0]) {
    return { covered: true, consentId: covering[0].id };
  }
  const c = await db
    .selectFrom('case_record')
    .select(['owner_user_id', 'agency_id', 'country_code'])
    .where('id', '=', args.caseId)
    .executeTakeFirstOrThrow();
  const scope = {
    ownerUserId: c.owner_user_id,
    agencyId: c.agency_id,
    countryCode: c.country_code,
  };
  return { covered: false, mayOverride: can(args.auth.actor, 'override', 'case', scope) };
}

function consentRequired(purpose: ConsentPurpose): DomainError {
  return new DomainError(
    'CONSENT_REQUIRED',
    `No consent of the person covers ${PURPOSE_WORDS[purpose]} (purpose ${purpose}) with this recipient: record the consent first, or a focal point may override with a reason`,
    { details: { purpose } },
  );
}

/**
 * Check, without writing, what {@link assertShareAllowed} would decide; refuse now (audited) what it
 * would refuse. Use it before opening the share's transaction: a refusal's audit event is written
 * in a transaction of its own, which must not wait for the caller's (PGlite has one connection).
 * @throws CONSENT_REQUIRED, FORBIDDEN (audited)
 */
export async function preflightShare(args: Omit<ShareArgs, 'trx'>): Promise<void> {
  const d = await shareDecision(args.ctx.db, args);
  if (d.covered) {
    return;
  }
  if (!args.overrideReason?.trim()) {
    throw consentRequired(args.purpose);
  }
  if (!d.mayOverride) {
    await denyAccess(args.ctx, args.auth, 'override', 'case', args.caseId);
  }
}

/**
 * Check that the person's consent covers sharing the case for `purpose` with `recipient` (an agency
 * id, or a country code for ShareCountry). Without covering consent the share is refused, unless
 * `overrideReason` is given and the caller holds `case:override` on the case; the override is then
 * audited as `consent.override` (in `trx` when given, so it commits with the share; the free-text
 * reason stays on the share, the audit event records its presence).
 * Hazard: inside `trx`, a refused override's `access.denied` event is written after `trx` ends (it
 * needs its own transaction); call {@link preflightShare} first to refuse before opening `trx`.
 * @param recipient - agency id or ISO country code; null when the share names no recipient
 * @returns the basis of the share
 * @throws CONSENT_REQUIRED naming the purpose; FORBIDDEN (audited) when overriding without the right
 */
export async function assertShareAllowed(args: ShareArgs): Promise<ShareBasis> {
  const { ctx, auth, caseId, purpose, recipient } = args;
  const d = await shareDecision(args.trx ?? ctx.db, args);
  if (d.covered) {
    return { consentId: d.consentId, overridden: false };
  }
  const reason = args.overrideReason?.trim();
  if (!reason) {
    throw consentRequired(purpose);
  }
  if (!d.mayOverride) {
    if (!args.trx) {
      await denyAccess(ctx, auth, 'override', 'case', caseId);
    }
    // Audit once the caller's transaction has released the connection.
    setImmediate(() => {
      denyAccess(ctx, auth, 'override', 'case', caseId).catch(() => {});
    });
    throw new DomainError('FORBIDDEN', 'You may not override consent on this case');
  }
  const event = auditEvent(
    auth,
    'consent.override',
    { type: 'case', id: caseId },
    { purpose, recipient, hasReason: true },
  );
  if (args.trx) {
    await appendAuditEvent(args.trx, event, ctx.now());
  } else {
    await ctx.db.transaction().execute((t) => appendAuditEvent(t, event, ctx.now()));
  }
  return { consentId: null, overridden: true };
}
