import { api } from '../../../api/client';

/** A public JWK of a node (Ed25519 signing or X25519 encryption). */
export type PublicJwk = { kty: string; crv: string; x: string };

/** This node's public identity (GET /api/federation/node), given to the other side. */
export type NodeIdentity = {
  kind: 'ctip-node-public-identity';
  nodeId: string;
  name: string;
  countries: string[];
  url: string | null;
  signingKey: PublicJwk;
  encryptionKey: PublicJwk;
};

export type PeerHealthState = 'healthy' | 'degraded' | 'down' | 'inactive' | 'unknown';

/** A peer with its delivery health (GET /api/federation/peers). */
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
  queueDepth: number;
  oldestPendingAt: string | null;
  oldestPendingAgeSeconds: number | null;
  rejectedByPeer: number;
  rejectedByUs: number;
  health: PeerHealthState;
};

/** The body of POST /api/federation/peers. */
export type PeerInput = {
  nodeId: string;
  name: string;
  url: string;
  countries: string[];
  signingKey: unknown;
  encryptionKey: unknown;
};

/** An outbox or inbox message, without payload (GET /api/federation/messages). */
export type FederationMessage = {
  id: string;
  direction: 'out' | 'in';
  peer: string;
  kind: string;
  ref: string | null;
  fromRole: string | null;
  seq: number | null;
  status: string;
  attempts: number | null;
  error: string | null;
  createdAt: string;
  doneAt: string | null;
  nextAttemptAt: string | null;
};

/** Federation operations of this node. */
export const federationApi = {
  node: () => api.get<NodeIdentity>('/api/federation/node'),
  peers: () => api.get<Peer[]>('/api/federation/peers'),
  addPeer: (input: PeerInput) => api.post<Peer>('/api/federation/peers', input),
  updatePeer: (nodeId: string, input: Partial<PeerInput> & { isActive?: boolean }) =>
    api.patch<Peer>(`/api/federation/peers/${encodeURIComponent(nodeId)}`, input),
  ping: (nodeId: string) =>
    api.post<{ messageId: string }>(`/api/federation/peers/${encodeURIComponent(nodeId)}/ping`),
  messages: (params: { direction?: 'out' | 'in'; status?: string; limit?: number }) =>
    api.get<FederationMessage[]>('/api/federation/messages', params),
  retry: (messageId: string) =>
    api.post<FederationMessage>(`/api/federation/messages/${encodeURIComponent(messageId)}/retry`),
};

/**
 * Read a pasted public identity (the JSON of `ctip federation show` or the other node's card).
 * @returns the peer input, or null when the text is not a public node identity
 */
export function peerInputFromIdentity(text: string): PeerInput | null {
  try {
    const v = JSON.parse(text) as Partial<NodeIdentity>;
    if (v?.kind !== 'ctip-node-public-identity') {
      return null;
    }
    return {
      nodeId: String(v.nodeId ?? ''),
      name: String(v.name ?? ''),
      url: String(v.url ?? ''),
      countries: Array.isArray(v.countries) ? v.countries.map(String) : [],
      signingKey: v.signingKey,
      encryptionKey: v.encryptionKey,
    };
  } catch {
    return null;
  }
}
