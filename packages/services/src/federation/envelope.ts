import { createPublicKey } from 'node:crypto';
import { type Envelope, EnvelopeSchema, FEDERATION_JWS_TYPE } from '@ctip/domain';
import {
  CompactEncrypt,
  CompactSign,
  compactDecrypt,
  compactVerify,
  decodeProtectedHeader,
} from 'jose';
import type { NodeIdentity, PublicJwk } from './node-identity';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Encrypt a personal part to the receiving node's X25519 key (JWE compact, ECDH-ES + A256GCM). */
export async function sealFor(recipient: PublicJwk, value: unknown): Promise<string> {
  const key = createPublicKey({ key: { ...recipient }, format: 'jwk' });
  return new CompactEncrypt(enc.encode(JSON.stringify(value)))
    .setProtectedHeader({ alg: 'ECDH-ES', enc: 'A256GCM', cty: 'json' })
    .encrypt(key);
}

/** Decrypt a personal part sealed to this node. @throws when it was not sealed to this node */
export async function openSealed(identity: NodeIdentity, jwe: string): Promise<unknown> {
  const { plaintext } = await compactDecrypt(jwe, identity.encryptionKey);
  return JSON.parse(dec.decode(plaintext));
}

/** Sign an envelope as `nodeId` (JWS compact, EdDSA, `kid` = node id). */
export async function signEnvelope(
  identity: NodeIdentity,
  nodeId: string,
  envelope: Envelope,
): Promise<string> {
  return new CompactSign(enc.encode(JSON.stringify(envelope)))
    .setProtectedHeader({ alg: 'EdDSA', kid: nodeId, typ: FEDERATION_JWS_TYPE })
    .sign(identity.signingKey);
}

/** The claimed signer of a JWS, read before verifying (to pick the key). Null when unreadable. */
export function claimedSigner(jws: string): string | null {
  try {
    const h = decodeProtectedHeader(jws);
    return h.alg === 'EdDSA' && h.typ === FEDERATION_JWS_TYPE && typeof h.kid === 'string'
      ? h.kid
      : null;
  } catch {
    return null;
  }
}

export type VerifyResult =
  | { ok: true; envelope: Envelope }
  | { ok: false; reason: 'bad_signature' | 'malformed'; issue?: string };

/** Verify a JWS with the signer's public key and parse its envelope. */
export async function verifyEnvelope(jws: string, signer: PublicJwk): Promise<VerifyResult> {
  let payload: Uint8Array;
  try {
    const key = createPublicKey({ key: { ...signer }, format: 'jwk' });
    ({ payload } = await compactVerify(jws, key, { algorithms: ['EdDSA'] }));
  } catch {
    return { ok: false, reason: 'bad_signature' };
  }
  let json: unknown;
  try {
    json = JSON.parse(dec.decode(payload));
  } catch {
    return { ok: false, reason: 'malformed', issue: 'payload is not JSON' };
  }
  const parsed = EnvelopeSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { ok: false, reason: 'malformed', issue: `${i?.path.join('.')}: ${i?.message}` };
  }
  return { ok: true, envelope: parsed.data };
}
