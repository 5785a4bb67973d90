// Accounts on a shared mailroom PC: first-run administrator, sign-in with lock-out, sign-out
// (by hand or after inactivity), quick user switch, and the administrator's account screens.
import { z } from 'zod';
import { requireAction, requireAccess, newId, type RecordsContext } from '../context.ts';
import { RecordsError, describeIssues } from '../errors.ts';
import { MINUTE } from '../dates.ts';
import { readSettings } from '../settings.ts';
import { ROLES, type Role } from '../roles.ts';
import type { UserRow } from '../db/rows.ts';
import { hashPassword, passwordProblem, verifyPassword, type PasswordHash } from './passwords.ts';
import type { Session } from './sessions.ts';

export interface UserSummary {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly locked: boolean;
  readonly demo: boolean;
  readonly createdAt: string;
  readonly lastSignInAt: string | null;
}

const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, 'letters, digits, dot, dash or underscore; 2 to 32 characters');

export const newAccountSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1).max(80).optional(),
  role: z.enum(ROLES),
  password: z.string(),
});
export type NewAccount = z.input<typeof newAccountSchema>;

export type SignOutReason = 'user' | 'inactivity' | 'switched';

export interface Accounts {
  /** True on a new installation: the first screen creates the first administrator. */
  needsFirstAdministrator(): Promise<boolean>;
  createFirstAdministrator(input: Omit<NewAccount, 'role'>): Promise<UserSummary>;
  /** Signs in; a live session of someone else is signed out first (quick user switch). */
  signIn(username: string, password: string): Promise<Session>;
  /** The same as signIn; the current user stays signed in if the new one's password is wrong. */
  switchUser(username: string, password: string): Promise<Session>;
  signOut(session: Session, reason?: SignOutReason): Promise<void>;
  /** The live session, if any (for the app shell after a reload of a screen). */
  current(): Session | null;
  /** Call on user input (key, pointer): it keeps the session alive. */
  touch(session: Session): void;
  /** Milliseconds before automatic sign-out, for a countdown. */
  idleRemainingMs(session: Session): number;
  /** Call from a timer: signs the live session out once it is idle past the limit. */
  signOutIfIdle(): Promise<boolean>;
  changeOwnPassword(session: Session, current: string, next: string): Promise<void>;
  // Administrator only:
  list(session: Session): Promise<UserSummary[]>;
  create(session: Session, input: NewAccount): Promise<UserSummary>;
  setRole(session: Session, userId: string, role: Role): Promise<void>;
  setDisabled(session: Session, userId: string, disabled: boolean): Promise<void>;
  unlock(session: Session, userId: string): Promise<void>;
  resetPassword(session: Session, userId: string, password: string): Promise<void>;
}

