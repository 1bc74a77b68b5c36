import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DbTarget, parseDatabaseUrl } from '@ctip/db';
import { COMMIT_COUNTRIES } from '@ctip/domain';
import {
  type FederationConfig,
  generateNodeIdentityFile,
  type NodeIdentity,
  parseNodeIdentity,
  type ServiceConfig,
} from '@ctip/services';
import { z } from 'zod';

/** Treat empty strings as unset (STYLE §7). */
const opt = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * Every environment variable the server reads. Parsed once at boot; nothing reads process.env later.
 * None of these reach the browser.
 */
export const EnvSchema = z.object({
  /** `postgres://…`, `pglite:./path` or `pglite:memory`. Default: embedded PGlite under ./data. */
  DATABASE_URL: opt(
    z
      .string()
      .refine(
        (v) => /^(postgres(ql)?:\/\/|pglite:)/.test(v),
        'must start with postgres://, postgresql:// or pglite:',
      ),
  ),
  /** TCP port for the web app and API. */
  PORT: opt(z.coerce.number().int().min(1).max(65535)),
  /** Interface to listen on; 0.0.0.0 to serve other machines (behind TLS). */
  HOST: opt(z.string().min(1)),
  /**
   * 32-byte data-encryption key, base64. Encrypts second-factor secrets and (later) personal fields.
   * Do not change it once set without keeping the old one in CTIP_ENCRYPTION_KEYS_PREVIOUS, or
   * encrypted values can no longer be read. Default: a key generated once into ./data/keys.
   */
  CTIP_ENCRYPTION_KEY: opt(
    z
      .string()
      .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64 encoded'),
  ),
  /** Older keys still accepted for decryption: `id:base64,id:base64`. */
  CTIP_ENCRYPTION_KEYS_PREVIOUS: opt(
    z
      .string()
      .regex(
        /^([\w-]+:[A-Za-z0-9+/=]+)(,[\w-]+:[A-Za-z0-9+/=]+)*$/,
        'must be id:base64 pairs separated by commas',
      ),
  ),
  /** Seed demo agencies and users at start (default true; set false in production). */
  CTIP_SEED_DEMO: opt(bool),
  /** Minutes of inactivity after which a session ends. */
  SESSION_IDLE_MINUTES: opt(
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  ),
  /** Hours after which a session ends whatever the activity. */
  SESSION_MAX_HOURS: opt(
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30),
  ),
  /** Failed logins before the account locks (with back-off doubling from 30 s, up to an hour). */
  LOCKOUT_THRESHOLD: opt(z.coerce.number().int().min(1).max(100)),
  /** Login/second-factor attempts per minute per IP address. */
  RATE_LIMIT_AUTH_PER_MINUTE: opt(z.coerce.number().int().min(1).max(100_000)),
  /** Largest request body accepted, in bytes. */
  BODY_LIMIT_BYTES: opt(
    z.coerce
      .number()
      .int()
      .min(1024)
      .max(100 * 1024 * 1024),
  ),
  /** Trust X-Forwarded-* from a reverse proxy (needed for Secure cookies and client IPs behind TLS). */
  TRUST_PROXY: opt(bool),
  /** pino level. */
  LOG_LEVEL: opt(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  /** Directory of the built web app; default packages/web/dist. */
  WEB_DIST_DIR: opt(z.string().min(1)),
  /** This node's id in the federation (peers register it; JWS kid). Default `local`. */
  CTIP_NODE_ID: opt(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be 2–40 lower-case letters, digits or dashes'),
  ),
  /** Name shown to peers and administrators. */
  CTIP_NODE_NAME: opt(z.string().min(1).max(200)),
  /** Countries this node holds, ISO codes separated by commas. Default: the six COMMIT countries. */
  CTIP_NODE_COUNTRIES: opt(
    z.string().regex(/^[A-Z]{2}(,[A-Z]{2})*$/, 'must be ISO country codes separated by commas'),
  ),
  /** The node's identity keys (`ctip federation keygen`); default ./data/keys/node-identity.json, created once. */
  CTIP_NODE_KEY_FILE: opt(z.string().min(1)),
  /** URL peers reach this node at (for the peer registration it prints). */
  CTIP_PUBLIC_URL: opt(z.url()),
  /** First retry delay of a failed delivery, in milliseconds (doubles up to the maximum). */
  CTIP_FEDERATION_RETRY_BASE_MS: opt(z.coerce.number().int().min(10).max(3_600_000)),
  /** Longest delay between delivery retries, in milliseconds. */
  CTIP_FEDERATION_RETRY_MAX_MS: opt(z.coerce.number().int().min(10).max(86_400_000)),
  /** How often the deliverer looks for due messages besides being woken, in milliseconds. */
  CTIP_FEDERATION_POLL_MS: opt(z.coerce.number().int().min(10).max(3_600_000)),
  /** Accepted difference between a message's signing time and this clock, in seconds. */
  CTIP_FEDERATION_CLOCK_SKEW_SECONDS: opt(z.coerce.number().int().min(1).max(86_400)),
  /**
   * Node id of the regional node (the same on every node): approved statistics are pushed to it;
   * on the regional node itself (its own CTIP_NODE_ID) pushes are accepted. Unset: no push.
   */
  CTIP_REGIONAL_NODE_ID: opt(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'must be 2–40 lower-case letters, digits or dashes'),
  ),
});

/** The parsed, frozen configuration. */
export type AppConfig = Readonly<{
  db: DbTarget;
  port: number;
  host: string;
  seedDemo: boolean;
  services: ServiceConfig;
  rateLimitAuthPerMinute: number;
  bodyLimitBytes: number;
  trustProxy: boolean;
  logLevel: string;
  webDistDir: string | null;
  /** Deliverer polling interval (ms); 0 = no background deliverer (tests deliver by hand). */
  federationPollMs: number;
}>;

