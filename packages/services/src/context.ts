import type { Db } from '@ctip/db';
import type { Actor } from '@ctip/domain';
import type { NodeIdentity } from './federation/node-identity';

/** A data-encryption key: `id` is stored with every value so keys can be rotated. */
export type EncryptionKey = { id: string; key: Buffer };

/** Settings the use cases need, passed down from the parsed configuration. */
export type ServiceConfig = {
  /** The key new values are encrypted with, plus older keys still able to decrypt. */
  encryption: { current: EncryptionKey; previous: EncryptionKey[] };
  session: { idleMinutes: number; maxHours: number };
  lockout: { threshold: number; baseSeconds: number; maxSeconds: number };
  /** Name shown in authenticator apps. */
  mfaIssuer: string;
  /** This node in the federation of national and regional nodes. */
  federation: FederationConfig;
};

/** Who this node is to its peers, and how it delivers. */
export type FederationConfig = {
  /** Node id peers know this node by (JWS `kid`), e.g. `th-node`. */
  nodeId: string;
  nodeName: string;
  /** Countries whose data this node holds (a national node: one; a pilot install: several). */
  countries: readonly string[];
  /** URL peers reach this node at (shown to administrators for peer registration). */
  publicUrl: string | null;
  identity: NodeIdentity;
  /** Retry back-off of deliveries: first delay and ceiling. */
  retry: { baseMs: number; maxMs: number };
  /** How far a message's signing time may be from the receiver's clock (replay window). */
  maxClockSkewSeconds: number;
  /**
   * The regional node of the federation (the same value on every node): approved statistics are
   * pushed to it, and a node whose own id it is accepts the pushes. Absent: no regional push.
   */
  regionalNodeId?: string | null;
};

/** Running parts of the federation the use cases may nudge (set by the server). */
export type FederationRuntime = {
  /** Wake the deliverer: an outbox message was committed. */
  kick: () => void;
};

/** Where a request came from, stamped on audit events. Never holds personal data of victims. */
export type RequestMeta = { requestId: string | null; ip: string | null; userAgent: string | null };

/** Everything a use case receives besides its input. */
export type ServiceContext = {
  db: Db;
  config: ServiceConfig;
  /** The clock, injectable for tests. */
  now: () => Date;
  /** Present in a running server; absent in the CLI and in tests that deliver by hand. */
  federation?: FederationRuntime;
};

/** An authenticated caller. */
export type AuthContext = { actor: Actor; sessionId: string; meta: RequestMeta };

/** A request meta for work started outside HTTP (CLI, seed). */
export function systemMeta(source: string): RequestMeta {
  return { requestId: `${source}-${Date.now()}`, ip: null, userAgent: source };
}
