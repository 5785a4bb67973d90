// Signing and verifying feed pages and key announcements. The service signs with whatever holds its
// secret key (a `Signer`); anyone verifies here with @noble/curves, in Node, a browser or a worker.
import { ed25519 } from '@noble/curves/ed25519.js';
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { canonicalBytes, canonicalJson, keyIdOf } from './canonical.ts';
import { utf8ToBytes } from '@noble/hashes/utils.js';
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
  return signature !== null && signature.length === 64 && nobleEd25519Check({ signature, message, publicKey });
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

/** One Ed25519 signature to check: `signature` over `message` by `publicKey`. */
export interface SignatureCheck {
  readonly signature: Uint8Array;
  readonly message: Uint8Array;
  readonly publicKey: Uint8Array;
}

/**
 * Checks Ed25519 signatures as RFC 8032 does (strict, not ZIP 215): the default is @noble/curves,
 * which runs anywhere; a platform may give its native one (node:crypto, WebCrypto in a worker).
 */
export type Ed25519Check = (check: SignatureCheck) => boolean | Promise<boolean>;

export const nobleEd25519Check = (check: SignatureCheck): boolean => {
  try {
    return ed25519.verify(check.signature, check.message, check.publicKey, { zip215: false });
  } catch {
    return false;
  }
};

/** A page verification in two halves around its one expensive step, the page signature check. */
type Staged = { readonly done: VerifyResult } | { readonly check: SignatureCheck; finish(valid: boolean): VerifyResult };

/** True when every object's keys in `value` are in RFC 8785 order (UTF-16 code units, as `<` compares). */
function keysSorted(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!keysSorted(item)) return false;
    return true;
  }
  let previous: string | null = null;
  for (const key in value) {
    if (previous !== null && !(previous < key)) return false;
    previous = key;
    if (!keysSorted((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** JSON.stringify escapes a lone surrogate as \udXXX, which RFC 8785 has no form for (canonicalJson throws). */
const ESCAPED_SURROGATE = /\\u[dD][89a-fA-F]/;

/**
 * The exact payload text as received, when the body is the service's canonical envelope and the
 * payload text is already RFC 8785 canonical: then those bytes are the ones a signature covers, and
 * re-encoding 100,000 entries to get them again is skipped. Null sends the caller the long way round
 * (canonicalising the parsed payload), so a body this does not recognise is judged exactly as before.
 */
function receivedCanonicalPayload(text: string, signed: SignedPage): string | null {
  const prefix = `{"keyChain":${canonicalJson(signed.keyChain)},"keyId":${JSON.stringify(signed.keyId)},"payload":`;
  const suffix = `,"signature":${JSON.stringify(signed.signature)}}`;
  if (text.length < prefix.length + suffix.length || !text.startsWith(prefix) || !text.endsWith(suffix)) return null;
  const payloadText = text.slice(prefix.length, text.length - suffix.length);
  // Same text as the native encoder gives the parsed value: no whitespace, minimal escapes, numbers in
  // ES form, no duplicate keys; with keys sorted and no lone surrogate, that is RFC 8785's text.
  if (JSON.stringify(signed.payload) !== payloadText) return null;
  if (ESCAPED_SURROGATE.test(payloadText) || !keysSorted(signed.payload)) return null;
  return payloadText;
}

function stageVerification(envelope: unknown, pinnedKey: string | Uint8Array, options: VerifyOptions, receivedText: string | null): Staged {
  const pinned = parseServerKey(pinnedKey);
  if (!pinned) return { done: fail('bad-pinned-key', 'the pinned server key is not 32 bytes of base64') };
  const parsed = signedPageSchema.safeParse(envelope);
  if (!parsed.success) return { done: fail('malformed', 'not a signed feed page') };
  const signed: SignedPage = parsed.data;

  const chain = followKeyChain(pinned, signed.keyChain);
  if (!chain.ok) return { done: fail('bad-key-chain', chain.message) };
  const key = chain.keys.get(signed.keyId);
  if (!key) return { done: fail('unknown-key', `page is signed by key ${signed.keyId}, which is neither pinned nor announced by a pinned key`) };
  if (signed.payload.keyId !== signed.keyId) return { done: fail('malformed', 'the payload names another key than the envelope') };
  const signature = base64ToBytes(signed.signature);
  if (!signature || signature.length !== 64) return { done: fail('bad-signature', 'the page signature does not verify') };
  const received = receivedText === null ? null : receivedCanonicalPayload(receivedText, signed);
  const message = received !== null ? utf8ToBytes(received) : canonicalBytes(signed.payload);

  return {
    check: { signature, message, publicKey: key },
    finish(valid) {
      if (!valid) return fail('bad-signature', 'the page signature does not verify');
      const page = feedPageSchema.safeParse(signed.payload);
      if (!page.success) {
        const field = page.error.issues[0]?.path.map(String).join('.') || '(page)';
        return fail('malformed', `signed page does not match ${FEED_FORMAT} at field ${field}`);
      }
      if (options.now && options.now.getTime() > Date.parse(page.data.expiresAt)) {
        return fail('expired', `page expired at ${page.data.expiresAt}`);
      }
      return { ok: true, page: page.data, keyId: signed.keyId, trustedKeys: chain.keys };
    },
  };
}

/** What cannot be encoded canonically (a lone surrogate in a string) is a malformed page, not an exception. */
function staged(envelope: unknown, pinnedKey: string | Uint8Array, options: VerifyOptions, receivedText: string | null): Staged {
  try {
    return stageVerification(envelope, pinnedKey, options, receivedText);
  } catch {
    return { done: fail('malformed', 'the page has no canonical form') };
  }
}

/**
 * Verifies a signed page against the key pinned at enrolment, before anything in it is used:
 * the envelope's shape, the key chain, the signature over the canonical payload, the payload's
 * shape, and (given `now`) the expiry. Continuity (rollback, gaps) is the client's to check.
 * Never throws: anything that is not a valid page is a refusal.
 */
export function verifySignedPage(envelope: unknown, pinnedKey: string | Uint8Array, options: VerifyOptions = {}): VerifyResult {
  const s = staged(envelope, pinnedKey, options, null);
  return 'done' in s ? s.done : s.finish(nobleEd25519Check(s.check));
}

/**
 * `verifySignedPage(JSON.parse(text), …)`, with the same answers (`malformed` for text that is not
 * JSON), faster for a body as the service sends it: the signature is checked over the payload's
 * bytes as received when they are already canonical, and with `check` when the platform has a
 * native Ed25519. Either way a page is accepted only if its signature covers the RFC 8785 encoding
 * of the payload that is returned.
 */
export async function verifySignedPageText(
  text: string,
  pinnedKey: string | Uint8Array,
  options: VerifyOptions = {},
  check: Ed25519Check = nobleEd25519Check,
): Promise<VerifyResult> {
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    return fail('malformed', 'the body is not JSON');
  }
  const s = staged(envelope, pinnedKey, options, text);
  if ('done' in s) return s.done;
  let valid: boolean;
  try {
    valid = await check(s.check);
  } catch {
    valid = false;
  }
  return s.finish(valid);
}
