import { randomUUID } from 'node:crypto';
import type { Db } from '@ctip/db';
import { IdSchema, UserCreateInputSchema } from '@ctip/domain';
import {
  appendAuditEvent,
  assertUsernameFree,
  findUserById,
  hashPassword,
  insertUser,
  loadActiveAgency,
  parseInput,
} from '@ctip/services';
import type { Command } from 'commander';
import {
  CliError,
  type CliIo,
  type DatabaseOptions,
  withDatabase,
  withDatabaseOption,
  writeLine,
} from '../context';
import { readNewPassword } from '../prompt';
import { cliAuditEvent } from '../system-audit';

type AddOptions = DatabaseOptions & {
  username: string;
  displayName: string;
  agency: string;
  role: string[];
  email?: string;
  locale?: string;
  passwordStdin?: boolean;
};

/**
 * Find an active agency by id, or by short name / name (case-insensitive).
 * @throws CliError when none or several match
 */
export async function resolveAgency(
  db: Db,
  idOrName: string,
): Promise<{ id: string; country_code: string }> {
  if (IdSchema.safeParse(idOrName).success) {
    return loadActiveAgency(db, idOrName, 'agency');
  }
  const needle = idOrName.trim().toLowerCase();
  const matches = await db
    .selectFrom('agency')
    .select(['id', 'country_code', 'name', 'short_name'])
    .where('deleted_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['short_name']), '=', needle),
        eb(eb.fn('lower', ['name']), '=', needle),
      ]),
    )
    .orderBy('country_code')
    .orderBy('name')
    .execute();
  const [first, ...rest] = matches;
  if (!first) {
    throw new CliError(`No agency with id, short name or name '${idOrName}'`);
  }
  if (rest.length > 0) {
    const list = matches.map((a) => `  ${a.id}  ${a.country_code}  ${a.name}`).join('\n');
    throw new CliError(`'${idOrName}' matches ${matches.length} agencies; pass the id:\n${list}`);
  }
  return first;
}

/**
 * Find roles by key, checking that a country role belongs to the user's country.
 * @throws CliError naming an unknown or foreign role
 */
async function resolveRoles(
  db: Db,
  keys: string[],
  countryCode: string,
): Promise<{ id: string; key: string }[]> {
  const unique = [...new Set(keys.map((k) => k.trim()))];
  const roles = await db
    .selectFrom('role')
    .select(['id', 'key', 'country_code'])
    .where('key', 'in', unique)
    .execute();
  const missing = unique.filter((k) => !roles.some((r) => r.key === k));
  if (missing.length > 0) {
    throw new CliError(`No such role: ${missing.join(', ')}`);
  }
  const foreign = roles.filter((r) => r.country_code !== null && r.country_code !== countryCode);
  if (foreign.length > 0) {
    throw new CliError(
      `Role ${foreign.map((r) => r.key).join(', ')} belongs to another country than the agency`,
    );
  }
  return roles.map((r) => ({ id: r.id, key: r.key }));
}

/**
 * Create a user from the command line: the same validation (UserCreateInputSchema) and writes as the
 * `createUser` use case, without an application actor; audited as `user.create` from the CLI.
 * @returns the new user's id
 * @throws CliError, DomainError INVALID_INPUT / CONFLICT
 */
async function addUser(db: Db, io: CliIo, options: AddOptions): Promise<string> {
  const agency = await resolveAgency(db, options.agency);
  const roles = await resolveRoles(db, options.role, agency.country_code);
  const fields = {
    username: options.username,
    displayName: options.displayName,
    agencyId: agency.id,
    roleIds: roles.map((r) => r.id),
    ...(options.email ? { email: options.email } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
  };
  // Check everything but the password before asking for it.
  parseInput(UserCreateInputSchema.omit({ password: true }), fields);
  const password = await readNewPassword(
    io.stdin ?? process.stdin,
    io.stderr,
    Boolean(options.passwordStdin),
  );
  const input = parseInput(UserCreateInputSchema, { ...fields, password });
  await assertUsernameFree(db, input.username);
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await insertUser(trx, {
      id,
      username: input.username,
      displayName: input.displayName,
      email: input.email ?? null,
      passwordHash,
      agencyId: agency.id,
      locale: input.locale,
      roleIds: roles.map((r) => r.id),
    });
    await appendAuditEvent(
      trx,
      cliAuditEvent('user.create', { type: 'user', id }, { roles: roles.map((r) => r.key) }),
      new Date(),
    );
  });
  return id;
}

/**
 * `ctip users add`: create a user. The password comes from stdin (--password-stdin) or a hidden
 * prompt, never from argv. Prints the new user as JSON.
 * @param users - the `users` command
 * @param io - streams and injected database
 */
export function registerUsersAdd(users: Command, io: CliIo): void {
  withDatabaseOption(users.command('add'))
    .description('create a user (password from a prompt or --password-stdin)')
    .requiredOption('--username <name>', 'login name (letters, digits, . _ -)')
    .requiredOption('--display-name <text>', 'name shown to colleagues')
    .requiredOption('--agency <id|short name>', "the user's agency")
    .option(
      '--role <key>',
      'role key, repeatable (e.g. --role case_worker --role researcher)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--email <address>', 'work e-mail')
    .option('--locale <code>', 'interface language (en, km, zh, lo, my, th, vi)')
    .option('--password-stdin', 'read the password from the first line of stdin')
    .action(async (options: AddOptions) => {
      if (options.role.length === 0) {
        throw new CliError('Give at least one --role <key>', 2);
      }
      const user = await withDatabase(io, options, async ({ db }) =>
        findUserById(db, await addUser(db, io, options)),
      );
      if (!user) {
        throw new CliError('The user was not found after creation');
      }
      writeLine(io.stderr, `Created user ${user.username} (${user.id}).`);
      writeLine(io.stdout, JSON.stringify(user));
    });
}
