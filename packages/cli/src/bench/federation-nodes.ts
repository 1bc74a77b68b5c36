/**
 * Real federation nodes on loopback for the federation benchmark and the multi-node tests: each a
 * child process of the server (`packages/server/src/main.ts`) with its own database (a PGlite data
 * directory, or a PostgreSQL database), its own identity file and a fixed port kept across
 * restarts, and an HTTP client that logs a demo user in (enrolling TOTP when the role needs it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createDb, migrateToLatest, parseDatabaseUrl, seedReferenceData } from '@ctip/db';
import {
  generateNodeIdentityFile,
  insertPeer,
  type NodeIdentity,
  type PublicNodeIdentity,
  parseNodeIdentity,
  publicIdentityOf,
  type ServiceConfig,
  seedDemoData,
} from '@ctip/services';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const DEMO_PASSWORD = 'mekong-demo-2026';

/** A free TCP port on 127.0.0.1. */
export async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() =>
        typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Settings of one node. */
export type FedNodeSpec = {
  nodeId: string;
  countries: string[];
  /** Working folder: identity file, PGlite data. */
  dir: string;
  /** postgres://… of this node's own database; absent: PGlite in `dir`. */
  databaseUrl?: string;
  env?: Record<string, string>;
};

/** Base32 (RFC 4648) decoding, for TOTP secrets. */
function base32Decode(s: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of s.replace(/=+$/, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** A 6-digit TOTP code (SHA-1, 30 s) for a base32 secret. */
export function totp(secret: string, at = Date.now()): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const h = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const o = (h[h.length - 1] as number) & 0xf;
  const code = (h.readUInt32BE(o) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

/** A logged-in HTTP client of a node (session cookie + X-CSRF-Token). */
export type NodeClient = {
  username: string;
  request: <T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ) => Promise<{ status: number; body: T }>;
};

/** A node process that can be stopped, killed and started again on the same data and port. */
export type FedNode = {
  spec: FedNodeSpec;
  nodeId: string;
  url: string;
  port: number;
  keyFile: string;
  identity: NodeIdentity;
  publicIdentity: PublicNodeIdentity;
  /** Database URL the node runs on. */
  databaseUrl: string;
  /**
   * Before the first start: migrate the database, seed reference data and the demo users, and
   * register `peers` (as `ctip federation add-peer` does, audited with the CLI as source).
   */
  prepare: (peers: PublicNodeIdentity[]) => Promise<void>;
  start: () => Promise<void>;
  /** SIGTERM and wait. */
  stop: () => Promise<void>;
  /** SIGKILL (no shutdown) and wait. */
  kill: () => Promise<void>;
  running: () => boolean;
  output: () => string;
  /** Log in (once per username; sessions survive restarts). */
  login: (username: string) => Promise<NodeClient>;
};

async function loginOver(url: string, username: string): Promise<NodeClient> {
  const post = async (path: string, body: unknown, cookie?: string, csrf?: string) => {
    const res = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(cookie ? { cookie } : {}),
        ...(csrf ? { 'x-csrf-token': csrf } : {}),
      },
      body: JSON.stringify(body ?? {}),
    });
    return res;
  };
  const res = await post('/api/auth/login', { username, password: DEMO_PASSWORD });
  if (res.status !== 200) {
    throw new Error(`login ${username} at ${url}: ${res.status} ${await res.text()}`);
  }
  const set = res.headers.getSetCookie().find((c) => c.startsWith('ctip_session='));
  if (!set) {
    throw new Error('no session cookie');
  }
  const cookie = set.split(';')[0] as string;
  let info = (await res.json()) as { stage: string; csrfToken: string };
  if (info.stage === 'mfa_enrollment_required') {
    const start = await post('/api/auth/mfa/enroll', {}, cookie, info.csrfToken);
    const { secret } = (await start.json()) as { secret: string };
    const done = await post(
      '/api/auth/mfa/enroll/confirm',
      { code: totp(secret) },
      cookie,
      info.csrfToken,
    );
    if (done.status !== 200) {
      throw new Error(`enrol ${username}: ${done.status} ${await done.text()}`);
    }
    info = (await done.json()) as typeof info;
  }
  if (info.stage !== 'complete') {
    throw new Error(`login ${username} stopped at ${info.stage}`);
  }
  const csrf = info.csrfToken;
  return {
    username,
    request: async <T>(method: string, path: string, body?: unknown) => {
      const r = await fetch(`${url}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrf,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await r.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON
      }
      return { status: r.status, body: parsed as T };
    },
  };
}

/**
 * Prepare a node (identity file, port); call `start()` to run it. Delivery retries are fast
 * (base 100 ms, ceiling 2 s, polling 200 ms) unless `spec.env` says otherwise.
 */
export async function createFedNode(spec: FedNodeSpec): Promise<FedNode> {
  mkdirSync(spec.dir, { recursive: true });
  const keyFile = join(spec.dir, 'node-identity.json');
  if (!existsSync(keyFile)) {
    writeFileSync(keyFile, JSON.stringify(generateNodeIdentityFile(), null, 2), { mode: 0o600 });
  }
  const encKeyFile = join(spec.dir, 'encryption.key');
  if (!existsSync(encKeyFile)) {
    writeFileSync(encKeyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  const identity = parseNodeIdentity(readFileSync(keyFile, 'utf8'));
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const publicIdentity = publicIdentityOf(
    { nodeId: spec.nodeId, nodeName: spec.nodeId, countries: spec.countries, publicUrl: url },
    identity,
  );
  let child: ChildProcess | null = null;
  let out = '';
  const sessions = new Map<string, NodeClient>();

  const env = (): Record<string, string> => ({
    ...(process.env as Record<string, string>),
    LOG_LEVEL: 'warn',
    DATABASE_URL: node.databaseUrl,
    CTIP_ENCRYPTION_KEY: readFileSync(encKeyFile, 'utf8').trim(),
    CTIP_NODE_ID: spec.nodeId,
    CTIP_NODE_NAME: spec.nodeId,
    CTIP_NODE_COUNTRIES: spec.countries.join(','),
    CTIP_NODE_KEY_FILE: keyFile,
    CTIP_PUBLIC_URL: url,
    CTIP_FEDERATION_RETRY_BASE_MS: '100',
    CTIP_FEDERATION_RETRY_MAX_MS: '2000',
    CTIP_FEDERATION_POLL_MS: '200',
    // Demo users are seeded by `prepare` (not the demo cases, which expect a six-country node).
    CTIP_SEED_DEMO: 'false',
    RATE_LIMIT_AUTH_PER_MINUTE: '10000',
    ...(spec.env ?? {}),
    PORT: String(port),
    HOST: '127.0.0.1',
  });

  const waitExit = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) {
        child = null;
        resolve();
        return;
      }
      c.once('exit', () => {
        child = null;
        resolve();
      });
      c.kill(signal);
    });

  const node: FedNode = {
    spec,
    nodeId: spec.nodeId,
    url,
    port,
    keyFile,
    identity,
    publicIdentity,
    databaseUrl: spec.databaseUrl ?? `pglite:${join(spec.dir, 'pglite')}`,
    running: () => child !== null,
    output: () => out,
    prepare: async (peers) => {
      const handle = await createDb(parseDatabaseUrl(node.databaseUrl));
      try {
        await migrateToLatest(handle.db);
        await seedReferenceData(handle.db);
        await seedDemoData(handle.db);
        const ctx = {
          db: handle.db,
          config: {
            federation: { nodeId: spec.nodeId, countries: spec.countries },
          } as unknown as ServiceConfig,
          now: () => new Date(),
        };
        for (const p of peers) {
          await insertPeer(
            ctx,
            {
              system: (action, target, details) => ({
                action,
                outcome: 'success',
                actorUserId: null,
                actorAgencyId: null,
                actorCountry: null,
                targetType: target.type,
                targetId: target.id,
                requestId: null,
                ip: null,
                userAgent: 'cli',
                details,
              }),
            },
            {
              nodeId: p.nodeId,
              name: p.name,
              url: p.url,
              countries: p.countries,
              signingKey: p.signingKey,
              encryptionKey: p.encryptionKey,
            },
          );
        }
      } finally {
        await handle.close();
      }
    },
    start: async () => {
      if (child) {
        return;
      }
      const c = spawn(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'packages/server/src/main.ts')],
        { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = c;
      const started = out.length;
      c.stdout?.on('data', (d) => {
        out += String(d);
      });
      c.stderr?.on('data', (d) => {
        out += String(d);
      });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${spec.nodeId} did not start:\n${out.slice(started)}`)),
          120_000,
        );
        const check = () => {
          if (out.slice(started).includes('is running at')) {
            clearTimeout(timer);
            c.removeListener('exit', onExit);
            resolve();
          }
        };
        const onExit = (code: number | null) => {
          clearTimeout(timer);
          child = null;
          reject(new Error(`${spec.nodeId} exited with ${code}:\n${out.slice(started)}`));
        };
        c.stdout?.on('data', check);
        c.once('exit', onExit);
      });
      c.once('exit', () => {
        if (child === c) {
          child = null;
        }
      });
    },
    stop: () => waitExit('SIGTERM'),
    kill: () => waitExit('SIGKILL'),
    login: async (username) => {
      const known = sessions.get(username);
      if (known) {
        return known;
      }
      const client = await loginOver(url, username);
      sessions.set(username, client);
      return client;
    },
  };
  return node;
}

