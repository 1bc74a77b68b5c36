import type { Database, Db } from '@ctip/db';
import { type Action, can, DomainError, type RecordScope } from '@ctip/domain';
import type { Transaction } from 'kysely';
import { appendAuditEventNow } from '../audit/append-audit-event';
import { auditEvent, denyAccess } from '../common/access';
import type { AuthContext, ServiceContext } from '../context';

/** What access decisions need of a case. */
export type CaseAccessRow = {
  id: string;
  code: string;
  person_id: string;
  country_code: string;
  agency_id: string;
  owner_user_id: string;
  status: string;
  is_restricted: boolean;
  version: number;
};

/** The scope of a case for the policies: owner, owning agency, country. */
export function caseRecordScope(row: CaseAccessRow): RecordScope {
  return { ownerUserId: row.owner_user_id, agencyId: row.agency_id, countryCode: row.country_code };
}

/**
 * Whether the caller's agency holds the case through an open referral (in progress or accepted):
 * the receiving agency may read it and record services while it works on it. A revoked, rejected or
 * done referral gives nothing, and withdrawing consent revokes the referrals it covered.
 */
export async function hasReferralAccess(
  db: Db | Transaction<Database>,
  caseId: string,
  agencyId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('referral')
    .select('id')
    .where('case_id', '=', caseId)
    .where('to_agency_id', '=', agencyId)
    .where('status', 'in', ['InProgress', 'Accepted'])
    .executeTakeFirst();
  return Boolean(row);
}

/**
 * Load a case and authorise `action` on it: by role scope (own, agency, country, region), or — for
 * `read` and `update` — through an open referral to the caller's agency. Deny by default; a refusal
 * is audited. A missing case and a forbidden one look the same to the caller (NOT_FOUND would tell
 * that a code exists), so both are FORBIDDEN when the id is unknown to the caller.
 * @throws FORBIDDEN (audited), NOT_FOUND only for callers who could see any case of that id
 */
export async function loadCaseForAccess(
  ctx: ServiceContext,
  auth: AuthContext,
  caseId: string,
  action: Action,
  db: Db | Transaction<Database> = ctx.db,
): Promise<CaseAccessRow> {
  const row = await db
    .selectFrom('case_record')
    .select([
      'id',
      'code',
      'person_id',
      'country_code',
      'agency_id',
      'owner_user_id',
      'status',
      'is_restricted',
      'version',
    ])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!row) {
    if (!can(auth.actor, action, 'case')) {
      await denyAccess(ctx, auth, action, 'case', caseId);
    }
    throw new DomainError('NOT_FOUND', 'No such case');
  }
  if (can(auth.actor, action, 'case', caseRecordScope(row))) {
    return row;
  }
  if (
    (action === 'read' || action === 'update') &&
    (await hasReferralAccess(db, row.id, auth.actor.agencyId))
  ) {
    return row;
  }
  return denyAccess(ctx, auth, action, 'case', caseId);
}

/**
 * Append a row to the case's change history (inside the caller's transaction). `changes` holds
 * field names with old/new values for coded fields and `{ changed: true }` for personal ones.
 */
export async function recordCaseHistory(
  trx: Transaction<Database>,
  entry: {
    caseId: string;
    userId: string | null;
    action: string;
    changes?: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  await trx
    .insertInto('case_history')
    .values({
      case_id: entry.caseId,
      user_id: entry.userId,
      action: entry.action,
      changes: JSON.stringify(entry.changes ?? {}),
      at: entry.at,
    })
    .execute();
}

/** Audit that the caller read a part of a case (`details.part`; reads of victim records are audited). */
export async function auditCaseRead(
  ctx: ServiceContext,
  auth: AuthContext,
  caseId: string,
  part: string,
): Promise<void> {
  await appendAuditEventNow(
    ctx.db,
    auditEvent(auth, 'case.read', { type: 'case', id: caseId }, { part }),
    ctx.now(),
  );
}
