// The service's Ed25519 signing keys: created on first start, secret halves sealed in the database,
// rotated by announcing the new key with the old one (see shared/sync/signing.ts).
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { announceKey, keyIdOf, keyAnnouncementSchema, type KeyAnnouncement, type Signer } from '../../shared/sync/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Database, Queryable } from '../db/database.ts';
import type { Sealer } from './sealing.ts';

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface SigningKeys {
  /** The key that signs pages now. */
  current(): Signer & { readonly publicKey: Uint8Array };
  /** Announcements of every key after the first, oldest first: sent with every page. */
  chain(): readonly KeyAnnouncement[];
  rotate(actor: string): Promise<{ keyId: string; publicKey: Uint8Array }>;
}

interface KeyRow {
  key_id: string;
  public_key: Uint8Array;
  sealed_secret: Uint8Array;
  announcement: unknown;
  created_at: Date;
}

function signerFrom(seed: Buffer): Signer & { readonly publicKey: Uint8Array } {
  const privateKey: KeyObject = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = new Uint8Array(createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(-32));
  return { keyId: keyIdOf(publicKey), publicKey, sign: (message) => new Uint8Array(sign(null, message, privateKey)) };
}

function newSeed(): Buffer {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
}

async function storeKey(tx: Queryable, sealer: Sealer, seed: Buffer, announcement: KeyAnnouncement | null): Promise<Signer & { publicKey: Uint8Array }> {
  const signer = signerFrom(seed);
  await tx.query(
    'INSERT INTO signing_keys (key_id, public_key, sealed_secret, created_at, announcement) VALUES ($1, $2, $3, $4, $5)',
    [signer.keyId, Buffer.from(signer.publicKey), sealer.seal(seed.toString('base64'), `signing-key|${signer.keyId}`), new Date(), announcement ? JSON.stringify(announcement) : null],
  );
  return signer;
}

export async function loadSigningKeys(db: Database, sealer: Sealer): Promise<SigningKeys> {
  let signer!: Signer & { publicKey: Uint8Array };
  let chain: KeyAnnouncement[] = [];

  const load = async (): Promise<void> => {
    const rows = await db.query<KeyRow>('SELECT key_id, public_key, sealed_secret, announcement, created_at FROM signing_keys ORDER BY created_at, key_id');
    if (rows.length === 0) {
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(7302)');
        const again = await tx.query('SELECT 1 FROM signing_keys');
        if (again.length === 0) await storeKey(tx, sealer, newSeed(), null);
      });
      return load();
    }
    const newest = rows[rows.length - 1]!;
    signer = signerFrom(Buffer.from(sealer.open(newest.sealed_secret, `signing-key|${newest.key_id}`), 'base64'));
    chain = rows
      .filter((r) => r.announcement !== null)
      .map((r) => keyAnnouncementSchema.parse(typeof r.announcement === 'string' ? JSON.parse(r.announcement) : r.announcement));
  };
  await load();

  return {
    current: () => signer,
    chain: () => chain,
    rotate: async (actor) => {
      const previous = signer;
      const seed = newSeed();
      const next = signerFrom(seed);
      const announcement = announceKey(next.publicKey, previous, new Date());
      await db.transaction(async (tx) => {
        await storeKey(tx, sealer, seed, announcement);
        await tx.query('UPDATE signing_keys SET retired_at = $2 WHERE key_id = $1', [previous.keyId, new Date()]);
        await recordAudit(tx, { actor, action: 'key.rotate', detail: { from: previous.keyId, to: next.keyId } });
      });
      await load();
      return { keyId: next.keyId, publicKey: next.publicKey };
    },
  };
}
