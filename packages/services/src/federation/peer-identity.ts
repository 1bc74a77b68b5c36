import { can, DomainError } from '@ctip/domain';
import { denyAccess } from '../common/access';
import type { AuthContext, FederationConfig, ServiceContext } from '../context';
import type { NodeIdentity, PublicJwk } from './node-identity';

/** Kind marker of the public identity JSON an administrator hands to the other side. */
export const PUBLIC_IDENTITY_KIND = 'ctip-node-public-identity';

/**
 * The public identity of a node: what the other side registers as a peer (`ctip federation
 * add-peer --identity`, or pasted on the peers page). Holds no secret.
 */
export type PublicNodeIdentity = {
  kind: typeof PUBLIC_IDENTITY_KIND;
  nodeId: string;
  name: string;
  countries: string[];
  url: string | null;
  signingKey: PublicJwk;
  encryptionKey: PublicJwk;
};

/** The public identity of a node from its settings and keys. */
export function publicIdentityOf(
  node: {
    nodeId: string;
    nodeName: string;
    countries: readonly string[];
    publicUrl: string | null;
  },
  identity: NodeIdentity,
): PublicNodeIdentity {
  return {
    kind: PUBLIC_IDENTITY_KIND,
    nodeId: node.nodeId,
    name: node.nodeName,
    countries: [...node.countries],
    url: node.publicUrl,
    signingKey: identity.signingPublicJwk,
    encryptionKey: identity.encryptionPublicJwk,
  };
}

/**
 * Require a federation permission: the scope of a node's federation settings is "the peers of my
 * node", checked against the caller's own country (region-wide holders pass anywhere).
 * @throws FORBIDDEN (audited)
 */
export async function authorizeFederation(
  ctx: ServiceContext,
  auth: AuthContext,
  action: 'read' | 'update',
  targetId: string | null = null,
): Promise<void> {
  if (!can(auth.actor, action, 'federation', { countryCode: auth.actor.countryCode })) {
    await denyAccess(ctx, auth, action, 'federation', targetId);
  }
}

/**
 * This node's public identity (id, name, countries, URL, public signing and encryption keys).
 * @throws FORBIDDEN (audited)
 */
export async function getNodeIdentity(args: {
  ctx: ServiceContext;
  auth: AuthContext;
}): Promise<PublicNodeIdentity> {
  await authorizeFederation(args.ctx, args.auth, 'read');
  const fed: FederationConfig = args.ctx.config.federation;
  return publicIdentityOf(fed, fed.identity);
}

/**
 * Read a public identity JSON (as `ctip federation show` prints it) into peer input fields.
 * @throws INVALID_INPUT naming what is wrong
 */
export function parsePublicIdentity(json: string): {
  nodeId: unknown;
  name: unknown;
  url: unknown;
  countries: unknown;
  signingKey: unknown;
  encryptionKey: unknown;
} {
  let v: Partial<PublicNodeIdentity>;
  try {
    v = JSON.parse(json) as Partial<PublicNodeIdentity>;
  } catch {
    throw new DomainError('INVALID_INPUT', 'identity: not JSON', { field: 'identity' });
  }
  if (!v || typeof v !== 'object' || v.kind !== PUBLIC_IDENTITY_KIND) {
    throw new DomainError('INVALID_INPUT', 'identity: not a public node identity', {
      field: 'identity',
    });
  }
  return {
    nodeId: v.nodeId,
    name: v.name,
    url: v.url,
    countries: v.countries,
    signingKey: v.signingKey,
    encryptionKey: v.encryptionKey,
  };
}
