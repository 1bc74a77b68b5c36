import type { Database } from '@ctip/db';
import {
  type AuditEventInput,
  CountryCodeSchema,
  DomainError,
  NodeIdSchema,
  text,
} from '@ctip/domain';
import { type Selectable, sql } from 'kysely';
import { z } from 'zod';
import { appendAuditEvent } from '../audit/append-audit-event';
import { auditEvent } from '../common/access';
import { isoOf } from '../common/iso-date';
import { parseInput } from '../common/parse-input';
import type { AuthContext, ServiceContext } from '../context';
import { isPublicJwk, type PublicJwk } from './node-identity';
import { enqueueMessage, kickOutbox } from './outbox';
import { authorizeFederation } from './peer-identity';
import { resolveNode } from './routing';

type PeerRow = Selectable<Database['federation_peer']>;

const HttpUrlSchema = z
  .url()
  .max(500)
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

const CountriesSchema = z
  .array(CountryCodeSchema)
  .min(1, 'at least one country')
  .max(20)
  .refine((c) => new Set(c).size === c.length, 'countries are repeated');

/** A peer to register: the other node's public identity. */
export const PeerInputSchema = z.strictObject({
  nodeId: NodeIdSchema,
  name: text(200),
  url: HttpUrlSchema,
  countries: CountriesSchema,
  /** Ed25519 public JWK (verifies the peer's signatures). */
  signingKey: z.unknown(),
  /** X25519 public JWK (personal parts are encrypted to it). */
  encryptionKey: z.unknown(),
});
export type PeerInput = z.infer<typeof PeerInputSchema>;

