// The chain's head (newest seq and hash) signed by a key that main holds, so that deleting the
// newest events, or rewriting the chain from some point on, is detected and not only old edits.
import canonicalize from 'canonicalize';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

export interface AuditHead {
  /** The station whose chain this is (one chain per mailroom PC). */
  readonly station: string;
  readonly seq: number;
  readonly hash: string;
  /** When the head was produced (ISO 8601). */
  readonly at: string;
}

export interface SignedAuditHead {
  readonly head: AuditHead;
  readonly algorithm: 'ed25519';
  readonly keyId: string;
  /** hex */
  readonly signature: string;
}

export interface HeadPublicKey {
  readonly algorithm: 'ed25519';
  readonly keyId: string;
  /** hex, 32 bytes */
  readonly publicKey: string;
}

/**
 * The port through which the renderer has its chain head signed. Main implements it (the key
 * never leaves main; `createEd25519HeadSigner` below is a ready implementation over a HeadStore);
 * the web harness implements it server-side the same way.
 */
export interface HeadSigner {
  /** Signs the head. Refuses (rejects) a head that goes backwards: lower seq, or the same seq with another hash. */
  sign(head: AuditHead): Promise<SignedAuditHead>;
  /** The newest head signed for this station, from the signer's own store, not the renderer's copy. */
  latest(): Promise<SignedAuditHead | null>;
  publicKey(): Promise<HeadPublicKey>;
}

/** Where a signer keeps the newest head it signed (a file beside main's key, a row on the server). */
export interface HeadStore {
  load(): Promise<SignedAuditHead | null>;
  save(signed: SignedAuditHead): Promise<void>;
}

export class HeadRollbackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HeadRollbackError';
  }
}

const DOMAIN = 'mailroom-audit-head/v1\n';

/** The exact bytes that are signed: a domain prefix and the head's canonical JSON. */
export function headSigningBytes(head: AuditHead): Uint8Array {
  const json = canonicalize({ station: head.station, seq: head.seq, hash: head.hash, at: head.at });
  if (json === undefined) throw new Error('audit head cannot be canonicalised');
  return utf8ToBytes(DOMAIN + json);
}

export function verifySignedHead(signed: SignedAuditHead, key: HeadPublicKey): boolean {
  if (signed.algorithm !== 'ed25519' || key.algorithm !== 'ed25519' || signed.keyId !== key.keyId) return false;
  try {
    return ed25519.verify(hexToBytes(signed.signature), headSigningBytes(signed.head), hexToBytes(key.publicKey));
  } catch {
    return false;
  }
}

export function ed25519PublicKey(secretKey: Uint8Array, keyId: string): HeadPublicKey {
  return { algorithm: 'ed25519', keyId, publicKey: bytesToHex(ed25519.getPublicKey(secretKey)) };
}

/**
 * A HeadSigner over an Ed25519 secret key (32 bytes) and a store. Signing is serialised and
 * monotonic, so a compromised renderer cannot have a shortened chain signed after the fact.
 */
export function createEd25519HeadSigner(options: {
  readonly secretKey: Uint8Array;
  readonly keyId: string;
  readonly store: HeadStore;
}): HeadSigner {
  const key = ed25519PublicKey(options.secretKey, options.keyId);
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    sign: (head) =>
      serial(async () => {
        const last = await options.store.load();
        if (last && last.head.station === head.station) {
          if (head.seq < last.head.seq) {
            throw new HeadRollbackError(`refused: head #${head.seq} is older than the signed head #${last.head.seq}`);
          }
          if (head.seq === last.head.seq && head.hash !== last.head.hash) {
            throw new HeadRollbackError(`refused: head #${head.seq} differs from the head already signed at that number`);
          }
        }
        const signed: SignedAuditHead = {
          head: { station: head.station, seq: head.seq, hash: head.hash, at: head.at },
          algorithm: 'ed25519',
          keyId: options.keyId,
          signature: bytesToHex(ed25519.sign(headSigningBytes(head), options.secretKey)),
        };
        await options.store.save(signed);
        return signed;
      }),
    latest: () => serial(() => options.store.load()),
    publicKey: () => Promise.resolve(key),
  };
}

/** A HeadStore in memory: for tests and for the web harness's first cut. */
export function memoryHeadStore(): HeadStore {
  let value: SignedAuditHead | null = null;
  return {
    load: () => Promise.resolve(value),
    save: (signed) => {
      value = signed;
      return Promise.resolve();
    },
  };
}
