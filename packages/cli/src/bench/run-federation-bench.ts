import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb, type DbTarget } from '@ctip/db';
import { sql } from 'kysely';
import { type Output, writeLine } from '../context';
import {
  createFedNode,
  type FedNode,
  type ListedMessage,
  messagesOf,
  referCase,
  waitFor,
} from './federation-nodes';
import { dropDatabase } from './scratch-db';
import { percentile } from './stats';

/** Settings of the federation benchmark. */
export type FederationBenchOptions = {
  target: DbTarget;
  /** Messages sent one at a time for the latency figures. */
  messages: number;
  /** Referrals (case + consent + referral.offer) in flight together for the drain figures. */
  referrals: number;
  /** Referrals sent one at a time for the offer latency (0: none). */
  offerSamples: number;
  /** Concurrent API calls while filling the outbox. */
  concurrency: number;
};

/** What the federation benchmark measured. */
export type FederationBenchReport = {
  database: string;
  node: string;
  cpus: number;
  setupMs: number;
  latency: { n: number; p50Ms: number; p95Ms: number; maxMs: number };
  offerLatency: { n: number; p50Ms: number; p95Ms: number; maxMs: number };
  drain: {
    messages: number;
    enqueueMs: number;
    drainMs: number;
    /** Until every receipt (referral.received) was back at the sender. */
    roundTripMs: number;
    throughputPerSecond: number;
    applied: number;
    duplicates: number;
    lost: number;
    exactlyOnce: boolean;
  };
};

async function pingVia(from: FedNode, to: FedNode): Promise<string> {
  const admin = await from.login('admin');
  const res = await admin.request<{ messageId: string }>(
    'POST',
    `/api/federation/peers/${to.nodeId}/ping`,
  );
  if (res.status !== 202) {
    throw new Error(`ping: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.messageId;
}

async function patchPeer(node: FedNode, peer: string, body: unknown): Promise<void> {
  const admin = await node.login('admin');
  const res = await admin.request('PATCH', `/api/federation/peers/${peer}`, body);
  if (res.status !== 200) {
    throw new Error(`peer update: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** Outbox (sender) and inbox (receiver) rows of `ids` (message ids, or case refs for offers). */
async function both(th: FedNode, kh: FedNode, ids: Set<string>, kind = 'node.ping') {
  const key = (m: ListedMessage) => (kind === 'node.ping' ? m.id : (m.ref ?? ''));
  const out = (await messagesOf(th, { direction: 'out', kind })).filter((m) => ids.has(key(m)));
  const inbox = (await messagesOf(kh, { direction: 'in', kind, peer: th.nodeId })).filter((m) =>
    ids.has(key(m)),
  );
  return { out, inbox };
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

const refer = (th: FedNode, n: number) =>
  referCase(th, { toCountry: 'KH', n, worker: 'th.caseworker', focal: 'th.focal' });

function appliedLatencies(out: ListedMessage[], inbox: ListedMessage[]): number[] {
  const created = new Map(out.map((m) => [m.id, Date.parse(m.createdAt)]));
  return inbox
    .filter((m) => m.status === 'Applied' && m.doneAt)
    .map((m) => Date.parse(m.doneAt as string) - (created.get(m.id) ?? Number.NaN))
    .filter((ms) => Number.isFinite(ms));
}

async function inBatches<T>(n: number, concurrency: number, fn: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        next += 1;
        results.push(await fn());
      }
    }),
  );
  return results;
}

/**
 * Run the federation benchmark: two real nodes (th-node, kh-node) as child processes on loopback,
 * each with its own database (PGlite data directories in a temp folder, or two scratch PostgreSQL
 * databases that are dropped afterwards). Measures the delivery latency of signed messages sent
 * one at a time (outbox created → receiver applied, the same machine's clock), then fills the
 * outbox with `referrals` messages while the peer is unreachable and times the drain once it is
 * reachable again, checking that the receiver applied each exactly once.
 */
