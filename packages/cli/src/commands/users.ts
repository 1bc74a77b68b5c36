import type { Command } from 'commander';
import type { CliIo } from '../context';
import { registerUsersAdd } from './users-add';
import { registerUsersDisable } from './users-disable';
import { registerUsersList } from './users-list';

/**
 * `ctip users add|list|disable`: user accounts, managed directly on the database (no server needed).
 * Changes are audited with the CLI as source.
 * @param program - the root command
 * @param io - streams and injected database
 */
export function registerUserCommands(program: Command, io: CliIo): void {
  const users = program.command('users').description('manage user accounts');
  registerUsersAdd(users, io);
  registerUsersList(users, io);
  registerUsersDisable(users, io);
}