/** Register `peer` at `node` through the admin API (POST /api/federation/peers). */
export async function registerPeer(node: FedNode, peer: FedNode): Promise<void> {
  const admin = await node.login('admin');
  const p = peer.publicIdentity;
  const res = await admin.request('POST', '/api/federation/peers', {
    nodeId: p.nodeId,
    name: p.name,
    url: p.url,
    countries: p.countries,
    signingKey: p.signingKey,
    encryptionKey: p.encryptionKey,
  });
  if (res.status !== 201) {
    throw new Error(
      `add peer ${p.nodeId} at ${node.nodeId}: ${res.status} ${JSON.stringify(res.body)}`,
    );
  }
}

/** A message of GET /api/federation/messages. */
export type ListedMessage = {
  id: string;
  direction: 'out' | 'in';
  peer: string;
  kind: string;
  ref: string | null;
  seq: number | null;
  status: string;
  attempts: number | null;
  error: string | null;
  createdAt: string;
  doneAt: string | null;
};

/** The node's messages (newest first, up to 5,000) through its API, as admin. */
export async function messagesOf(
  node: FedNode,
  query: Record<string, string> = {},
): Promise<ListedMessage[]> {
  const admin = await node.login('admin');
  const qs = new URLSearchParams({ limit: '5000', ...query }).toString();
  const res = await admin.request<ListedMessage[]>('GET', `/api/federation/messages?${qs}`);
  if (res.status !== 200) {
    throw new Error(`messages of ${node.nodeId}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/** Wait until `check` holds (polling), or fail with `what`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const v = await check();
      if (v) {
        return v;
      }
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) {
      throw new Error(
        `timed out waiting for ${what}${last ? ` (${(last as Error).message})` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Through `node`'s API: create a case (th.caseworker-like `worker`), record its consent to share
 * with `toCountry`, and refer it there (`focal`). The body of the created shared case.
 * @throws Error naming the call that failed
 */
export async function referCase(
  node: FedNode,
  args: { toCountry: string; n: number; worker: string; focal: string; nationality?: string },
): Promise<{ id: string; ref: string; role: string; peerCountry: string; localCountry: string }> {
  const today = new Date().toISOString().slice(0, 10);
  const worker = await node.login(args.worker);
  const country = node.spec.countries[0] as string;
  const created = await worker.request<{ id: string }>('POST', '/api/cases', {
    person: {
      givenName: `Sokha${args.n}`,
      familyName: 'Chan',
      gender: 'Female',
      nationality: args.nationality ?? args.toCountry,
    },
    victim: {
      identificationStatus: 'Identified',
      formsOfExploitation: ['ForcedLabour'],
      countryOfExploitation: country,
    },
    events: [{ type: 'Exploitation', country, state: 'Rayong', date: '2026-06-01' }],
    ignoreDuplicates: true,
  });
  if (created.status !== 201) {
    throw new Error(`create case: ${created.status} ${JSON.stringify(created.body)}`);
  }
  const caseId = created.body.id;
  const consent = await worker.request('POST', `/api/cases/${caseId}/consents`, {
    purpose: 'ShareCountry',
    isGranted: true,
    recipients: [args.toCountry],
    givenOn: today,
    explainedIn: 'km',
  });
  if (consent.status !== 201) {
    throw new Error(`consent: ${consent.status} ${JSON.stringify(consent.body)}`);
  }
  const focal = await node.login(args.focal);
  const xb = await focal.request<{
    id: string;
    ref: string;
    role: string;
    peerCountry: string;
    localCountry: string;
  }>('POST', `/api/cases/${caseId}/cross-border`, {
    toCountry: args.toCountry,
    purpose: 'Repatriation',
    returnChoice: 'Voluntary',
  });
  if (xb.status !== 201) {
    throw new Error(`refer: ${xb.status} ${JSON.stringify(xb.body)}`);
  }
  return xb.body;
}
