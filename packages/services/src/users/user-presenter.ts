import type { Db } from '@ctip/db';
import type { Calendar, Locale, User } from '@ctip/domain';
import { sql } from 'kysely';

/** Select users joined with their agency and role keys, mapped to the API `User` shape. */
export function selectUsers(db: Db) {
  return db
    .selectFrom('app_user')
    .innerJoin('agency', 'agency.id', 'app_user.agency_id')
    .select([
      'app_user.id',
      'app_user.username',
      'app_user.display_name',
      'app_user.email',
      'app_user.agency_id',
      'agency.name as agency_name',
      'agency.country_code',
      'app_user.locale',
      'app_user.calendar',
      'app_user.is_disabled',
      'app_user.totp_secret_enc',
      'app_user.last_login_at',
      'app_user.created_at',
      sql<
        string[]
      >`coalesce((select array_agg(r.id::text order by r.key) from user_role ur join role r on r.id = ur.role_id where ur.user_id = app_user.id), '{}')`.as(
        'role_ids',
      ),
      sql<
        string[]
      >`coalesce((select array_agg(r.key order by r.key) from user_role ur join role r on r.id = ur.role_id where ur.user_id = app_user.id), '{}')`.as(
        'role_keys',
      ),
    ]);
}

type UserSelectRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;

/** Map a joined user row to the API shape (never the password hash or the second-factor secret). */
export function userRowToUser(row: UserSelectRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    countryCode: row.country_code,
    roleIds: row.role_ids,
    roleKeys: row.role_keys,
    locale: row.locale as Locale,
    calendar: row.calendar as Calendar,
    isDisabled: row.is_disabled,
    hasMfa: row.totp_secret_enc !== null,
    lastLoginAt: row.last_login_at ? row.last_login_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}

/** Load one user in API shape, or undefined. */
export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const row = await selectUsers(db).where('app_user.id', '=', id).executeTakeFirst();
  return row ? userRowToUser(row) : undefined;
}
