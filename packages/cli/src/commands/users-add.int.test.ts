import { randomUUID } from 'node:crypto';
import type { DbHandle } from '@ctip/db';
import type { User } from '@ctip/domain';
import { seedDemoData, verifyAuditChain, verifyPassword } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DB_TARGETS } from '../../../../test/db';
import { runCli } from '../test-helpers';

const PASSWORD = 'correct horse battery staple';

function addArgs(username: string, extra: string[] = []): string[] {
  return [
    'users',
    'add',
    '--username',
    username,
    '--display-name',
    'Somchai Test',
    '--agency',
    'DATIP',
    '--role',
    'case_worker',
    '--password-stdin',
    ...extra,
  ];
}

for (const engine of DB_TARGETS) {
  describe(`${engine}: ctip users add`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await createTestDb(engine);
      await seedDemoData(handle.db);
    });
    afterAll(async () => {
      await handle.close();
    });

    it('creates a user with roles, the password from stdin, audited from the CLI', async () => {
      const run = await runCli(addArgs('th.newworker', ['--role', 'researcher']), {
        db: handle,
        stdin: `${PASSWORD}\n`,
      });
      expect(run.stderr).toMatch(/Created user th\.newworker/);
      expect(run.code).toBe(0);
      const user = JSON.parse(run.stdout) as User;
      expect(user).toMatchObject({
        username: 'th.newworker',
        displayName: 'Somchai Test',
        countryCode: 'TH',
        roleKeys: ['case_worker', 'researcher'],
        isDisabled: false,
      });
      const row = await handle.db
        .selectFrom('app_user')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(await verifyPassword(row.password_hash, PASSWORD)).toBe(true);
      const event = await handle.db
        .selectFrom('audit_event')
        .selectAll()
        .where('action', '=', 'user.create')
        .where('target_id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(event).toMatchObject({ actor_user_id: null, user_agent: 'cli', outcome: 'success' });
      expect(event.details).toMatchObject({ roles: ['case_worker', 'researcher'] });
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('finds the agency by id as well as by short name', async () => {
      const agency = await handle.db
        .selectFrom('agency')
        .select('id')
        .where('short_name', '=', 'AHTD')
        .executeTakeFirstOrThrow();
      const args = addArgs('th.byid');
      args[args.indexOf('DATIP')] = agency.id;
      const run = await runCli(args, { db: handle, stdin: PASSWORD });
      expect(run.code).toBe(0);
      expect((JSON.parse(run.stdout) as User).agencyId).toBe(agency.id);
    });

    it('refuses unknown or ambiguous agencies and unknown roles', async () => {
      const unknown = addArgs('th.a1');
      unknown[unknown.indexOf('DATIP')] = 'NOPE';
      const r1 = await runCli(unknown, { db: handle, stdin: PASSWORD });
      expect(r1.code).toBe(1);
      expect(r1.stderr).toMatch(/No agency with id, short name or name 'NOPE'/);

      await handle.db
        .insertInto('agency')
        .values({
          id: randomUUID(),
          name: 'Another DATIP',
          short_name: 'DATIP',
          type: 'social_welfare',
          country_code: 'KH',
          parent_id: null,
          deleted_at: null,
        })
        .execute();
      const r2 = await runCli(addArgs('th.a2'), { db: handle, stdin: PASSWORD });
      expect(r2.code).toBe(1);
      expect(r2.stderr).toMatch(/'DATIP' matches 2 agencies; pass the id/);

      const badRole = addArgs('th.a3');
      badRole[badRole.indexOf('case_worker')] = 'wizard';
      badRole[badRole.indexOf('DATIP')] = 'AHTD';
      const r3 = await runCli(badRole, { db: handle, stdin: PASSWORD });
      expect(r3.code).toBe(1);
      expect(r3.stderr).toMatch(/No such role: wizard/);
    });

    it('validates with the domain schema and names the field', async () => {
      const args = (name: string) => {
        const a = addArgs(name);
        a[a.indexOf('DATIP')] = 'AHTD';
        return a;
      };
      const badName = await runCli(args('Bad Name!'), { db: handle, stdin: PASSWORD });
      expect(badName.code).toBe(1);
      expect(badName.stderr).toMatch(/INVALID_INPUT: username:/);

      const shortPassword = await runCli(args('th.short'), { db: handle, stdin: 'short\n' });
      expect(shortPassword.code).toBe(1);
      expect(shortPassword.stderr).toMatch(/password: must be at least 12 characters/);

      const taken = await runCli(args('admin'), { db: handle, stdin: PASSWORD });
      expect(taken.code).toBe(1);
      expect(taken.stderr).toMatch(/CONFLICT: username: this username is already taken/);

      const users = await handle.db
        .selectFrom('app_user')
        .select('username')
        .where('username', 'in', ['bad name!', 'th.short'])
        .execute();
      expect(users).toEqual([]);
    });

    it('needs a role and a password source', async () => {
      const noRole = addArgs('th.norole').filter((a) => a !== '--role' && a !== 'case_worker');
      expect((await runCli(noRole, { db: handle, stdin: PASSWORD })).code).toBe(2);

      const noStdin = addArgs('th.nopass').filter((a) => a !== '--password-stdin');
      noStdin[noStdin.indexOf('DATIP')] = 'AHTD';
      const run = await runCli(noStdin, { db: handle });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/pipe it with --password-stdin/);

      const empty = addArgs('th.empty');
      empty[empty.indexOf('DATIP')] = 'AHTD';
      const emptyRun = await runCli(empty, { db: handle, stdin: '' });
      expect(emptyRun.code).toBe(1);
      expect(emptyRun.stderr).toMatch(/No password on stdin/);
    });
  });
}
