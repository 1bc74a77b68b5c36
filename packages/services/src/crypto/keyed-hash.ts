import { createHmac, hkdfSync } from 'node:crypto';
import type { ServiceConfig } from '../context';

const cache = new WeakMap<Buffer, Buffer>();

/**
 * The search-hash key, derived from the data-encryption key with HKDF (so one secret is configured,
 * but a hash never reveals anything about the encryption key). Rotating the encryption key changes
 * it: after a rotation, `ctip` must recompute the person keys (not yet automated).
 */
function hashKey(config: ServiceConfig): Buffer {
  const base = config.encryption.current.key;
  let key = cache.get(base);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', base, Buffer.alloc(0), 'ctip-search-hash-v1', 32));
    cache.set(base, key);
  }
  return key;
}

/**
 * Keyed hash (HMAC-SHA-256, hex) of an already normalised value, scoped by kind so equal strings of
 * different kinds never collide. A database dump alone cannot be searched by guessing names.
 */
export function keyedHash(config: ServiceConfig, kind: string, normalised: string): string {
  return createHmac('sha256', hashKey(config))
    .update(`${kind}\u0000${normalised}`, 'utf8')
    .digest('hex');
}
