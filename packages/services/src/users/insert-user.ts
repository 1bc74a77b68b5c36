import type { Database, Db } from '@ctip/db';
import { DomainError, type Locale } from '@ctip/domain';
import type { Transaction } from 'kysely';

/** What a new account needs; everything else starts at its default (no second factor, not locked). */
export type NewUser = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  passwordHash: string;
  agencyId: string;
  locale: Locale;
  roleIds: readonly string[];
};

/**
 * Refuse a username that is taken.
 * @throws CONFLICT naming `username`
 */
export async function assertUsernameFree(
  db: Db | Transaction<Database>,
  username: string,
): Promise<void> {
  const taken = await db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  if (taken) {
    throw new DomainError('CONFLICT', 'username: this username is already taken', {
      field: 'username',
    });
  }
}

/** Insert a user and their roles inside the caller's transaction (the caller audits). */
export async function insertUser(trx: Transaction<Database>, user: NewUser): Promise<void> {
  await trx
    .insertInto('app_user')
    .values({
      id: user.id,
      username: user.username,
      display_name: user.displayName,
      email: user.email,
      password_hash: user.passwordHash,
      agency_id: user.agencyId,
      locale: user.locale,
      calendar: 'gregory',
      is_disabled: false,
      totp_secret_enc: null,
      totp_last_counter: null,
      failed_login_count: 0,
      locked_until: null,
      last_login_at: null,
    })
    .execute();
  if (user.roleIds.length > 0) {
    await trx
      .insertInto('user_role')
      .values(user.roleIds.map((roleId) => ({ user_id: user.id, role_id: roleId })))
      .execute();
  }
}