/** A change to a peer: any of its fields, or both keys (rotation). */
export const PeerUpdateInputSchema = z
  .strictObject({
    name: text(200).optional(),
    url: HttpUrlSchema.optional(),
    countries: CountriesSchema.optional(),
    isActive: z.boolean().optional(),
    signingKey: z.unknown().optional(),
    encryptionKey: z.unknown().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'nothing to change');
export type PeerUpdateInput = z.infer<typeof PeerUpdateInputSchema>;

/** Health of a peer as the peers screen colours it. */
export type PeerHealthState = 'healthy' | 'degraded' | 'down' | 'inactive' | 'unknown';

/** A registered peer with its delivery health. */
export type Peer = {
  nodeId: string;
  name: string;
  url: string;
  countries: string[];
  isActive: boolean;
  signingKey: PublicJwk;
  encryptionKey: PublicJwk;
  addedAt: string;
  lastContactAt: string | null;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Outbox messages to the peer not yet delivered. */
  queueDepth: number;
  oldestPendingAt: string | null;
  oldestPendingAgeSeconds: number | null;
  /** Our messages the peer refused for good (outbox Rejected). */
  rejectedByPeer: number;
  /** The peer's messages this node refused. */
  rejectedByUs: number;
  health: PeerHealthState;
};

/** Consecutive failed deliveries from which a peer counts as down. */
export const PEER_DOWN_AFTER_FAILURES = 3;
/** Age of the oldest undelivered message from which a peer counts as degraded. */
export const PEER_DEGRADED_QUEUE_SECONDS = 300;

/**
 * The health of a peer: inactive when switched off; down after {@link PEER_DOWN_AFTER_FAILURES}
 * failures in a row; degraded after any failure or when its queue is older than
 * {@link PEER_DEGRADED_QUEUE_SECONDS}; unknown while never contacted; else healthy.
 */
export function peerHealthOf(p: {
  isActive: boolean;
  consecutiveFailures: number;
  oldestPendingAgeSeconds: number | null;
  lastContactAt: string | null;
  lastSuccessAt: string | null;
}): PeerHealthState {
  if (!p.isActive) {
    return 'inactive';
  }
  if (p.consecutiveFailures >= PEER_DOWN_AFTER_FAILURES) {
    return 'down';
  }
  if (p.consecutiveFailures > 0 || (p.oldestPendingAgeSeconds ?? 0) > PEER_DEGRADED_QUEUE_SECONDS) {
    return 'degraded';
  }
  if (!p.lastContactAt && !p.lastSuccessAt) {
    return 'unknown';
  }
  return 'healthy';
}

function peerOf(
  r: PeerRow,
  stats: { pending: number; oldest: Date | null; rejected: number },
  now: Date,
): Peer {
  const oldestPendingAgeSeconds = stats.oldest
    ? Math.max(0, Math.round((now.getTime() - stats.oldest.getTime()) / 1000))
    : null;
  const base = {
    nodeId: r.node_id,
    name: r.name,
    url: r.url,
    countries: r.countries,
    isActive: r.is_active,
    signingKey: r.signing_key as unknown as PublicJwk,
    encryptionKey: r.encryption_key as unknown as PublicJwk,
    addedAt: isoOf(r.added_at) as string,
    lastContactAt: isoOf(r.last_contact_at),
    lastSuccessAt: isoOf(r.last_success_at),
    lastFailureAt: isoOf(r.last_failure_at),
    lastError: r.last_error,
    consecutiveFailures: r.consecutive_failures,
    queueDepth: stats.pending,
    oldestPendingAt: isoOf(stats.oldest),
    oldestPendingAgeSeconds,
    rejectedByPeer: stats.rejected,
    rejectedByUs: r.messages_rejected,
  };
  return { ...base, health: peerHealthOf(base) };
}

/** Peers with their health, without authorisation (CLI and the authorised use case). */
export async function selectPeers(ctx: ServiceContext, nodeId?: string): Promise<Peer[]> {
  let q = ctx.db.selectFrom('federation_peer').selectAll().orderBy('node_id');
  if (nodeId) {
    q = q.where('node_id', '=', nodeId);
  }
  const rows = await q.execute();
  if (rows.length === 0) {
    return [];
  }
  const stats = await ctx.db
    .selectFrom('outbox_message')
    .select([
      'to_node',
      sql<number>`count(*) filter (where status = 'Pending')`.as('pending'),
      sql<number>`count(*) filter (where status = 'Rejected')`.as('rejected'),
      sql<Date | null>`min(created_at) filter (where status = 'Pending')`.as('oldest'),
    ])
    .where(
      'to_node',
      'in',
      rows.map((r) => r.node_id),
    )
    .where('status', 'in', ['Pending', 'Rejected'])
    .groupBy('to_node')
    .execute();
  const byNode = new Map(
    stats.map((s) => [
      s.to_node,
      {
        pending: Number(s.pending),
        rejected: Number(s.rejected),
        oldest: s.oldest ? new Date(s.oldest) : null,
      },
    ]),
  );
  const now = ctx.now();
  return rows.map((r) =>
    peerOf(r, byNode.get(r.node_id) ?? { pending: 0, oldest: null, rejected: 0 }, now),
  );
}

/**
 * The peers of this node with their health (last contact, failures, queue depth, refusals).
 * @throws FORBIDDEN (audited)
 */
export async function listPeers(args: { ctx: ServiceContext; auth: AuthContext }): Promise<Peer[]> {
  await authorizeFederation(args.ctx, args.auth, 'read');
  return selectPeers(args.ctx);
}

function requireJwk(v: unknown, crv: 'Ed25519' | 'X25519', field: string): PublicJwk {
  if (!isPublicJwk(v, crv)) {
    throw new DomainError('INVALID_INPUT', `${field}: must be a public ${crv} JWK`, { field });
  }
  const j = v as PublicJwk;
  return { kty: j.kty, crv: j.crv, x: j.x };
}

function assertNotSelfCountries(ctx: ServiceContext, countries: string[]): void {
  const own = countries.find((c) => ctx.config.federation.countries.includes(c));
  if (own) {
    throw new DomainError('INVALID_INPUT', `countries: this node itself holds ${own}`, {
      field: 'countries',
    });
  }
}

/** Who is acting: an authenticated caller, or the CLI's audit event builder. */
export type PeerActor =
  | { auth: AuthContext }
  | {
      system: (
        action: 'federation.peer_add' | 'federation.peer_update',
        target: { type: string; id: string | null },
        details: Record<string, unknown>,
      ) => AuditEventInput;
    };

function auditOf(
  who: PeerActor,
  action: 'federation.peer_add' | 'federation.peer_update',
  nodeId: string,
  details: Record<string, unknown>,
): AuditEventInput {
  const target = { type: 'federation_peer', id: nodeId };
  return 'auth' in who
    ? auditEvent(who.auth, action, target, details)
    : who.system(action, target, details);
}

/**
 * Register a peer without an authorisation check (the CLI, acting on the database directly).
 * @throws INVALID_INPUT (field named), CONFLICT when the node id is already a peer
 */
export async function insertPeer(
  ctx: ServiceContext,
  who: PeerActor,
  rawInput: unknown,
): Promise<Peer> {
  const input = parseInput(PeerInputSchema, rawInput);
  const signingKey = requireJwk(input.signingKey, 'Ed25519', 'signingKey');
  const encryptionKey = requireJwk(input.encryptionKey, 'X25519', 'encryptionKey');
  if (input.nodeId === ctx.config.federation.nodeId) {
    throw new DomainError('INVALID_INPUT', 'nodeId: this is the id of this node itself', {
      field: 'nodeId',
    });
  }
  assertNotSelfCountries(ctx, input.countries);
  const exists = await ctx.db
    .selectFrom('federation_peer')
    .select('node_id')
    .where('node_id', '=', input.nodeId)
    .executeTakeFirst();
  if (exists) {
    throw new DomainError('CONFLICT', `nodeId: ${input.nodeId} is already a peer`, {
      field: 'nodeId',
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('federation_peer')
      .values({
        node_id: input.nodeId,
        name: input.name,
        url: input.url,
        countries: input.countries,
        signing_key: JSON.stringify(signingKey),
        encryption_key: JSON.stringify(encryptionKey),
        added_at: ctx.now(),
      })
      .execute();
    await appendAuditEvent(
      trx,
      auditOf(who, 'federation.peer_add', input.nodeId, {
        countries: input.countries,
        url: input.url,
      }),
      ctx.now(),
    );
  });
  return (await selectPeers(ctx, input.nodeId))[0] as Peer;
}

/**
 * Register a peer node (national or system administrator).
 * @throws FORBIDDEN (audited), INVALID_INPUT (field named), CONFLICT
 */
export async function addPeer(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  input: unknown;
}): Promise<Peer> {
  await authorizeFederation(args.ctx, args.auth, 'update');
  return insertPeer(args.ctx, { auth: args.auth }, args.input);
}

/**
 * Change a peer without an authorisation check: URL, name, countries, active, or its keys.
 * @throws NOT_FOUND, INVALID_INPUT
 */
export async function changePeer(
  ctx: ServiceContext,
  who: PeerActor,
  nodeId: string,
  rawInput: unknown,
): Promise<Peer> {
  const input = parseInput(PeerUpdateInputSchema, rawInput);
  const row = await ctx.db
    .selectFrom('federation_peer')
    .select('node_id')
    .where('node_id', '=', nodeId)
    .executeTakeFirst();
  if (!row) {
    throw new DomainError('NOT_FOUND', 'No such peer');
  }
  const set: Record<string, unknown> = {};
  if (input.name !== undefined) {
    set.name = input.name;
  }
  if (input.url !== undefined) {
    set.url = input.url;
  }
  if (input.countries !== undefined) {
    assertNotSelfCountries(ctx, input.countries);
    set.countries = input.countries;
  }
  if (input.isActive !== undefined) {
    set.is_active = input.isActive;
  }
  if (input.signingKey !== undefined) {
    set.signing_key = JSON.stringify(requireJwk(input.signingKey, 'Ed25519', 'signingKey'));
  }
  if (input.encryptionKey !== undefined) {
    set.encryption_key = JSON.stringify(requireJwk(input.encryptionKey, 'X25519', 'encryptionKey'));
  }
  if (input.isActive === true || input.url !== undefined) {
    // A fresh start for the health counters when an administrator fixes or re-enables the peer.
    set.consecutive_failures = 0;
  }
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('federation_peer').set(set).where('node_id', '=', nodeId).execute();
    if (input.isActive === true || input.url !== undefined) {
      // Messages waiting for the peer are due again now.
      await trx
        .updateTable('outbox_message')
        .set({ next_attempt_at: ctx.now() })
        .where('to_node', '=', nodeId)
        .where('status', '=', 'Pending')
        .execute();
    }
    await appendAuditEvent(
      trx,
      auditOf(who, 'federation.peer_update', nodeId, {
        fields: Object.keys(input).filter((k) => !k.endsWith('Key')),
        keyRotated: input.signingKey !== undefined || input.encryptionKey !== undefined,
        ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
      }),
      ctx.now(),
    );
  });
  kickOutbox(ctx);
  return (await selectPeers(ctx, nodeId))[0] as Peer;
}

