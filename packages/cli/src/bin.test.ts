import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MIGRATIONS } from '@ctip/db';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');

function bin(args: string[], env: Record<string, string>) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'bin.ts'), ...args],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' },
  );
}

describe('bin', () => {
  it('reports every invalid environment variable and exits 1', () => {
    const run = bin(['migrate'], { DATABASE_URL: 'mysql://x', PORT: 'abc' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Configuration is invalid/);
    expect(run.stderr).toMatch(/DATABASE_URL: must start with postgres/);
    expect(run.stderr).toMatch(/PORT:/);
  });

  it('runs a command against DATABASE_URL', () => {
    const run = bin(['migrate'], {
      DATABASE_URL: 'pglite:memory',
      CTIP_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    expect(run.stderr).toContain(`Applied ${Object.keys(MIGRATIONS).length} migrations`);
    expect(run.status).toBe(0);
  });
});