export function createAccounts(ctx: RecordsContext): Accounts {
  const { db, audit, sessions } = ctx;
  let dummy: Promise<PasswordHash> | null = null;
  const now = () => ctx.clock();

  const summary = (u: UserRow): UserSummary => ({
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabled,
    locked: u.lockedUntil !== null && Date.parse(u.lockedUntil) > now().getTime(),
    demo: u.demo,
    createdAt: u.createdAt,
    lastSignInAt: u.lastSignInAt,
  });

  async function buildUser(input: NewAccount, demo = false): Promise<UserRow> {
    const parsed = newAccountSchema.safeParse(input);
    if (!parsed.success) throw new RecordsError('invalid', `account: ${describeIssues(parsed.error.issues)}`);
    const { username, role, password } = parsed.data;
    const problem = demo ? null : passwordProblem(password, username);
    if (problem) throw new RecordsError('invalid', problem);
    return {
      id: newId(),
      username,
      displayName: parsed.data.displayName ?? username,
      role,
      password: await hashPassword(password, ctx.passwordIterations),
      createdAt: now().toISOString(),
      disabled: false,
      demo,
      failedAttempts: 0,
      lockedUntil: null,
      lastSignInAt: null,
    };
  }

  /** Inside a transaction over users and audit. */
  async function insertUser(row: UserRow, actor: string | null, details: Record<string, string | boolean>): Promise<void> {
    if (await db.users.where('username').equals(row.username).count()) {
      throw new RecordsError('conflict', `the user name ${row.username} is taken`);
    }
    await db.users.add(row);
    await audit.append(audit.draft('account-created', actor ?? row.id, row.id, { role: row.role, username: row.username, ...details }));
  }

  async function endSession(session: Session, reason: SignOutReason): Promise<void> {
    if (!sessions.end(session)) return;
    await audit.record(audit.draft('sign-out', session.userId, session.userId, { reason }));
  }

  async function failedSignIn(user: UserRow | undefined, reason: string): Promise<never> {
    await audit.record(audit.draft('sign-in-failed', null, user?.id ?? null, { reason }));
    throw new RecordsError('bad-credentials', 'the user name or password is wrong');
  }

  async function signIn(username: string, password: string): Promise<Session> {
    const name = username.trim().toLowerCase();
    const settings = await readSettings(db);
    const user = await db.users.where('username').equals(name).first();
    const at = now();
    if (!user || user.disabled || (user.demo && !ctx.demo)) {
      // Spend the same time as a real check, so timing does not tell which user names exist.
      dummy ??= hashPassword('not-a-password', ctx.passwordIterations);
      await verifyPassword(password, await dummy);
      return failedSignIn(user, !user ? 'unknown-user' : user.disabled ? 'disabled' : 'demo-account-outside-demo-mode');
    }
    const lockedUntil = user.lockedUntil ? Date.parse(user.lockedUntil) : 0;
    if (lockedUntil > at.getTime()) {
      await audit.record(audit.draft('sign-in-failed', null, user.id, { reason: 'locked' }));
      throw new RecordsError('locked', `this account is locked after repeated failures until ${new Date(lockedUntil).toLocaleTimeString()}`);
    }
    if (!(await verifyPassword(password, user.password))) {
      const failures = (lockedUntil > 0 ? 0 : user.failedAttempts) + 1;
      const locks = failures >= settings.lockoutThreshold;
      await db.users.update(user.id, {
        failedAttempts: locks ? 0 : failures,
        lockedUntil: locks ? new Date(at.getTime() + settings.lockoutMinutes * MINUTE).toISOString() : null,
      });
      const drafts = [audit.draft('sign-in-failed', null, user.id, { reason: 'wrong-password', attempt: failures })];
      if (locks) drafts.push(audit.draft('account-locked', null, user.id, { failures, minutes: settings.lockoutMinutes }));
      await audit.record(...drafts);
      if (locks) throw new RecordsError('locked', `too many failed attempts: this account is locked for ${settings.lockoutMinutes} minutes`);
      throw new RecordsError('bad-credentials', 'the user name or password is wrong');
    }
    const rehash =
      !user.demo && user.password.iterations < ctx.passwordIterations ? await hashPassword(password, ctx.passwordIterations) : user.password;
    await db.users.update(user.id, { failedAttempts: 0, lockedUntil: null, lastSignInAt: at.toISOString(), password: rehash });
    const previous = sessions.current();
    if (previous) await endSession(previous, 'switched');
    const session = sessions.issue(
      { userId: user.id, username: user.username, displayName: user.displayName, role: user.role },
      at,
      settings.inactivityMinutes * MINUTE,
    );
    await audit.record(audit.draft('sign-in', user.id, user.id, { role: user.role, switched: previous !== null }));
    return session;
  }

  async function changeUser(session: Session, userId: string, change: Partial<UserRow>, details: Record<string, string | boolean | number>) {
    const admin = requireAction(ctx, session, 'manage-accounts');
    await db.transaction('rw', db.users, db.audit, async () => {
      const user = await db.users.get(userId);
      if (!user) throw new RecordsError('not-found', 'no such account');
      if (user.role === 'administrator' && (change.disabled === true || (change.role && change.role !== 'administrator'))) {
        const admins = await db.users.where('role').equals('administrator').filter((u) => !u.disabled).count();
        if (admins <= 1) throw new RecordsError('conflict', 'the last administrator cannot be disabled or demoted');
      }
      await db.users.update(userId, change);
      await audit.append(audit.draft('account-changed', admin.userId, userId, details));
    });
    await audit.signHead();
  }

  return {
    needsFirstAdministrator: async () => (await db.users.filter((u) => !u.demo).count()) === 0,

    async createFirstAdministrator(input) {
      const row = await buildUser({ ...input, role: 'administrator' });
      await db.transaction('rw', db.users, db.audit, async () => {
        if ((await db.users.filter((u) => !u.demo).count()) > 0) {
          throw new RecordsError('refused', 'this station already has accounts: an administrator creates new ones');
        }
        await insertUser(row, null, { firstRun: true });
      });
      await audit.signHead();
      return summary(row);
    },

    signIn,
    switchUser: signIn,
    signOut: (session, reason = 'user') => endSession(session, reason),
    current: () => sessions.current(),
    touch: (session) => sessions.touch(session, now()),
    idleRemainingMs: (session) => sessions.remainingMs(session, now()),

    async signOutIfIdle() {
      const live = sessions.current();
      if (!live || sessions.check(live, now()) !== 'expired') return false;
      await endSession(live, 'inactivity');
      return true;
    },

    async changeOwnPassword(session, current, next) {
      const live = requireAction(ctx, session, null);
      const user = await db.users.get(live.userId);
      if (!user || !(await verifyPassword(current, user.password))) throw new RecordsError('bad-credentials', 'the current password is wrong');
      const problem = passwordProblem(next, user.username);
      if (problem) throw new RecordsError('invalid', problem);
      await db.users.update(user.id, { password: await hashPassword(next, ctx.passwordIterations) });
      await audit.record(audit.draft('account-changed', user.id, user.id, { passwordChanged: true }));
    },

    async list(session) {
      requireAccess(ctx, session, 'manage-accounts');
      return (await db.users.orderBy('username').toArray()).map(summary);
    },

    async create(session, input) {
      const admin = requireAction(ctx, session, 'manage-accounts');
      const row = await buildUser(input);
      await db.transaction('rw', db.users, db.audit, () => insertUser(row, admin.userId, {}));
      await audit.signHead();
      return summary(row);
    },

    setRole: (session, userId, role) => changeUser(session, userId, { role }, { role }),
    setDisabled: (session, userId, disabled) => changeUser(session, userId, { disabled }, { disabled }),
    unlock: (session, userId) => changeUser(session, userId, { lockedUntil: null, failedAttempts: 0 }, { unlocked: true }),

    async resetPassword(session, userId, password) {
      requireAccess(ctx, session, 'manage-accounts');
      const user = await db.users.get(userId);
      if (!user) throw new RecordsError('not-found', 'no such account');
      const problem = passwordProblem(password, user.username);
      if (problem) throw new RecordsError('invalid', problem);
      const hash = await hashPassword(password, ctx.passwordIterations);
      await changeUser(session, userId, { password: hash, lockedUntil: null, failedAttempts: 0 }, { passwordReset: true });
    },
  };
}

