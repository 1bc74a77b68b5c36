import type { Database, Db } from '@ctip/db';
import { type ConsentPurpose, DomainError, type NotificationKind } from '@ctip/domain';
import type { Transaction } from 'kysely';
import type { ServiceContext } from '../context';

type Executor = Db | Transaction<Database>;

/** Today's ISO date on the service clock (UTC). */
export function todayOf(ctx: ServiceContext): string {
  return ctx.now().toISOString().slice(0, 10);
}

/** An ISO string of a timestamp column (both engines return Date). */
export function iso(value: Date | string | null): string | null {
  if (value == null) {
    return null;
  }
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/** An active agency of the system, or INVALID_INPUT naming `field`. */
export async function loadAgencyOrThrow(
  db: Executor,
  id: string,
  field: string,
): Promise<{ id: string; name: string; type: string; country_code: string }> {
  const row = await db
    .selectFrom('agency')
    .select(['id', 'name', 'type', 'country_code'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('INVALID_INPUT', `${field}: no such agency`, { field });
  }
  return row;
}

/** The consent rows of a case in the shape the domain rules take. */
export async function loadCaseConsents(db: Executor, caseId: string) {
  const rows = await db
    .selectFrom('consent')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('given_on')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    purpose: r.purpose as ConsentPurpose,
    isGranted: r.is_granted,
    recipients: r.recipients,
    givenOn: r.given_on,
    expiresOn: r.expires_on,
    withdrawnAt: iso(r.withdrawn_at),
  }));
}

/**
 * Write a notification to a user or to everyone of an agency. `params` must never hold personal
 * data: ids, codes and statuses only.
 */
export async function insertNotification(
  trx: Transaction<Database>,
  n: {
    kind: NotificationKind;
    userId?: string | null;
    agencyId?: string | null;
    caseId?: string | null;
    referralId?: string | null;
    params?: Record<string, unknown>;
    at: Date;
  },
): Promise<void> {
  await trx
    .insertInto('notification')
    .values({
      id: crypto.randomUUID(),
      kind: n.kind,
      user_id: n.userId ?? null,
      agency_id: n.userId ? null : (n.agencyId ?? null),
      case_id: n.caseId ?? null,
      referral_id: n.referralId ?? null,
      params: JSON.stringify(n.params ?? {}),
      created_at: n.at,
    })
    .execute();
}
