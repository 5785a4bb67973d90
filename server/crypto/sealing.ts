// Seals victim data for the database with AES-256-GCM under the data key from configuration. The
// associated data binds a ciphertext to its row, so a sealed entry cannot be swapped into another.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface Sealer {
  seal(plaintext: string, context: string): Buffer;
  open(sealed: Uint8Array, context: string): string;
}

export function createSealer(key: Uint8Array): Sealer {
  if (key.length !== 32) throw new Error('the data key must be 32 bytes');
  const k = Buffer.from(key);
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.of(FORMAT_V1), iv, body, cipher.getAuthTag()]);
    },
    open(sealed, context) {
      const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
      if (buf.length < 1 + IV_BYTES + TAG_BYTES || buf[0] !== FORMAT_V1) throw new Error('sealed value has an unknown format');
      const decipher = createDecipheriv('aes-256-gcm', k, buf.subarray(1, 1 + IV_BYTES));
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
      return Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES, buf.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    },
  };
}
