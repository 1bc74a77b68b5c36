import { describe, expect, it } from 'vitest';
import { main } from './index';
import { runCli } from './test-helpers';

describe(main.name, () => {
  it('prints help on stdout and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Usage: ctip/);
    expect(run.stdout).toMatch(/backup/);
  });

  it('exits 2 on an unknown command or option', async () => {
    expect((await runCli(['frobnicate'])).code).toBe(2);
    const run = await runCli(['migrate', '--nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option '--nope'/);
  });

  it('exits 2 on a malformed --database-url', async () => {
    const run = await runCli(['migrate', '--database-url', 'mysql://x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/must start with postgres/);
  });

  it('never takes a password from argv', async () => {
    const run = await runCli([
      'users',
      'add',
      '--username',
      'x.y',
      '--display-name',
      'X',
      '--agency',
      'DATIP',
      '--role',
      'case_worker',
      '--password',
      'secret-secret-secret',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option '--password'/);
  });

  it('exits 1 when no database is configured', async () => {
    const run = await runCli(['migrate']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/No database: set DATABASE_URL or pass --database-url/);
  });
});
