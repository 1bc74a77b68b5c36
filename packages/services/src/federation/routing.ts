import type { Database, Db } from '@ctip/db';
import type { Transaction } from 'kysely';
import type { ServiceContext } from '../context';
import type { PublicJwk } from './node-identity';

type Reader = Db | Transaction<Database>;

/** A node a message can be addressed to. `isSelf`: this node hosts the country itself. */
export type NodeRoute = {
  nodeId: string;
  isSelf: boolean;
  name: string;
  url: string | null;
  encryptionKey: PublicJwk;
  signingKey: PublicJwk;
};

/**
 * The node that holds a country's data: this node when it hosts the country, else the active peer
 * that declares it. Null when no node is known for the country.
 */
export async function resolveCountryNode(
  db: Reader,
  ctx: ServiceContext,
  country: string,
): Promise<NodeRoute | null> {
  const fed = ctx.config.federation;
  if (fed.countries.includes(country)) {
    return selfRoute(ctx);
  }
  const peer = await db
    .selectFrom('federation_peer')
    .selectAll()
    .where('is_active', '=', true)
    .where((eb) => eb(eb.val(country), '=', eb.fn.any('countries')))
    .orderBy('node_id')
    .executeTakeFirst();
  return peer ? peerRoute(peer) : null;
}

/** The route of a node by id (this node or an active peer); null when unknown or inactive. */
export async function resolveNode(
  db: Reader,
  ctx: ServiceContext,
  nodeId: string,
): Promise<NodeRoute | null> {
  if (nodeId === ctx.config.federation.nodeId) {
    return selfRoute(ctx);
  }
  const peer = await db
    .selectFrom('federation_peer')
    .selectAll()
    .where('node_id', '=', nodeId)
    .where('is_active', '=', true)
    .executeTakeFirst();
  return peer ? peerRoute(peer) : null;
}

/** Where statistics pushes go: the configured regional node and, when it is a known peer, its route. */
export type RegionalTarget = {
  nodeId: string;
  /** This node is the regional node (nothing to push: its published store is the regional one). */
  isSelf: boolean;
  /**
   * The route, or a placeholder when the regional node is not (yet) a registered, active peer: the
   * message waits in the outbox, retried, until it is (nothing sealed can be addressed to it).
   */
  route: NodeRoute;
  isRegistered: boolean;
};

/** The regional node of the federation (config `regionalNodeId`); null when none is configured. */
export async function resolveRegionalNode(
  db: Reader,
  ctx: ServiceContext,
): Promise<RegionalTarget | null> {
  const nodeId = ctx.config.federation.regionalNodeId ?? null;
  if (!nodeId) {
    return null;
  }
  const route = await resolveNode(db, ctx, nodeId);
  if (route) {
    return { nodeId, isSelf: route.isSelf, route, isRegistered: true };
  }
  return {
    nodeId,
    isSelf: false,
    isRegistered: false,
    route: {
      nodeId,
      isSelf: false,
      name: nodeId,
      url: null,
      encryptionKey: {} as PublicJwk,
      signingKey: {} as PublicJwk,
    },
  };
}

/** Is this node the regional node (it accepts statistics pushes)? */
export function isRegionalNode(ctx: ServiceContext): boolean {
  const fed = ctx.config.federation;
  return !!fed.regionalNodeId && fed.regionalNodeId === fed.nodeId;
}

function selfRoute(ctx: ServiceContext): NodeRoute {
  const fed = ctx.config.federation;
  return {
    nodeId: fed.nodeId,
    isSelf: true,
    name: fed.nodeName,
    url: fed.publicUrl,
    encryptionKey: fed.identity.encryptionPublicJwk,
    signingKey: fed.identity.signingPublicJwk,
  };
}

function peerRoute(peer: {
  node_id: string;
  name: string;
  url: string;
  encryption_key: Record<string, unknown>;
  signing_key: Record<string, unknown>;
}): NodeRoute {
  return {
    nodeId: peer.node_id,
    isSelf: false,
    name: peer.name,
    url: peer.url,
    encryptionKey: peer.encryption_key as PublicJwk,
    signingKey: peer.signing_key as PublicJwk,
  };
}