/**
 * Change a peer (national or system administrator): URL, name, countries, active, key rotation.
 * @throws FORBIDDEN (audited), NOT_FOUND, INVALID_INPUT
 */
export async function updatePeer(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  nodeId: string;
  input: unknown;
}): Promise<Peer> {
  await authorizeFederation(args.ctx, args.auth, 'update', args.nodeId);
  return changePeer(args.ctx, { auth: args.auth }, args.nodeId, args.input);
}

/** Put a `node.ping` to a peer in the outbox and wake the deliverer. @returns the message id */
export async function enqueuePing(ctx: ServiceContext, nodeId: string): Promise<string> {
  const route = await resolveNode(ctx.db, ctx, nodeId);
  if (!route || route.isSelf) {
    throw new DomainError('NOT_FOUND', 'No such active peer');
  }
  const { id } = await ctx.db.transaction().execute((trx) =>
    enqueueMessage(trx, ctx, {
      to: route,
      kind: 'node.ping',
      ref: null,
      xbCaseId: null,
      fromRole: null,
      fromCountry: null,
      toCountry: null,
      agreement: null,
      policyVersion: null,
      body: {},
    }),
  );
  kickOutbox(ctx);
  return id;
}

/**
 * Ping a peer: a signed `node.ping` through the outbox (its delivery updates the peer's health).
 * @throws FORBIDDEN (audited), NOT_FOUND (unknown or inactive peer)
 */
export async function pingPeer(args: {
  ctx: ServiceContext;
  auth: AuthContext;
  nodeId: string;
}): Promise<{ messageId: string }> {
  await authorizeFederation(args.ctx, args.auth, 'update', args.nodeId);
  return { messageId: await enqueuePing(args.ctx, args.nodeId) };
}
