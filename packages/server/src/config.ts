import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DbTarget, parseDatabaseUrl } from '@ctip/db';
import type { ServiceConfig } from '@ctip/services';
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
  const config: AppConfig = {
    db,
    port: e.PORT ?? 3000,
    host: e.HOST ?? '127.0.0.1',
    seedDemo: e.CTIP_SEED_DEMO ?? true,
    services: {
      encryption: { current: { id: keyId(key), key }, previous },
      session: { idleMinutes: e.SESSION_IDLE_MINUTES ?? 30, maxHours: e.SESSION_MAX_HOURS ?? 12 },
      lockout: { threshold: e.LOCKOUT_THRESHOLD ?? 5, baseSeconds: 30, maxSeconds: 3600 },
      mfaIssuer: 'Mekong CTIP',
    },
    rateLimitAuthPerMinute: e.RATE_LIMIT_AUTH_PER_MINUTE ?? 20,
    bodyLimitBytes: e.BODY_LIMIT_BYTES ?? 1024 * 1024,
    trustProxy: e.TRUST_PROXY ?? false,
    logLevel: e.LOG_LEVEL ?? 'info',
    webDistDir: e.WEB_DIST_DIR ?? (existsSync(DEFAULT_WEB_DIST) ? DEFAULT_WEB_DIST : null),
  };
  return { ok: true, config: Object.freeze(config) };
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
    },
    rateLimitAuthPerMinute: 100_000,
    bodyLimitBytes: 1024 * 1024,
    trustProxy: false,
    logLevel: 'silent',
    webDistDir: null,
    ...overrides,
  });
}
