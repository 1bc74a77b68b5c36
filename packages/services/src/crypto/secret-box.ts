import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ServiceConfig } from '../context';

/** Random bytes drawn from the CSPRNG in blocks: one system call per 1,024 IVs instead of one each. */
let ivPool = Buffer.alloc(0);
let ivOffset = 0;

/**
 * A fresh random 96-bit GCM nonce. Bulk imports seal several fields per row, and drawing each IV
 * separately spent more time in `randomFillSync` than in the encryption itself. The pool is replaced,
 * never rewritten, so an IV handed out is never reused.
 */
function nextIv(): Buffer {
  if (ivOffset + 12 > ivPool.length) {
    ivPool = randomBytes(12 * 1024);
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + 12);
  ivOffset += 12;
  return iv;
}

/**
 * Encrypt a secret with AES-256-GCM under the current key.
 * @returns `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts)
 */
export function encryptSecret(config: ServiceConfig, plaintext: string): string {
  const { id, key } = config.encryption.current;
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(id));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    'v1',
    id,
    iv.toString('base64url'),
    tag.toString('base64url'),
    ct.toString('base64url'),
  ].join(':');
}

/**
 * Decrypt a value made by {@link encryptSecret} with whichever configured key its id names.
 * @throws Error when the key is unknown or the value was tampered with.
 */
export function decryptSecret(config: ServiceConfig, sealed: string): string {
  const [version, keyId, iv, tag, ct] = sealed.split(':');
  if (version !== 'v1' || !keyId || !iv || !tag || ct === undefined) {
    throw new Error('malformed encrypted value');
  }
  const keys = [config.encryption.current, ...config.encryption.previous];
  const key = keys.find((k) => k.id === keyId);
  if (!key) {
    throw new Error(`no encryption key with id ${keyId}`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString(
    'utf8',
  );
}
