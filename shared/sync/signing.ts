// Signing and verifying feed pages and key announcements. The service signs with whatever holds its
// secret key (a `Signer`); anyone verifies here with @noble/curves, in Node, a browser or a worker.
import { ed25519 } from '@noble/curves/ed25519.js';
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { canonicalBytes, keyIdOf } from './canonical.ts';
import {
  FEED_FORMAT,
  KEY_ANNOUNCEMENT_FORMAT,
  feedPageSchema,
  signedPageSchema,
  type FeedPage,
  type KeyAnnouncement,
  type KeyAnnouncementStatement,
  type SignedPage,
} from './feed.ts';

/** Signs bytes with one Ed25519 key and names that key. */
export interface Signer {
  readonly keyId: string;
  sign(message: Uint8Array): Uint8Array;
}

/** A page payload before it is signed: everything except the format and key id, added on signing. */
export type UnsignedPayload = FeedPage extends infer P ? (P extends FeedPage ? Omit<P, 'keyId' | 'format'> : never) : never;

export function signPage(payload: UnsignedPayload, signer: Signer, keyChain: readonly KeyAnnouncement[] = []): SignedPage {
  const full = { ...payload, format: FEED_FORMAT, keyId: signer.keyId };
  return {
    payload: full,
    keyId: signer.keyId,
    signature: bytesToBase64(signer.sign(canonicalBytes(full))),
    keyChain: [...keyChain],
  };
}

export function announceKey(newPublicKey: Uint8Array, previous: Signer, announcedAt: Date): KeyAnnouncement {
  const statement: KeyAnnouncementStatement = {
    format: KEY_ANNOUNCEMENT_FORMAT,
    keyId: keyIdOf(newPublicKey),
    publicKey: bytesToBase64(newPublicKey),
    previousKeyId: previous.keyId,
    announcedAt: announcedAt.toISOString(),
  };
  return { statement, signature: bytesToBase64(previous.sign(canonicalBytes(statement))) };
}

export type VerifyErrorCode =
  | 'malformed' // not a signed page, or the payload does not match the protocol
  | 'bad-pinned-key' // the pinned key is not 32 bytes of base64
  | 'bad-key-chain' // a key announcement claims a trusted signer but its signature is wrong
  | 'unknown-key' // signed by a key neither pinned nor announced by a trusted key
  | 'bad-signature'
  | 'expired';

export type VerifyResult =
  | {
      readonly ok: true;
      readonly page: FeedPage;
      readonly keyId: string;
      /** Every key trusted after following the chain, by id (the pinned key included). */
      readonly trustedKeys: ReadonlyMap<string, Uint8Array>;
    }
  | { readonly ok: false; readonly error: { readonly code: VerifyErrorCode; readonly message: string } };

export interface VerifyOptions {
  /** The client's clock, only for the expiry check; omit to skip it (e.g. when the caller checks). */
  readonly now?: Date;
}

function fail(code: VerifyErrorCode, message: string): VerifyResult {
  return { ok: false, error: { code, message } };
}

function verifyBytes(signatureB64: string, message: Uint8Array, publicKey: Uint8Array): boolean {
  const signature = base64ToBytes(signatureB64);
  if (!signature || signature.length !== 64) return false;
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: false });
  } catch {
    return false;
  }
}

/**
 * Follows the announcements from the pinned key: an announcement is trusted when the key it names
 * as previous is trusted and signed it. Announcements from unknown keys are ignored, not trusted.
 */
export function followKeyChain(
  pinned: Uint8Array,
  chain: readonly KeyAnnouncement[],
): { ok: true; keys: Map<string, Uint8Array> } | { ok: false; message: string } {
  const keys = new Map<string, Uint8Array>([[keyIdOf(pinned), pinned]]);
  let grew = true;
  // Order on the wire should be oldest first, but a fixed point makes any order work.
  while (grew) {
    grew = false;
    for (const { statement, signature } of chain) {
      if (keys.has(statement.keyId)) continue;
      const signerKey = keys.get(statement.previousKeyId);
      if (!signerKey) continue;
      const publicKey = base64ToBytes(statement.publicKey);
      if (!publicKey || publicKey.length !== 32 || keyIdOf(publicKey) !== statement.keyId) {
        return { ok: false, message: `announced key ${statement.keyId} does not match its id` };
      }
      if (statement.format !== KEY_ANNOUNCEMENT_FORMAT || !verifyBytes(signature, canonicalBytes(statement), signerKey)) {
        return { ok: false, message: `announcement of key ${statement.keyId} is not validly signed by ${statement.previousKeyId}` };
      }
      keys.set(statement.keyId, publicKey);
      grew = true;
    }
  }
  return { ok: true, keys };
}

/** Parses a pinned key given as base64 of its 32 raw bytes (as enrolment returns it). */
export function parseServerKey(serverKey: string | Uint8Array): Uint8Array | null {
  const bytes = typeof serverKey === 'string' ? base64ToBytes(serverKey.trim()) : serverKey;
  return bytes && bytes.length === 32 ? bytes : null;
}

/**
 * Verifies a signed page against the key pinned at enrolment, before anything in it is used:
 * the envelope's shape, the key chain, the signature over the canonical payload, the payload's
 * shape, and (given `now`) the expiry. Continuity (rollback, gaps) is the client's to check.
 */
export function verifySignedPage(envelope: unknown, pinnedKey: string | Uint8Array, options: VerifyOptions = {}): VerifyResult {
  const pinned = parseServerKey(pinnedKey);
  if (!pinned) return fail('bad-pinned-key', 'the pinned server key is not 32 bytes of base64');
  const parsed = signedPageSchema.safeParse(envelope);
  if (!parsed.success) return fail('malformed', 'not a signed feed page');
  const signed: SignedPage = parsed.data;

  const chain = followKeyChain(pinned, signed.keyChain);
  if (!chain.ok) return fail('bad-key-chain', chain.message);
  const key = chain.keys.get(signed.keyId);
  if (!key) return fail('unknown-key', `page is signed by key ${signed.keyId}, which is neither pinned nor announced by a pinned key`);
  if (signed.payload.keyId !== signed.keyId) return fail('malformed', 'the payload names another key than the envelope');
  if (!verifyBytes(signed.signature, canonicalBytes(signed.payload), key)) {
    return fail('bad-signature', 'the page signature does not verify');
  }

  const page = feedPageSchema.safeParse(signed.payload);
  if (!page.success) {
    const field = page.error.issues[0]?.path.map(String).join('.') || '(page)';
    return fail('malformed', `signed page does not match ${FEED_FORMAT} at field ${field}`);
  }
  if (options.now && options.now.getTime() > Date.parse(page.data.expiresAt)) {
    return fail('expired', `page expired at ${page.data.expiresAt}`);
  }
  return { ok: true, page: page.data, keyId: signed.keyId, trustedKeys: chain.keys };
}
