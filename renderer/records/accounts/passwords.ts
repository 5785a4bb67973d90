// Password hashing with PBKDF2-HMAC-SHA-256 from WebCrypto (no package needed).
// 600,000 iterations is OWASP's 2023 figure for PBKDF2-SHA-256: about 0.3-0.6 s on a mailroom PC,
// paid once per sign-in. The count is stored with each hash, and a hash made with fewer
// iterations than the current setting is replaced at the next successful sign-in.
import { ownBytes, fromBase64, sameBytes, toBase64, utf8 } from '../crypto/bytes.ts';

export const PASSWORD_ITERATIONS = 600_000;
export const MIN_PASSWORD_LENGTH = 10;

export interface PasswordHash {
  readonly algorithm: 'pbkdf2-sha256';
  readonly iterations: number;
  /** base64, 16 random bytes */
  readonly salt: string;
  /** base64, 32 bytes */
  readonly hash: string;
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', utf8.encode(password.normalize('NFC')), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: ownBytes(salt), iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function hashPassword(password: string, iterations: number = PASSWORD_ITERATIONS): Promise<PasswordHash> {
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return { algorithm: 'pbkdf2-sha256', iterations, salt: toBase64(salt), hash: toBase64(await derive(password, salt, iterations)) };
}

export async function verifyPassword(password: string, stored: PasswordHash): Promise<boolean> {
  if (stored.algorithm !== 'pbkdf2-sha256') return false;
  const derived = await derive(password, fromBase64(stored.salt), stored.iterations);
  return sameBytes(derived, fromBase64(stored.hash));
}

/** Why a new password is not acceptable, or null. Never echoes the password. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.toLowerCase().includes(username.toLowerCase())) return 'a password must not contain the user name';
  return null;
}
