// Page verification for the CLI and the main process: shared/sync's verifier with Node's native
// Ed25519 (OpenSSL), which hashes a 1 MB page in a few milliseconds where the pure one takes tens.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { verifySignedPageText, type Ed25519Check } from '../../shared/sync/index.ts';
import type { PageVerifier } from '../../shared/sync-client/index.ts';

/** DER SubjectPublicKeyInfo header of an Ed25519 key: the 32 raw bytes follow it. */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Ed25519 checks by node:crypto, keys parsed once each (a sync sees one or two). */
export function createNodeEd25519Check(): Ed25519Check {
  const keys = new Map<string, KeyObject>();
  return ({ signature, message, publicKey }) => {
    if (publicKey.length !== 32 || signature.length !== 64) return false;
    const id = Buffer.from(publicKey).toString('base64');
    let key = keys.get(id);
    if (!key) {
      key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
      keys.set(id, key);
    }
    try {
      return verify(null, message, key, signature);
    } catch {
      return false;
    }
  };
}

/** Verifies on this thread: on a 2-core station a worker's copying back of the page costs what it saves. */
export function createNodePageVerifier(): PageVerifier {
  const check = createNodeEd25519Check();
  return { verifyText: (text, trustedKey) => verifySignedPageText(text, trustedKey, {}, check) };
}
