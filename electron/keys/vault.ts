// Seals the station's secrets (the records' data key, the audit signing key) before they touch the
// disk: with the operating system's key store (Electron safeStorage: DPAPI, Keychain, libsecret) or,
// where that would fall back to plain text, with a key file an administrator placed on a protected path.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface Vault {
  /** How secrets are sealed, for the administrator's screen: `os-key-store`, `key-file`. */
  readonly kind: string;
  seal(plain: Uint8Array): Uint8Array;
  open(sealed: Uint8Array): Uint8Array;
}

/** Why no vault could be had: victim data must then not be stored at all. */
export class VaultUnavailableError extends Error {
  override name = 'VaultUnavailableError';
}

/** The part of Electron's safeStorage the vault uses (so it can be tested without Electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  getSelectedStorageBackend?(): string;
}

export function safeStorageVault(safe: SafeStorageLike, platform = process.platform): Vault {
  if (!safe.isEncryptionAvailable()) throw new VaultUnavailableError('the operating system key store is not available');
  // On Linux without a keyring, safeStorage "encrypts" with a hard-coded key: that is plain text.
  if (platform === 'linux' && safe.getSelectedStorageBackend?.() === 'basic_text') {
    throw new VaultUnavailableError('this Linux session has no keyring (safeStorage would store keys as plain text); an administrator must configure a key file');
  }
  return {
    kind: 'os-key-store',
    seal: (plain) => new Uint8Array(safe.encryptString(Buffer.from(plain).toString('base64'))),
    open: (sealed) => new Uint8Array(Buffer.from(safe.decryptString(Buffer.from(sealed)), 'base64')),
  };
}

const KEY_FILE_BYTES = 32;

/**
 * A vault keyed by a file of 32 random bytes. The file must be readable by its owner only: a key
 * anyone on the PC can read protects nothing, so a looser file is refused, not used.
 */
export async function keyFileVault(file: string): Promise<Vault> {
  let info;
  try {
    info = await stat(file);
  } catch {
    throw new VaultUnavailableError(`the key file ${file} does not exist`);
  }
  if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    throw new VaultUnavailableError(`the key file ${file} can be read by other users (mode ${(info.mode & 0o777).toString(8)}); make it 600`);
  }
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  if (key.length !== KEY_FILE_BYTES) throw new VaultUnavailableError(`the key file ${file} does not hold a 32-byte key`);
  return {
    kind: 'key-file',
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    open(sealed) {
      const data = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return new Uint8Array(Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]));
    },
  };
}

/** Creates a key file (owner-only) if there is none; returns its path. */
export async function ensureKeyFile(file: string): Promise<string> {
  const exists = await stat(file).then(() => true, () => false);
  if (!exists) {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, `${randomBytes(KEY_FILE_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  }
  await chmod(file, 0o600).catch(() => undefined);
  return file;
}
