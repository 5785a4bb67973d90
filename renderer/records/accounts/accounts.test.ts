import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { openTestStation } from '../testing.ts';
import { MINUTE } from '../dates.ts';
import { hashPassword, PASSWORD_ITERATIONS, verifyPassword } from './passwords.ts';
import type { Session } from './sessions.ts';

describe('first run and demo accounts', () => {
  it('asks for the first administrator on a new installation and creates it once', async () => {
    const station = await openTestStation({ demo: false });
    const { accounts } = station.opened.records;
    expect(await accounts.needsFirstAdministrator()).toBe(true);
    await accounts.createFirstAdministrator({ username: 'Head.Admin', password: 'correct horse battery' });
    expect(await accounts.needsFirstAdministrator()).toBe(false);
    await expect(accounts.createFirstAdministrator({ username: 'second', password: 'correct horse battery' })).rejects.toMatchObject({ code: 'refused' });
    const admin = await accounts.signIn('head.admin', 'correct horse battery');
    expect(admin.role).toBe('administrator');
  });

  it('has no demo accounts outside demo mode, and removes those a demo left behind', async () => {
    const station = await openTestStation({ demo: true });
    expect((await station.signIn('officer')).role).toBe('officer');
    const opened = await station.reopen({ demo: false });
    await expect(opened.records.accounts.signIn('officer', 'officer-demo')).rejects.toMatchObject({ code: 'bad-credentials' });
    expect(await opened.records.accounts.needsFirstAdministrator()).toBe(true);
  });

  it('signs in the three demo accounts with their documented passwords in demo mode', async () => {
    const station = await openTestStation({ demo: true });
    expect((await station.signIn('officer')).role).toBe('officer');
    expect((await station.signIn('supervisor')).role).toBe('supervisor');
    expect((await station.signIn('admin')).role).toBe('administrator');
  });
});

