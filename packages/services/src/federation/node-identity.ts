import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';

/** A public JWK as peers store it. */
export type PublicJwk = { kty: string; crv: string; x: string };

/**
 * A node's identity: an Ed25519 key pair that signs every message (JWS, EdDSA) and an X25519 key
 * pair that personal payloads are encrypted to (JWE, ECDH-ES + A256GCM). Peers hold the public
 * halves (`ctip federation add-peer`).
 */
export type NodeIdentity = {
  signingKey: KeyObject;
  signingPublicJwk: PublicJwk;
  encryptionKey: KeyObject;
  encryptionPublicJwk: PublicJwk;
};

/** The file `ctip federation keygen` writes: the private JWKs (mode 0600). */
export type NodeIdentityFile = {
  kind: 'ctip-node-identity';
  createdAt: string;
  signing: Record<string, string>;
  encryption: Record<string, string>;
};

function publicJwkOf(key: KeyObject): PublicJwk {
  const jwk = createPublicKey(key).export({ format: 'jwk' }) as PublicJwk;
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
}

/** Generate a new identity file's content. */
export function generateNodeIdentityFile(now = new Date()): NodeIdentityFile {
  const signing = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
  const encryption = generateKeyPairSync('x25519').privateKey.export({ format: 'jwk' });
  return {
    kind: 'ctip-node-identity',
    createdAt: now.toISOString(),
    signing: signing as Record<string, string>,
    encryption: encryption as Record<string, string>,
  };
}

/**
 * Load an identity from the file's JSON.
 * @throws Error naming what is wrong (never the key material)
 */
export function parseNodeIdentity(json: string): NodeIdentity {
  let file: NodeIdentityFile;
  try {
    file = JSON.parse(json) as NodeIdentityFile;
  } catch {
    throw new Error('node identity file is not JSON');
  }
  if (file.kind !== 'ctip-node-identity' || !file.signing || !file.encryption) {
    throw new Error('node identity file has no signing and encryption keys');
  }
  if (file.signing.crv !== 'Ed25519' || file.encryption.crv !== 'X25519') {
    throw new Error('node identity keys must be Ed25519 (signing) and X25519 (encryption)');
  }
  const signingKey = createPrivateKey({ key: file.signing, format: 'jwk' });
  const encryptionKey = createPrivateKey({ key: file.encryption, format: 'jwk' });
  return {
    signingKey,
    signingPublicJwk: publicJwkOf(signingKey),
    encryptionKey,
    encryptionPublicJwk: publicJwkOf(encryptionKey),
  };
}

/** Whether a value is a public JWK of the given curve (peer registration input). */
export function isPublicJwk(v: unknown, crv: 'Ed25519' | 'X25519'): v is PublicJwk {
  const j = v as Partial<PublicJwk> | null;
  if (!j || j.kty !== 'OKP' || j.crv !== crv || typeof j.x !== 'string') {
    return false;
  }
  try {
    createPublicKey({ key: { kty: 'OKP', crv, x: j.x }, format: 'jwk' });
    return true;
  } catch {
    return false;
  }
}
