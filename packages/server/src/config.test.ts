import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe(loadConfig.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ctip-config-'));

  it('applies defaults: embedded PGlite under ./data, port 3000', () => {
    const result = loadConfig({ DATABASE_URL: `pglite:${join(dir, 'pglite')}` });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.config.port).toBe(3000);
      expect(result.config.db).toEqual({ kind: 'pglite', dataDir: join(dir, 'pglite') });
      expect(result.config.services.encryption.current.key).toHaveLength(32);
      expect(Object.isFrozen(result.config)).toBe(true);
    }
  });

  it('creates the node identity once and keeps it, with the node id and countries given', () => {
    const env = {
      DATABASE_URL: `pglite:${join(dir, 'p3')}`,
      CTIP_NODE_ID: 'th-node',
      CTIP_NODE_COUNTRIES: 'TH',
      CTIP_NODE_KEY_FILE: join(dir, 'node.json'),
    };
    const first = loadConfig(env);
    const second = loadConfig(env);
    expect(first.ok && second.ok).toBe(true);
    if (first.ok && second.ok) {
      const fed = first.config.services.federation;
      expect(fed.nodeId).toBe('th-node');
      expect(fed.countries).toEqual(['TH']);
      expect(fed.identity.signingPublicJwk.crv).toBe('Ed25519');
      expect(fed.identity.encryptionPublicJwk.crv).toBe('X25519');
      expect(second.config.services.federation.identity.signingPublicJwk).toEqual(
        fed.identity.signingPublicJwk,
      );
    }
  });

  it('names bad federation settings', () => {
    const result = loadConfig({
      DATABASE_URL: `pglite:${join(dir, 'p4')}`,
      CTIP_NODE_ID: 'TH Node',
      CTIP_NODE_COUNTRIES: 'th,kh',
      CTIP_FEDERATION_RETRY_BASE_MS: '-1',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.split(':')[0])).toEqual(
        expect.arrayContaining([
          'CTIP_NODE_ID',
          'CTIP_NODE_COUNTRIES',
          'CTIP_FEDERATION_RETRY_BASE_MS',
        ]),
      );
    }
  });

  it('refuses an identity file that holds no keys', () => {
    const bad = join(dir, 'bad-identity.json');
    writeFileSync(bad, '{"kind":"something"}');
    const result = loadConfig({
      DATABASE_URL: `pglite:${join(dir, 'p5')}`,
      CTIP_NODE_KEY_FILE: bad,
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]).toMatch(/^CTIP_NODE_KEY_FILE: /);
    }
  });

  it('treats empty strings as unset', () => {
    const result = loadConfig({ DATABASE_URL: `pglite:${join(dir, 'p2')}`, PORT: '' });
    expect(result.ok && result.config.port).toBe(3000);
  });

  it('selects PostgreSQL from a postgres:// URL', () => {
    const result = loadConfig({
      DATABASE_URL: 'postgres://u@localhost:5432/ctip',
      CTIP_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    });
    expect(result.ok && result.config.db).toEqual({
      kind: 'postgres',
      url: 'postgres://u@localhost:5432/ctip',
    });
  });

  it('reports every bad variable, naming each', () => {
    const result = loadConfig({
      DATABASE_URL: 'mysql://nope',
      PORT: 'eighty',
      CTIP_ENCRYPTION_KEY: 'c2hvcnQ=',
      LOG_LEVEL: 'loud',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      const named = result.errors.map((e) => e.split(':')[0]);
      expect(named).toEqual(
        expect.arrayContaining(['DATABASE_URL', 'PORT', 'CTIP_ENCRYPTION_KEY', 'LOG_LEVEL']),
      );
    }
  });

  it('makes the server exit non-zero on bad configuration', () => {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'main.ts')],
      {
        env: { ...process.env, PORT: '-1', DATABASE_URL: 'oracle://x' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT');
    expect(run.stderr).toContain('DATABASE_URL');
  });
});