describe('passwords', () => {
  it('stores a salted PBKDF2-SHA-256 hash, never the password', async () => {
    const station = await openTestStation();
    const raw = new Dexie(station.databaseName);
    await raw.open();
    const users = await raw.table('users').toArray();
    expect(JSON.stringify(users)).not.toContain('officer-demo');
    expect(users[0]?.password).toMatchObject({ algorithm: 'pbkdf2-sha256', iterations: 1000 });
    raw.close();
  });

  it('uses 600,000 iterations by default', async () => {
    expect(PASSWORD_ITERATIONS).toBe(600_000);
    const hash = await hashPassword('a long passphrase');
    expect(hash.iterations).toBe(600_000);
    expect(await verifyPassword('a long passphrase', hash)).toBe(true);
    expect(await verifyPassword('a long passphrasE', hash)).toBe(false);
  });

  it('re-hashes a password made with fewer iterations at the next sign-in', async () => {
    const station = await openTestStation({ passwordIterations: 1000 });
    const admin = await station.signIn('admin');
    await station.opened.records.accounts.create(admin, { username: 'o.jones', role: 'officer', password: 'a sound passphrase' });
    const opened = await station.reopen({ passwordIterations: 2000 });
    await opened.records.accounts.signIn('o.jones', 'a sound passphrase');
    await opened.records.accounts.signIn('officer', 'officer-demo');
    const raw = new Dexie(station.databaseName);
    await raw.open();
    const iterations = async (username: string) => (await raw.table('users').where('username').equals(username).first()).password.iterations;
    expect(await iterations('o.jones')).toBe(2000);
    // Demo passwords are public: their hashes stay cheap so a fresh demo starts fast.
    expect(await iterations('officer')).toBe(1000);
    raw.close();
  });

  it('refuses a short new password without echoing it', async () => {
    const station = await openTestStation();
    const admin = await station.signIn('admin');
    const err = await station.opened.records.accounts.create(admin, { username: 'new.officer', role: 'officer', password: 'short1' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid' });
    expect(String(err)).not.toContain('short1');
  });
});

describe('lock-out', () => {
  it('locks an account after five failures, refuses even the right password, and opens again after the lock time', async () => {
    const station = await openTestStation();
    const { accounts } = station.opened.records;
    for (let i = 0; i < 4; i++) await expect(accounts.signIn('officer', 'wrong-password')).rejects.toMatchObject({ code: 'bad-credentials' });
    await expect(accounts.signIn('officer', 'wrong-password')).rejects.toMatchObject({ code: 'locked' });
    await expect(accounts.signIn('officer', 'officer-demo')).rejects.toMatchObject({ code: 'locked' });
    station.clock.advance(15 * MINUTE + 1);
    expect((await accounts.signIn('officer', 'officer-demo')).role).toBe('officer');
    const admin = await station.signIn('admin');
    const kinds = (await station.opened.records.audit.recent(admin)).map((e) => e.kind);
    expect(kinds).toContain('account-locked');
    expect(kinds.filter((k) => k === 'sign-in-failed')).toHaveLength(6);
  });

  it('lets an administrator unlock an account at once', async () => {
    const station = await openTestStation();
    const { accounts } = station.opened.records;
    for (let i = 0; i < 5; i++) await accounts.signIn('officer', 'nope-nope-nope').catch(() => undefined);
    const admin = await station.signIn('admin');
    const officer = (await accounts.list(admin)).find((u) => u.username === 'officer');
    expect(officer?.locked).toBe(true);
    await accounts.unlock(admin, officer?.id ?? '');
    expect((await station.signIn('officer')).role).toBe('officer');
  });

  it('answers an unknown user name like a wrong password', async () => {
    const station = await openTestStation();
    await expect(station.opened.records.accounts.signIn('nobody', 'whatever-it-is')).rejects.toMatchObject({
      code: 'bad-credentials',
      message: 'the user name or password is wrong',
    });
  });
});

describe('sessions on a shared PC', () => {
  it('signs out after five minutes without input, and the layer refuses the lapsed session', async () => {
    const station = await openTestStation();
    const { accounts, review } = station.opened.records;
    const supervisor = await station.signIn('supervisor');
    station.clock.advance(4 * MINUTE);
    accounts.touch(supervisor);
    station.clock.advance(4 * MINUTE);
    await expect(review.queue(supervisor)).resolves.toBeDefined();
    expect(accounts.idleRemainingMs(supervisor)).toBe(MINUTE);
    station.clock.advance(MINUTE);
    await expect(review.queue(supervisor)).rejects.toMatchObject({ code: 'session-expired' });
    expect(await accounts.signOutIfIdle()).toBe(true);
    expect(accounts.current()).toBeNull();
    await expect(review.queue(supervisor)).rejects.toMatchObject({ code: 'not-signed-in' });
  });

  it('switches user quickly: the supervisor signs in over the officer, who is signed out', async () => {
    const station = await openTestStation();
    const { accounts, letters } = station.opened.records;
    const officer = await station.signIn('officer');
    const supervisor = await accounts.switchUser('supervisor', 'supervisor-demo');
    expect(accounts.current()).toBe(supervisor);
    await expect(letters.officerQueue(officer)).rejects.toMatchObject({ code: 'not-signed-in' });
  });

  it('keeps the current user signed in when the switch fails', async () => {
    const station = await openTestStation();
    const { accounts } = station.opened.records;
    const officer = await station.signIn('officer');
    await expect(accounts.switchUser('supervisor', 'wrong-password')).rejects.toBeDefined();
    expect(accounts.current()).toBe(officer);
  });

  it('refuses a session object the layer did not issue', async () => {
    const station = await openTestStation();
    const real = await station.signIn('officer');
    const forged: Session = { ...real, role: 'supervisor' };
    await expect(station.opened.records.review.queue(forged)).rejects.toMatchObject({ code: 'not-signed-in' });
  });

  it('lets only an administrator manage accounts, and never disable the last administrator', async () => {
    const station = await openTestStation();
    const { accounts } = station.opened.records;
    const supervisor = await station.signIn('supervisor');
    await expect(accounts.list(supervisor)).rejects.toMatchObject({ code: 'refused' });
    const admin = await station.signIn('admin');
    const created = await accounts.create(admin, { username: 'o.jones', displayName: 'O Jones', role: 'officer', password: 'a sound passphrase' });
    await accounts.setRole(admin, created.id, 'supervisor');
    await expect(accounts.setDisabled(admin, admin.userId, true)).rejects.toMatchObject({ code: 'conflict' });
    expect((await accounts.list(admin)).find((u) => u.id === created.id)?.role).toBe('supervisor');
  });
});

describe('input after the limit', () => {
  it('does not revive a session that has already lapsed', async () => {
    const station = await openTestStation();
    const officer = await station.signIn('officer');
    station.clock.advance(5 * MINUTE);
    station.opened.records.accounts.touch(officer);
    await expect(station.opened.records.letters.officerQueue(officer)).rejects.toMatchObject({ code: 'session-expired' });
  });
});
