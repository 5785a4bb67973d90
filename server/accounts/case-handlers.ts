// Case handlers' own accounts (no shared password) and their sessions on the web page. Passwords
// are scrypt hashes; session tokens are kept as hashes; repeated failures slow an account down.
import { randomBytes } from 'node:crypto';
import { recordAudit } from '../audit/audit-log.ts';
import { ServiceError } from '../blocks/service-error.ts';
import { hashPassword, hashToken, newId, newToken, verifyPassword } from '../crypto/secrets.ts';
import { sqlState, type Database } from '../db/database.ts';

export interface CaseHandler {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
}

export interface Session {
  readonly handler: CaseHandler;
  readonly csrfToken: string;
}

export interface CaseHandlers {
  create(input: { username: string; displayName: string; password: string }, actor: string): Promise<CaseHandler>;
  signIn(username: string, password: string): Promise<{ token: string; session: Session } | null>;
  session(token: string): Promise<Session | null>;
  signOut(token: string): Promise<void>;
}

export const USERNAME = /^[a-z][a-z0-9._-]{1,39}$/;
export const MIN_PASSWORD_LENGTH = 12;
const SESSION_MS = 8 * 60 * 60 * 1000;
const FAILURES_BEFORE_LOCK = 5;
const LOCK_MS = 60_000;

export function createCaseHandlers(db: Database): CaseHandlers {
  const failures = new Map<string, { count: number; lockedUntil: number }>();
  // A password check against a hash nobody has, so an unknown username costs as much as a known one.
  const decoy = hashPassword(randomBytes(16).toString('hex'));

  return {
    async create({ username, displayName, password }, actor) {
      if (!USERNAME.test(username)) throw new ServiceError('invalid', 'field username must be 2–40 lower-case letters, digits or ._- and start with a letter', 'username');
      if (displayName.trim().length === 0 || displayName.length > 100) throw new ServiceError('invalid', 'field displayName must be 1–100 characters', 'displayName');
      if (password.length < MIN_PASSWORD_LENGTH) throw new ServiceError('invalid', `field password must be at least ${MIN_PASSWORD_LENGTH} characters`, 'password');
      const handler = { id: newId('ch'), username, displayName: displayName.trim() };
      try {
        await db.transaction(async (tx) => {
          await tx.query('INSERT INTO case_handlers (id, username, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)', [
            handler.id, username, handler.displayName, await hashPassword(password), new Date(),
          ]);
          await recordAudit(tx, { actor, action: 'handler.create', detail: { username } });
        });
      } catch (e) {
        if (sqlState(e) === '23505') throw new ServiceError('duplicate', `a case handler called ${username} already exists`, 'username');
        throw e;
      }
      return handler;
    },

    async signIn(username, password) {
      const now = Date.now();
      const f = failures.get(username);
      if (f && f.lockedUntil > now) return null;
      const row = (
        await db.query<{ id: string; username: string; display_name: string; password_hash: string }>(
          'SELECT id, username, display_name, password_hash FROM case_handlers WHERE username = $1 AND disabled_at IS NULL',
          [username],
        )
      )[0];
      const ok = row ? await verifyPassword(password, row.password_hash) : (await verifyPassword(password, await decoy), false);
      if (!row || !ok) {
        const count = (f?.count ?? 0) + 1;
        failures.set(username, { count, lockedUntil: count >= FAILURES_BEFORE_LOCK ? now + LOCK_MS : 0 });
        await recordAudit(db, { actor: `login:${USERNAME.test(username) ? username : '(invalid)'}`, action: 'session.failed' });
        return null;
      }
      failures.delete(username);
      const token = newToken('mrs');
      const csrfToken = randomBytes(24).toString('base64url');
      await db.query('INSERT INTO sessions (token_hash, handler_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
        hashToken(token), row.id, csrfToken, new Date(now), new Date(now + SESSION_MS),
      ]);
      await recordAudit(db, { actor: `handler:${row.username}`, action: 'session.start' });
      return { token, session: { handler: { id: row.id, username: row.username, displayName: row.display_name }, csrfToken } };
    },

    async session(token) {
      const row = (
        await db.query<{ id: string; username: string; display_name: string; csrf_token: string }>(
          `SELECT h.id, h.username, h.display_name, s.csrf_token FROM sessions s JOIN case_handlers h ON h.id = s.handler_id
           WHERE s.token_hash = $1 AND s.expires_at > now() AND h.disabled_at IS NULL`,
          [hashToken(token)],
        )
      )[0];
      return row ? { handler: { id: row.id, username: row.username, displayName: row.display_name }, csrfToken: row.csrf_token } : null;
    },

    async signOut(token) {
      await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
    },
  };
}
