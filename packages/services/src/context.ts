import type { Db } from '@ctip/db';
import type { Actor } from '@ctip/domain';

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
};

/** Where a request came from, stamped on audit events. Never holds personal data of victims. */
export type RequestMeta = { requestId: string | null; ip: string | null; userAgent: string | null };

/** Everything a use case receives besides its input. */
export type ServiceContext = {
  db: Db;
  config: ServiceConfig;
  /** The clock, injectable for tests. */
  now: () => Date;
};

/** An authenticated caller. */
export type AuthContext = { actor: Actor; sessionId: string; meta: RequestMeta };

/** A request meta for work started outside HTTP (CLI, seed). */
export function systemMeta(source: string): RequestMeta {
  return { requestId: `${source}-${Date.now()}`, ip: null, userAgent: source };
}
