import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '@ctip/db';
import type { Peer, PublicNodeIdentity } from '@ctip/services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, DB_TARGETS } from '../../../../test/db';
import { runCli } from '../test-helpers';

const dir = mkdtempSync(join(tmpdir(), 'ctip-fed-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ctip federation keygen and show', () => {
  it('writes a private identity file (0600), prints the public identity, and will not overwrite', async () => {
    const out = join(dir, 'keys', 'th.json');
    const run = await runCli([
      'federation',
      'keygen',
      '--out',
      out,
      '--node-id',
      'th-node',
      '--countries',
      'TH',
      '--url',
      'https://th.example.org',
      '--name',
      'Thailand',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const pub = JSON.parse(run.stdout) as PublicNodeIdentity;
    expect(pub).toMatchObject({
      kind: 'ctip-node-public-identity',
      nodeId: 'th-node',
      countries: ['TH'],
      url: 'https://th.example.org',
      signingKey: { kty: 'OKP', crv: 'Ed25519' },
      encryptionKey: { kty: 'OKP', crv: 'X25519' },
    });
    expect(run.stdout).not.toContain('"d"');
    const file = JSON.parse(readFileSync(out, 'utf8')) as { signing: { d: string } };
    expect(file.signing.d).toBeTruthy();

    const again = await runCli(['federation', 'keygen', '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists: pass --force/);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(file);

    const show = await runCli([
      'federation',
      'show',
      '--key-file',
      out,
      '--node-id',
      'th-node',
      '--countries',
      'TH',
      '--url',
      'https://th.example.org',
      '--name',
      'Thailand',
    ]);
    expect(show.code).toBe(0);
    expect(JSON.parse(show.stdout)).toEqual(pub);

    const forced = await runCli(['federation', 'keygen', '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).signingKey).not.toEqual(pub.signingKey);

    const missing = await runCli(['federation', 'show', '--key-file', join(dir, 'nope.json')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/keygen/);
  });
});

for (const engine of DB_TARGETS) {
  describe(`${engine}: ctip federation add-peer and peers`, () => {
    let handle: DbHandle;
    let khIdentity: string;
    let mm: PublicNodeIdentity;
    const saved = { id: process.env.CTIP_NODE_ID, countries: process.env.CTIP_NODE_COUNTRIES };
    beforeAll(async () => {
      handle = await createTestDb(engine);
      process.env.CTIP_NODE_ID = 'th-node';
      process.env.CTIP_NODE_COUNTRIES = 'TH';
      const kh = await runCli([
        'federation',
        'keygen',
        '--out',
        join(dir, `${engine}-kh.json`),
        '--node-id',
        'kh-node',
        '--countries',
        'KH',
        '--url',
        'http://127.0.0.1:3101',
        '--name',
        'Cambodia',
      ]);
      khIdentity = join(dir, `${engine}-kh.pub.json`);
      writeFileSync(khIdentity, kh.stdout);
      const m = await runCli([
        'federation',
        'keygen',
        '--out',
        join(dir, `${engine}-mm.json`),
        '--node-id',
        'mm-node',
      ]);
      mm = JSON.parse(m.stdout) as PublicNodeIdentity;
    });
    afterAll(async () => {
      process.env.CTIP_NODE_ID = saved.id;
      process.env.CTIP_NODE_COUNTRIES = saved.countries;
      if (saved.id === undefined) {
        delete process.env.CTIP_NODE_ID;
      }
      if (saved.countries === undefined) {
        delete process.env.CTIP_NODE_COUNTRIES;
      }
      await handle.close();
    });

    it('registers a peer from its identity file, audited with the CLI as source', async () => {
      const run = await runCli(['federation', 'add-peer', '--identity', khIdentity], {
        db: handle,
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/kh-node\s+\| Cambodia\s+\| KH/);
      const audit = await handle.db
        .selectFrom('audit_event')
        .select(['action', 'target_id', 'user_agent'])
        .where('action', '=', 'federation.peer_add')
        .execute();
      expect(audit).toEqual([
        { action: 'federation.peer_add', target_id: 'kh-node', user_agent: 'cli' },
      ]);
      const dup = await runCli(['federation', 'add-peer', '--identity', khIdentity], {
        db: handle,
      });
      expect(dup.code).toBe(1);
      expect(dup.stderr).toMatch(/CONFLICT: nodeId: kh-node is already a peer/);
    });

    it('registers a peer from its keys, and refuses this node’s own countries or id', async () => {
      const args = [
        'federation',
        'add-peer',
        '--node-id',
        'mm-node',
        '--url',
        'http://127.0.0.1:3102',
        '--name',
        'Myanmar',
        '--signing-key',
        JSON.stringify(mm.signingKey),
        '--encryption-key',
        JSON.stringify(mm.encryptionKey),
      ];
      const own = await runCli([...args, '--countries', 'MM,TH'], { db: handle });
      expect(own.code).toBe(1);
      expect(own.stderr).toMatch(/countries: this node itself holds TH/);
      const self = await runCli(
        [...args.map((a) => (a === 'mm-node' ? 'th-node' : a)), '--countries', 'MM'],
        {
          db: handle,
        },
      );
      expect(self.stderr).toMatch(/nodeId: this is the id of this node itself/);
      const swapped = await runCli(
        [
          ...args.slice(0, 8),
          '--signing-key',
          JSON.stringify(mm.encryptionKey),
          '--encryption-key',
          JSON.stringify(mm.encryptionKey),
          '--countries',
          'MM',
        ],
        { db: handle },
      );
      expect(swapped.stderr).toMatch(/signingKey: must be a public Ed25519 JWK/);
      const noKeys = await runCli(['federation', 'add-peer', '--node-id', 'mm-node'], {
        db: handle,
      });
      expect(noKeys.code).toBe(2);
      const ok = await runCli([...args, '--countries', 'MM'], { db: handle });
      expect(ok.code, ok.stderr).toBe(0);
    });

    it('lists the peers with their health, as a table or JSON', async () => {
      const table = await runCli(['federation', 'peers'], { db: handle });
      expect(table.code).toBe(0);
      const lines = table.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^node\s+\| name\s+\| countries\s+\| url\s+\| state/);
      expect(lines).toHaveLength(4);
      const json = await runCli(['federation', 'peers', '--json'], { db: handle });
      const peers = JSON.parse(json.stdout) as Peer[];
      expect(peers.map((p) => [p.nodeId, p.health, p.queueDepth])).toEqual([
        ['kh-node', 'unknown', 0],
        ['mm-node', 'unknown', 0],
      ]);
    });
  });
}
