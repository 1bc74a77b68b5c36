import type { Database, Db } from '@ctip/db';
import type { ConsentPurpose, NotificationKind } from '@ctip/domain';
import type { Transaction } from 'kysely';
import { isoOf } from '../common/iso-date';
import type { ServiceContext } from '../context';

type Executor = Db | Transaction<Database>;

/** Today's ISO date on the service clock (UTC). */
export function todayOf(ctx: ServiceContext): string {
  return ctx.now().toISOString().slice(0, 10);
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
    withdrawnAt: isoOf(r.withdrawn_at),
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
