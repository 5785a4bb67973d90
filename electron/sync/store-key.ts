// The key the sync store is encrypted with: MAILROOM_STORE_KEY (base64 of 32 bytes), or a key file
// beside the store folder (`DIR.key`), created on first use readable by its owner only.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const STORE_KEY_ENV = 'MAILROOM_STORE_KEY';

export class StoreKeyError extends Error {
  override name = 'StoreKeyError';
}

export const keyFileFor = (storeDir: string): string => `${path.resolve(storeDir)}.key`;

function decodeKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) throw new StoreKeyError(`${where} must hold base64 of 32 bytes (e.g. \`openssl rand -base64 32\`)`);
  return key;
}

/**
 * Finds the store's key. With `create`, a missing key file is made (mode 0600, never overwritten);
 * without it, a missing key file means the store was never written and null is returned.
 */
export async function loadStoreKey(storeDir: string, options: { create: boolean; env?: NodeJS.ProcessEnv }): Promise<Buffer | null> {
  const env = options.env ?? process.env;
  const fromEnv = env[STORE_KEY_ENV];
  if (fromEnv && fromEnv.trim()) return decodeKey(fromEnv, STORE_KEY_ENV);
  const file = keyFileFor(storeDir);
  const info = await stat(file).catch(() => null);
  if (!info) {
    if (!options.create) return null;
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    try {
      await writeFile(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another process made it first
    }
    await chmod(file, 0o600);
  } else if (process.platform !== 'win32' && (info.mode & 0o077) !== 0) {
    throw new StoreKeyError(`the key file ${file} can be read by other users: run \`chmod 600 ${file}\``);
  }
  return decodeKey(await readFile(file, 'utf8'), `the key file ${file}`);
}