/**
 * Demo passwords are published in the README, so a slow hash would protect nothing and only slow
 * every fresh demo start (each end-to-end test starts one).
 */
export const DEMO_PASSWORD_ITERATIONS = 1_000;

/** The demo accounts, created only in demo mode (README documents them). */
export const DEMO_ACCOUNTS: readonly { readonly username: string; readonly password: string; readonly role: Role }[] = [
  { username: 'officer', password: 'officer-demo', role: 'officer' },
  { username: 'supervisor', password: 'supervisor-demo', role: 'supervisor' },
  { username: 'admin', password: 'admin-demo', role: 'administrator' },
];

/** In demo mode, creates the missing demo accounts; outside it, removes any left from a demo. */
export async function reconcileDemoAccounts(ctx: RecordsContext): Promise<void> {
  const { db, audit } = ctx;
  if (!ctx.demo) {
    const demo = await db.users.filter((u) => u.demo).toArray();
    if (demo.length === 0) return;
    await db.transaction('rw', db.users, db.audit, async () => {
      await db.users.bulkDelete(demo.map((u) => u.id));
      await audit.append(...demo.map((u) => audit.draft('account-changed', 'system:start', u.id, { removed: 'demo account outside demo mode' })));
    });
    await audit.signHead();
    return;
  }
  for (const account of DEMO_ACCOUNTS) {
    if (await db.users.where('username').equals(account.username).count()) continue;
    const row: UserRow = {
      id: newId(),
      username: account.username,
      displayName: `${account.username} (demo)`,
      role: account.role,
      password: await hashPassword(account.password, Math.min(DEMO_PASSWORD_ITERATIONS, ctx.passwordIterations)),
      createdAt: ctx.clock().toISOString(),
      disabled: false,
      demo: true,
      failedAttempts: 0,
      lockedUntil: null,
      lastSignInAt: null,
    };
    await db.transaction('rw', db.users, db.audit, async () => {
      await db.users.add(row);
      await audit.append(audit.draft('account-created', 'system:demo', row.id, { role: row.role, username: row.username, demo: true }));
    });
  }
  await audit.signHead();
}
