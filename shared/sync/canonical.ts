// The bytes that are signed: RFC 8785 canonical JSON, UTF-8 encoded. Both ends derive them from the
// parsed JSON value, so whitespace or key order on the wire never changes what a signature covers.
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

export function canonicalBytes(value: unknown): Uint8Array {
  return utf8ToBytes(canonicalJson(value));
}

/** A key's id is derived from the key itself, so a client can name the key it pinned at enrolment. */
export function keyIdOf(publicKey: Uint8Array): string {
  return `ed25519-${bytesToHex(sha256(publicKey)).slice(0, 16)}`;
}