export type ConfigResult = { ok: true; config: AppConfig } | { ok: false; errors: string[] };

const DEFAULT_WEB_DIST = join(import.meta.dirname, '..', '..', 'web', 'dist');

function loadOrCreateKeyFile(path: string): Buffer {
  if (existsSync(path)) {
    return Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  }
  mkdirSync(dirname(path), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(path, key.toString('base64'), { mode: 0o600 });
  return key;
}

/**
 * Parse and validate the environment. Every bad variable is reported, not just the first.
 * @param env - usually process.env
 */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    };
  }
  const e = parsed.data;
  const db = parseDatabaseUrl(e.DATABASE_URL ?? 'pglite:./data/pglite');
  const dataDir = db.kind === 'pglite' && db.dataDir ? dirname(db.dataDir) : './data';
  const key = e.CTIP_ENCRYPTION_KEY
    ? Buffer.from(e.CTIP_ENCRYPTION_KEY, 'base64')
    : loadOrCreateKeyFile(join(dataDir, 'keys', 'encryption.key'));
  const previous = (e.CTIP_ENCRYPTION_KEYS_PREVIOUS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const [id, b64] = pair.split(':') as [string, string];
      return { id, key: Buffer.from(b64, 'base64') };
    });
  let identity: NodeIdentity;
  const keyFile = e.CTIP_NODE_KEY_FILE ?? join(dataDir, 'keys', 'node-identity.json');
  try {
    identity = loadOrCreateNodeIdentity(keyFile);
  } catch (err) {
    return { ok: false, errors: [`CTIP_NODE_KEY_FILE: ${(err as Error).message}`] };
  }
  const port = e.PORT ?? 3000;
  const host = e.HOST ?? '127.0.0.1';
  const config: AppConfig = {
    db,
    port,
    host,
    seedDemo: e.CTIP_SEED_DEMO ?? true,
    services: {
      encryption: { current: { id: keyId(key), key }, previous },
      session: { idleMinutes: e.SESSION_IDLE_MINUTES ?? 30, maxHours: e.SESSION_MAX_HOURS ?? 12 },
      lockout: { threshold: e.LOCKOUT_THRESHOLD ?? 5, baseSeconds: 30, maxSeconds: 3600 },
      mfaIssuer: 'Mekong CTIP',
      federation: {
        nodeId: e.CTIP_NODE_ID ?? 'local',
        nodeName: e.CTIP_NODE_NAME ?? 'Mekong CTIP node',
        countries: (e.CTIP_NODE_COUNTRIES ?? COMMIT_COUNTRIES.join(',')).split(','),
        publicUrl: e.CTIP_PUBLIC_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
        identity,
        retry: {
          baseMs: e.CTIP_FEDERATION_RETRY_BASE_MS ?? 1000,
          maxMs: e.CTIP_FEDERATION_RETRY_MAX_MS ?? 300_000,
        },
        maxClockSkewSeconds: e.CTIP_FEDERATION_CLOCK_SKEW_SECONDS ?? 300,
        regionalNodeId: e.CTIP_REGIONAL_NODE_ID ?? null,
      },
    },
    rateLimitAuthPerMinute: e.RATE_LIMIT_AUTH_PER_MINUTE ?? 20,
    bodyLimitBytes: e.BODY_LIMIT_BYTES ?? 1024 * 1024,
    trustProxy: e.TRUST_PROXY ?? false,
    logLevel: e.LOG_LEVEL ?? 'info',
    webDistDir: e.WEB_DIST_DIR ?? (existsSync(DEFAULT_WEB_DIST) ? DEFAULT_WEB_DIST : null),
    federationPollMs: e.CTIP_FEDERATION_POLL_MS ?? 2000,
  };
  return { ok: true, config: Object.freeze(config) };
}

/** Read the node identity file, creating it (mode 0600) on first start. */
function loadOrCreateNodeIdentity(path: string): NodeIdentity {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(generateNodeIdentityFile(), null, 2), { mode: 0o600 });
  }
  return parseNodeIdentity(readFileSync(path, 'utf8'));
}

/** A short, stable id for a key (first 8 hex chars of its SHA-256), stored with encrypted values. */
function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Configuration for tests: in-memory PGlite, fixed key, quiet logs, generous rate limits. */
export function loadTestConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const key = Buffer.alloc(32, 7);
  return Object.freeze({
    db: { kind: 'pglite' } as const,
    port: 0,
    host: '127.0.0.1',
    seedDemo: false,
    services: {
      encryption: { current: { id: keyId(key), key }, previous: [] },
      session: { idleMinutes: 30, maxHours: 12 },
      lockout: { threshold: 5, baseSeconds: 30, maxSeconds: 3600 },
      mfaIssuer: 'Mekong CTIP test',
      federation: testFederation(),
    },
    rateLimitAuthPerMinute: 100_000,
    bodyLimitBytes: 1024 * 1024,
    trustProxy: false,
    logLevel: 'silent',
    webDistDir: null,
    federationPollMs: 0,
    ...overrides,
  });
}

/**
 * A test node's federation settings: a fresh identity, the six COMMIT countries, fast retries.
 * @param overrides - e.g. another node id and country for a second in-process node
 */
export function testFederation(overrides: Partial<FederationConfig> = {}): FederationConfig {
  return {
    nodeId: 'test-node',
    nodeName: 'Test node',
    countries: [...COMMIT_COUNTRIES],
    publicUrl: null,
    identity: parseNodeIdentity(JSON.stringify(generateNodeIdentityFile())),
    retry: { baseMs: 50, maxMs: 1000 },
    maxClockSkewSeconds: 300,
    ...overrides,
  };
}
