import { appendAuditEvent, revokeUserSessions } from '@ctip/services';
import type { Command } from 'commander';
import {
  CliError,
  type CliIo,
  type DatabaseOptions,
  withDatabase,
  withDatabaseOption,
  writeLine,
} from '../context';
import { cliAuditEvent } from '../system-audit';

/** Result of `ctip users disable` (stdout, JSON). */
export type DisableResult = {
  id: string;
  username: string;
  /** False when the account was already disabled (nothing written). */
  changed: boolean;
  sessionsRevoked: number;
};

/**
 * `ctip users disable <username>`: disable an account and end its sessions, in one audited
 * transaction. Users are never deleted, so the audit trail keeps its actors.
 * @param users - the `users` command
 * @param io - streams and injected database
 */
export function registerUsersDisable(users: Command, io: CliIo): void {
  withDatabaseOption(users.command('disable'))
    .description('disable a user and revoke their sessions')
    .argument('<username>', 'login name')
    .action(async (username: string, options: DatabaseOptions) => {
      const result = await withDatabase(io, options, async ({ db }): Promise<DisableResult> => {
        const user = await db
          .selectFrom('app_user')
          .select(['id', 'username', 'is_disabled'])
          .where('username', '=', username.trim().toLowerCase())
          .executeTakeFirst();
        if (!user) {
          throw new CliError(`No user named '${username}'`);
        }
        if (user.is_disabled) {
          return { id: user.id, username: user.username, changed: false, sessionsRevoked: 0 };
        }
        const now = new Date();
        const sessionsRevoked = await db.transaction().execute(async (trx) => {
          await trx
            .updateTable('app_user')
            .set({ is_disabled: true, updated_at: now })
            .where('id', '=', user.id)
            .execute();
          const count = await revokeUserSessions(trx, user.id, now);
          await appendAuditEvent(
            trx,
            cliAuditEvent(
              'user.disable',
              { type: 'user', id: user.id },
              { sessionsRevoked: count },
            ),
            now,
          );
          return count;
        });
        return { id: user.id, username: user.username, changed: true, sessionsRevoked };
      });
      writeLine(
        io.stderr,
        result.changed
          ? `Disabled ${result.username}; revoked ${result.sessionsRevoked} session(s).`
          : `${result.username} was already disabled.`,
      );
      writeLine(io.stdout, JSON.stringify(result));
    });
}
