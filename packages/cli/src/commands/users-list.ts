import type { User } from '@ctip/domain';
import { appendAuditEventNow, selectUsers, userRowToUser } from '@ctip/services';
import type { Command } from 'commander';
import { type CliIo, type DatabaseOptions, withDatabase, withDatabaseOption } from '../context';
import { formatTable } from '../output';
import { cliAuditEvent } from '../system-audit';

/**
 * Render users as a text table.
 * @param users - in display order
 */
export function usersTable(users: User[]): string {
  return formatTable(
    ['username', 'display name', 'country', 'agency', 'roles', 'status', 'mfa', 'last login'],
    users.map((u) => [
      u.username,
      u.displayName,
      u.countryCode,
      u.agencyName,
      u.roleKeys.join(','),
      u.isDisabled ? 'disabled' : 'active',
      u.hasMfa ? 'yes' : 'no',
      u.lastLoginAt ?? '-',
    ]),
  );
}

/**
 * `ctip users list [--json]`: every user, by username, as a table or a JSON array. The listing is
 * audited as a search, as the API does.
 * @param users - the `users` command
 * @param io - streams and injected database
 */
export function registerUsersList(users: Command, io: CliIo): void {
  withDatabaseOption(users.command('list'))
    .description('list users')
    .option('--json', 'print a JSON array instead of a table')
    .action(async (options: DatabaseOptions & { json?: boolean }) => {
      const list = await withDatabase(io, options, async ({ db }) => {
        const rows = await selectUsers(db).orderBy('app_user.username').execute();
        await appendAuditEventNow(
          db,
          cliAuditEvent('user.search', { type: 'user', id: null }, { results: rows.length }),
          new Date(),
        );
        return rows.map(userRowToUser);
      });
      io.stdout.write(options.json ? `${JSON.stringify(list, null, 2)}\n` : usersTable(list));
    });
}
