import type { Database } from '@ctip/db';
import type { Transaction } from 'kysely';

/**
 * End live sessions of a user inside the caller's transaction: all of them, only `onlySessionId`, or
 * all but `exceptSessionId`.
 * @returns how many sessions ended
 */
export async function revokeUserSessions(
  trx: Transaction<Database>,
  userId: string,
  now: Date,
  which: { onlySessionId?: string; exceptSessionId?: string } = {},
): Promise<number> {
  let q = trx
    .updateTable('session')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (which.onlySessionId) {
    q = q.where('id', '=', which.onlySessionId);
  }
  if (which.exceptSessionId) {
    q = q.where('id', '!=', which.exceptSessionId);
  }
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
