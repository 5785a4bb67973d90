// The station's identity and secrets, held by main: the records' data key and the audit-head
// signing key, both sealed by a Vault on disk, and the newest signed audit head.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createEd25519HeadSigner, type HeadSigner, type HeadStore, type SignedAuditHead } from '../../shared/audit/index.ts';
import type { Vault } from './vault.ts';

export type DataKeyAnswer =
  | { readonly available: true; readonly keyId: string; readonly material: Uint8Array }
  | { readonly available: false; readonly reason: string };

export interface StationKeys {
  readonly station: string;
  dataKey(): Promise<DataKeyAnswer>;
  readonly headSigner: HeadSigner;
}

async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, data, { mode: 0o600 });
  await rename(temp, file);
}

async function readOptional(file: string): Promise<Buffer | null> {
  return readFile(file).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
}

/** Reads a sealed secret, or makes, seals and stores a new one of `bytes` random bytes. */
async function sealedSecret(vault: Vault, file: string, bytes: number): Promise<Uint8Array> {
  const sealed = await readOptional(file);
  if (sealed) return vault.open(sealed);
  const secret = new Uint8Array(randomBytes(bytes));
  await writeAtomically(file, vault.seal(secret));
  return secret;
}

function fileHeadStore(file: string): HeadStore {
  return {
    load: async () => {
      const text = await readOptional(file);
      return text ? (JSON.parse(text.toString('utf8')) as SignedAuditHead) : null;
    },
    save: (signed) => writeAtomically(file, JSON.stringify(signed)),
  };
}

/**
 * Opens (or on first run creates) the station's keys in `dir`. With no vault (no OS key store and
 * no key file), the data key is refused with `refusal`: the app then stores no victim data. The
 * audit chain is still signed, with a key kept only in memory for this run.
 */
export async function openStationKeys(dir: string, vault: Vault | null, refusal: string | null): Promise<StationKeys> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const identityFile = path.join(dir, 'station.json');
  const identity = await readOptional(identityFile);
  const station = identity ? (JSON.parse(identity.toString('utf8')) as { station: string }).station : `ST-${randomUUID().slice(0, 8).toUpperCase()}`;
  if (!identity) await writeAtomically(identityFile, JSON.stringify({ station }));

  const signingKey = vault ? await sealedSecret(vault, path.join(dir, 'audit-key.sealed'), 32) : new Uint8Array(randomBytes(32));
  const headSigner = createEd25519HeadSigner({ secretKey: signingKey, keyId: `${station}-audit-1`, store: fileHeadStore(path.join(dir, 'audit-head.json')) });

  return {
    station,
    headSigner,
    async dataKey() {
      if (!vault) return { available: false, reason: refusal ?? 'no key store is configured' };
      const material = await sealedSecret(vault, path.join(dir, 'data-key.sealed'), 32);
      return { available: true, keyId: `${station}-data-1`, material };
    },
  };
}