export async function runFederationBench(
  options: FederationBenchOptions,
  log: Output,
): Promise<FederationBenchReport> {
  const started = Date.now();
  const dir = mkdtempSync(join(tmpdir(), 'ctip-bench-fed-'));
  const databases: string[] = [];
  let adminUrl: string | null = null;
  const urlFor = async (nodeId: string): Promise<string | undefined> => {
    if (options.target.kind !== 'postgres') {
      return undefined;
    }
    adminUrl = options.target.url;
    const name = `ctip_bench_${nodeId.replace('-', '_')}_${randomBytes(4).toString('hex')}`;
    const admin = await createDb({ kind: 'postgres', url: adminUrl, poolSize: 1 });
    try {
      await sql`create database ${sql.id(name)}`.execute(admin.db);
    } finally {
      await admin.close();
    }
    databases.push(name);
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const nodes: FedNode[] = [];
  try {
    const thUrl = await urlFor('th-node');
    const khUrl = await urlFor('kh-node');
    const th = await createFedNode({
      nodeId: 'th-node',
      countries: ['TH'],
      dir: join(dir, 'th'),
      ...(thUrl ? { databaseUrl: thUrl } : {}),
    });
    const kh = await createFedNode({
      nodeId: 'kh-node',
      countries: ['KH'],
      dir: join(dir, 'kh'),
      ...(khUrl ? { databaseUrl: khUrl } : {}),
    });
    nodes.push(th, kh);
    writeLine(log, 'Preparing two node databases (migrate, seed, register peers)…');
    await th.prepare([kh.publicIdentity]);
    await kh.prepare([th.publicIdentity]);
    writeLine(log, 'Starting th-node and kh-node…');
    await Promise.all([th.start(), kh.start()]);
    await th.login('admin');
    await kh.login('admin');
    const setupMs = Date.now() - started;

    // 1. Latency, one message at a time.
    writeLine(log, `Latency: ${options.messages} messages sent one at a time…`);
    const latencyIds = new Set<string>();
    // Warm both nodes (first requests compile code paths) before measuring.
    await pingVia(th, kh);
    for (let i = 0; i < options.messages; i++) {
      latencyIds.add(await pingVia(th, kh));
      await sleep(20);
    }
    await waitFor(
      'latency messages applied',
      async () => (await both(th, kh, latencyIds)).inbox.length === latencyIds.size,
      120_000,
      250,
    );
    const lat = await both(th, kh, latencyIds);
    const latency = summary(appliedLatencies(lat.out, lat.inbox));

    // 2. Offer latency: referrals (case, consent, referral.offer) one at a time.
    writeLine(log, `Offer latency: ${options.offerSamples} referrals one at a time…`);
    const offerRefs = new Set<string>();
    for (let i = 0; i < options.offerSamples; i++) {
      offerRefs.add((await refer(th, i)).ref);
    }
    await waitFor(
      'offers applied',
      async () =>
        (await both(th, kh, offerRefs, 'referral.offer')).inbox.filter(
          (m) => m.status === 'Applied',
        ).length === offerRefs.size,
      120_000,
      250,
    );
    const offered = await both(th, kh, offerRefs, 'referral.offer');
    const offerLatency = summary(appliedLatencies(offered.out, offered.inbox));

    // 3. Drain: referrals made while the peer is unreachable, then all released at once.
    writeLine(log, `Drain: creating ${options.referrals} referrals while kh-node is unreachable…`);
    await patchPeer(th, 'kh-node', { url: 'http://127.0.0.1:9' });
    const enqueueStart = Date.now();
    let made = 0;
    const drainRefs = new Set(
      (
        await inBatches(options.referrals, options.concurrency, async () => {
          made += 1;
          if (made % 100 === 0) {
            writeLine(log, `  ${made} referrals made`);
          }
          return refer(th, 100_000 + made);
        })
      ).map((x) => x.ref),
    );
    const enqueueMs = Date.now() - enqueueStart;
    writeLine(log, `Releasing ${drainRefs.size} referrals…`);
    const release = Date.now();
    await patchPeer(th, 'kh-node', { url: kh.url });
    await waitFor(
      'drain',
      async () => {
        const { out } = await both(th, kh, drainRefs, 'referral.offer');
        return out.length === drainRefs.size && out.every((m) => m.status !== 'Pending');
      },
      900_000,
      500,
    );
    const drained = await both(th, kh, drainRefs, 'referral.offer');
    const lastApplied = Math.max(
      ...drained.inbox.map((m) => (m.doneAt ? Date.parse(m.doneAt) : 0)),
    );
    const drainMs = Math.max(1, lastApplied - release);
    const receipts = await waitFor(
      'receipts back',
      async () => {
        const r = (await messagesOf(th, { direction: 'in', kind: 'referral.received' })).filter(
          (m) => m.ref && drainRefs.has(m.ref) && m.status === 'Applied',
        );
        return r.length >= drainRefs.size ? r : null;
      },
      900_000,
      500,
    ).catch(() => [] as ListedMessage[]);
    const roundTripMs =
      receipts.length > 0
        ? Math.max(...receipts.map((m) => Date.parse(m.doneAt as string))) - release
        : Number.NaN;
    const appliedRefs = drained.inbox.filter((m) => m.status === 'Applied').map((m) => m.ref);
    const unique = new Set(appliedRefs);
    const lost = [...drainRefs].filter((ref) => !unique.has(ref)).length;
    const duplicates = appliedRefs.length - unique.size;
    return {
      database:
        options.target.kind === 'postgres'
          ? `PostgreSQL (two scratch databases)`
          : 'PGlite (two data directories)',
      node: process.version,
      cpus: cpus().length,
      setupMs,
      latency,
      offerLatency,
      drain: {
        messages: drainRefs.size,
        enqueueMs,
        drainMs,
        roundTripMs,
        throughputPerSecond: Math.round((unique.size * 1000) / drainMs),
        applied: unique.size,
        duplicates,
        lost,
        exactlyOnce:
          lost === 0 &&
          duplicates === 0 &&
          unique.size === options.referrals &&
          drained.out.every((m) => m.status === 'Delivered'),
      },
    };
  } finally {
    await Promise.all(nodes.map((n) => n.stop()));
    rmSync(dir, { recursive: true, force: true });
    if (adminUrl && databases.length > 0) {
      const admin = await createDb({ kind: 'postgres', url: adminUrl, poolSize: 1 });
      try {
        for (const name of databases) {
          await dropDatabase(admin.db, name);
        }
      } finally {
        await admin.close();
      }
    }
  }
}
