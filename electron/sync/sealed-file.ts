// One encrypted file of the store: AES-256-GCM with a fresh nonce per write, the file's role bound in
// as associated data (so files cannot be swapped), written to a temporary name and renamed into place.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

const MAGIC = Buffer.from('MRS1');
const NONCE = 12;
const TAG = 16;

export class SealedFileError extends Error {
  override name = 'SealedFileError';
}

export function seal(key: Buffer, role: string, plain: Buffer): Buffer {
  const nonce = randomBytes(NONCE);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(`mailroom-store/v1|${role}`));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([MAGIC, nonce, cipher.getAuthTag(), body]);
}

export function unseal(key: Buffer, role: string, sealed: Buffer, file: string): Buffer {
  if (sealed.length < MAGIC.length + NONCE + TAG || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new SealedFileError(`${file} is not a mailroom store file`);
  }
  const nonce = sealed.subarray(MAGIC.length, MAGIC.length + NONCE);
  const tag = sealed.subarray(MAGIC.length + NONCE, MAGIC.length + NONCE + TAG);
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  decipher.setAAD(Buffer.from(`mailroom-store/v1|${role}`));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(MAGIC.length + NONCE + TAG)), decipher.final()]);
  } catch {
    throw new SealedFileError(`${file} cannot be decrypted: the store key is wrong or the file was altered`);
  }
}

/** Writes the whole file or nothing: temp file, fsync, rename over the old one. */
export async function writeAtomic(file: string, bytes: Buffer): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

export async function writeSealed(file: string, key: Buffer, role: string, value: unknown): Promise<void> {
  await writeAtomic(file, seal(key, role, Buffer.from(JSON.stringify(value), 'utf8')));
}

/** Reads and decrypts a file; null when it does not exist. */
export async function readSealed<T>(file: string, key: Buffer, role: string): Promise<T | null> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  return JSON.parse(unseal(key, role, bytes, file).toString('utf8')) as T;
}
