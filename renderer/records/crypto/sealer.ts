// Seals victim data at rest: AES-256-GCM under keys derived (HKDF) from the data key, with the
// record and field as additional data so a sealed value cannot be moved to another record.
// Search tags are HMAC-SHA-256 of normalised values, so postcodes and names are found by tag
// and never stand in an index in plain form.
import { RecordsError } from '../errors.ts';
import { ownBytes, toBase64Url, utf8 } from './bytes.ts';

/** A sealed value as stored: structured-clonable, no plaintext. */
export interface SealedBox {
  /** 1: AES-256-GCM. 0: not encrypted (the positive control of the at-rest test only). */
  readonly v: 0 | 1;
  readonly kid: string;
  readonly iv: Uint8Array;
  readonly ct: Uint8Array;
}

export type TagKind = 'postcode' | 'name' | 'address';

export interface Sealer {
  readonly keyId: string;
  readonly encrypts: boolean;
  sealBytes(bytes: Uint8Array, context: string): Promise<SealedBox>;
  openBytes(box: SealedBox, context: string): Promise<Uint8Array>;
  sealJson(value: unknown, context: string): Promise<SealedBox>;
  openJson(box: SealedBox, context: string): Promise<unknown>;
  /** A keyed search tag of an already-normalised value. */
  tag(kind: TagKind, normalised: string): Promise<string>;
}

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
const AES_INFO = 'mailroom/records/aes-256-gcm/v1';
const TAG_INFO = 'mailroom/records/search-tag/v1';

// Promise.resolve() around WebCrypto calls keeps Dexie's liveQuery observation context (see the
// dexie-react-hooks rules for queriers).
const p = <T>(promise: PromiseLike<T>): Promise<T> => Promise.resolve(promise);

/** JSON.parse's own errors quote the text they choke on: that text is victim data. */
function parseSealedJson(bytes: Uint8Array, context: string): unknown {
  try {
    return JSON.parse(utf8.decode(bytes)) as unknown;
  } catch {
    throw new RecordsError('unreadable', `${context} does not hold valid data`);
  }
}

export async function createAesSealer(keyId: string, material: Uint8Array): Promise<Sealer> {
  if (material.byteLength !== 32) throw new RecordsError('storage-refused', 'the data key must be 32 bytes');
  const base = await p(subtle().importKey('raw', ownBytes(material), 'HKDF', false, ['deriveKey']));
  material.fill(0);
  const hkdf = (info: string) => ({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: utf8.encode(info) });
  const aes = await p(subtle().deriveKey(hkdf(AES_INFO), base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']));
  const hmac = await p(subtle().deriveKey(hkdf(TAG_INFO), base, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']));

  const sealBytes = async (bytes: Uint8Array, context: string): Promise<SealedBox> => {
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const ct = await p(subtle().encrypt({ name: 'AES-GCM', iv, additionalData: utf8.encode(context) }, aes, ownBytes(bytes)));
    return { v: 1, kid: keyId, iv, ct: new Uint8Array(ct) };
  };
  const openBytes = async (box: SealedBox, context: string): Promise<Uint8Array> => {
    if (box.v !== 1 || box.kid !== keyId) throw new RecordsError('key-mismatch', `${context} was sealed under another key`);
    try {
      const pt = await p(subtle().decrypt({ name: 'AES-GCM', iv: ownBytes(box.iv), additionalData: utf8.encode(context) }, aes, ownBytes(box.ct)));
      return new Uint8Array(pt);
    } catch {
      throw new RecordsError('unreadable', `${context} cannot be opened: altered, moved or sealed under another key`);
    }
  };
  return {
    keyId,
    encrypts: true,
    sealBytes,
    openBytes,
    sealJson: (value, context) => sealBytes(utf8.encode(JSON.stringify(value)), context),
    openJson: async (box, context) => parseSealedJson(await openBytes(box, context), context),
    tag: async (kind, normalised) => {
      const mac = await p(subtle().sign('HMAC', hmac, utf8.encode(`${kind}\u0000${normalised}`)));
      return toBase64Url(new Uint8Array(mac).subarray(0, 16));
    },
  };
}

/**
 * Stores values as they are. Exists only so the at-rest test can show that its search of the
 * database files would find victim data if it were stored in the clear (the positive control).
 */
export function createPlaintextSealerForPositiveControl(): Sealer {
  const KID = 'plaintext-positive-control';
  return {
    keyId: KID,
    encrypts: false,
    sealBytes: (bytes) => Promise.resolve({ v: 0, kid: KID, iv: new Uint8Array(0), ct: bytes.slice() }),
    openBytes: (box, context) => {
      if (box.v !== 0) return Promise.reject(new RecordsError('key-mismatch', `${context} is encrypted`));
      return Promise.resolve(box.ct.slice());
    },
    sealJson: (value) => Promise.resolve({ v: 0, kid: KID, iv: new Uint8Array(0), ct: utf8.encode(JSON.stringify(value)) }),
    openJson: (box, context) => Promise.resolve(parseSealedJson(box.ct, context)),
    tag: (kind, normalised) => Promise.resolve(`${kind}:${normalised}`),
  };
}
