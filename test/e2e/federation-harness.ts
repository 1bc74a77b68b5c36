/**
 * Multi-node federation tests: real server processes on loopback, each with its own database (a
 * PGlite data directory in a temp folder, or its own PostgreSQL database cloned from the run's
 * template), its own identity file, fast retries, demo users; peers registered both ways through
 * the admin API. Helpers craft signed messages with a node's key file, post them to an inbox, and
 * read both sides' outbox/inbox through the API.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Envelope, FEDERATION_PROTOCOL_VERSION } from '@ctip/domain';
import { FEDERATION_INBOX_PATH, JOSE_MEDIA_TYPE, type Peer, signEnvelope } from '@ctip/services';
import pg from 'pg';
import { inject } from 'vitest';
import {
  createFedNode,
  type FedNode,
  type ListedMessage,
  messagesOf,
  waitFor,
} from '../../packages/cli/src/bench/federation-nodes';
import type { Engine } from '../db';

export { type FedNode, type ListedMessage, messagesOf, waitFor };

const adminUrl = inject('postgresAdminUrl');
const templateDb = inject('postgresTemplateDb');

/** Engines of the multi-node tests: PGlite always, PostgreSQL when the run has it. */
export const NODE_ENGINES: Engine[] = adminUrl ? ['pglite', 'postgres'] : ['pglite'];

/** The demo nodes: id → countries. */
export const NODE_COUNTRIES: Record<string, string[]> = {
  'th-node': ['TH'],
  'kh-node': ['KH'],
  'mm-node': ['MM'],
};

export type Cluster = {
  nodes: Record<string, FedNode>;
  close: () => Promise<void>;
};

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Start the named nodes on `engine` and register each as a peer of the others (unless `peers`
 * says which pairs to register, as [registered at, peer]).
 */
export async function startCluster(
  engine: Engine,
  ids: string[],
  peers?: [string, string][],
): Promise<Cluster> {
  const root = mkdtempSync(join(tmpdir(), 'ctip-fed-'));
  const databases: string[] = [];
  const nodes: Record<string, FedNode> = {};
  for (const id of ids) {
    let databaseUrl: string | undefined;
    if (engine === 'postgres') {
      const name = `ctip_fed_${id.replace('-', '_')}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDb}`);
      } finally {
        await admin.end();
      }
      databases.push(name);
      databaseUrl = withDatabase(adminUrl, name);
    }
    nodes[id] = await createFedNode({
      nodeId: id,
      countries: NODE_COUNTRIES[id] ?? ['TH'],
      dir: join(root, id),
      ...(databaseUrl ? { databaseUrl } : {}),
    });
  }
  const close = async () => {
    await Promise.all(Object.values(nodes).map((n) => n.stop()));
    for (const name of databases) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const pairs = peers ?? ids.flatMap((a) => ids.filter((b) => b !== a).map((b) => [a, b]));
    for (const id of ids) {
      await (nodes[id] as FedNode).prepare(
        pairs.filter(([at]) => at === id).map(([, p]) => (nodes[p] as FedNode).publicIdentity),
      );
    }
    await Promise.all(Object.values(nodes).map((n) => n.start()));
  } catch (err) {
    await close();
    throw err;
  }
  return { nodes, close };
}

/** A `node.ping` envelope from `from` to `to` (override any field). */
export function pingEnvelope(from: FedNode, to: FedNode, over: Partial<Envelope> = {}): Envelope {
  return {
    v: FEDERATION_PROTOCOL_VERSION,
    id: randomUUID(),
    from: from.nodeId,
    to: to.nodeId,
    kind: 'node.ping',
    ref: null,
    fromRole: null,
    seq: null,
    fromCountry: null,
    toCountry: null,
    agreement: null,
    policyVersion: null,
    sentAt: new Date().toISOString(),
    body: {},
    sealed: null,
    ...over,
  };
}

/** Sign an envelope with `signer`'s key file (as that node). */
export function signAs(signer: FedNode, envelope: Envelope): Promise<string> {
  return signEnvelope(signer.identity, signer.nodeId, envelope);
}

/** POST a compact JWS to a node's inbox; the answer's status and JSON. */
export async function postToInbox(
  node: FedNode,
  jws: string,
): Promise<{
  status: number;
  body: { status?: string; error?: { code: string; message: string } };
}> {
  const res = await fetch(`${node.url}${FEDERATION_INBOX_PATH}`, {
    method: 'POST',
    headers: { 'content-type': JOSE_MEDIA_TYPE },
    body: jws,
  });
  return { status: res.status, body: (await res.json()) as never };
}

/** A node's peers through its API (as admin). */
export async function peersOf(node: FedNode): Promise<Peer[]> {
  const admin = await node.login('admin');
  const res = await admin.request<Peer[]>('GET', '/api/federation/peers');
  return res.body;
}

/** Ask `from` to ping `to` through the API; the outbox message id. */
export async function ping(from: FedNode, to: FedNode): Promise<string> {
  const admin = await from.login('admin');
  const res = await admin.request<{ messageId: string }>(
    'POST',
    `/api/federation/peers/${to.nodeId}/ping`,
  );
  if (res.status !== 202) {
    throw new Error(
      `ping ${to.nodeId} from ${from.nodeId}: ${res.status} ${JSON.stringify(res.body)}`,
    );
  }
  return res.body.messageId;
}

/** Audit events of a node (as admin), newest first, filtered by action. */
export async function auditOf(
  node: FedNode,
  action: string,
): Promise<{ action: string; outcome: string; details: Record<string, unknown> }[]> {
  const admin = await node.login('admin');
  const res = await admin.request<{
    items: { action: string; outcome: string; details: Record<string, unknown> }[];
  }>('GET', `/api/audit?action=${encodeURIComponent(action)}&pageSize=200`);
  if (res.status !== 200) {
    throw new Error(`audit of ${node.nodeId}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.items;
}

/** Ids appearing more than once. */
export function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const dup: string[] = [];
  for (const id of ids) {
    if (seen.has(id)) {
      dup.push(id);
    }
    seen.add(id);
  }
  return dup;
}
