import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startNode } from './node-process';

async function loginStatus(url: string): Promise<{ status: number; userId: string | null }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'mekong-demo-2026' }),
  });
  const body = (await res.json()) as { user?: { id: string } };
  return { status: res.status, userId: body.user?.id ?? null };
}

describe('starting a node on embedded PGlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctip-start-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates, migrates and seeds the database, prints demo logins, and keeps the data on restart', async () => {
    // First, a fresh start creates everything and prints the demo logins.
    const first = await startNode({ DATABASE_URL: `pglite:${join(dir, 'pglite')}` });
    let firstLogin: { status: number; userId: string | null };
    try {
      expect(first.output()).toContain('Demo logins');
      expect(first.output()).toMatch(/admin\s+system_admin/);
      const health = await fetch(`${first.url}/api/health`);
      expect(health.status).toBe(200);
      const docs = await fetch(`${first.url}/api/docs/json`);
      expect(((await docs.json()) as { openapi: string }).openapi).toMatch(/^3\./);
      firstLogin = await loginStatus(first.url);
      expect(firstLogin.status).toBe(200);
    } finally {
      await first.stop();
    }
    // Then a second start on the same directory finds the same users.
    const second = await startNode({ DATABASE_URL: `pglite:${join(dir, 'pglite')}` });
    try {
      const again = await loginStatus(second.url);
      expect(again).toEqual(firstLogin);
    } finally {
      await second.stop();
    }
  }, 180_000);
});
