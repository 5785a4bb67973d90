import { chmod, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifySignedHead } from '../../shared/audit/index.ts';
import { openStationKeys } from './station-keys.ts';
import { ensureKeyFile, keyFileVault, safeStorageVault, VaultUnavailableError, type SafeStorageLike } from './vault.ts';

const temp = () => mkdtemp(path.join(tmpdir(), 'mailroom-keys-'));

/** A stand-in for Electron's safeStorage that really transforms the bytes. */
function fakeSafeStorage(backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => backend,
    encryptString: (s) => Buffer.from(`sealed:${Buffer.from(s).toString('hex')}`),
    decryptString: (b) => Buffer.from(b.toString().slice('sealed:'.length), 'hex').toString(),
  };
}

describe('the key vault', () => {
  it('refuses safeStorage when it would fall back to plain text on Linux', () => {
    expect(() => safeStorageVault(fakeSafeStorage('basic_text'), 'linux')).toThrow(VaultUnavailableError);
    expect(() => safeStorageVault(fakeSafeStorage('basic_text'), 'linux')).toThrow(/keyring/);
  });

  it('seals and opens through the OS key store', () => {
    const vault = safeStorageVault(fakeSafeStorage(), 'linux');
    const secret = new Uint8Array([1, 2, 3, 250]);
    expect([...vault.open(vault.seal(secret))]).toEqual([1, 2, 3, 250]);
  });

  it('refuses a key file that other users can read', async () => {
    const file = path.join(await temp(), 'k');
    await ensureKeyFile(file);
    await chmod(file, 0o644);
    await expect(keyFileVault(file)).rejects.toThrow(/other users/);
  });

  it('seals with a key file so that a tampered secret does not open', async () => {
    const vault = await keyFileVault(await ensureKeyFile(path.join(await temp(), 'k')));
    const sealed = vault.seal(new Uint8Array(32).fill(7));
    expect([...vault.open(sealed)]).toEqual(new Array(32).fill(7));
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1;
    expect(() => vault.open(sealed)).toThrow();
  });
});

describe('the station keys', () => {
  it('keeps one data key across restarts, and never writes it to disk in the clear', async () => {
    const dir = await temp();
    const vault = await keyFileVault(await ensureKeyFile(path.join(dir, 'admin.key')));
    const first = await (await openStationKeys(path.join(dir, 'keys'), vault, null)).dataKey();
    const again = await (await openStationKeys(path.join(dir, 'keys'), vault, null)).dataKey();
    if (!first.available || !again.available) throw new Error('expected a data key');
    expect(Buffer.from(again.material).equals(Buffer.from(first.material))).toBe(true);
    for (const name of await readdir(path.join(dir, 'keys'))) {
      const bytes = await readFile(path.join(dir, 'keys', name));
      expect(bytes.includes(Buffer.from(first.material)), name).toBe(false);
      expect(bytes.toString('utf8').includes(Buffer.from(first.material).toString('base64')), name).toBe(false);
    }
  });

  it('refuses the data key, with the reason, when there is no vault', async () => {
    const keys = await openStationKeys(path.join(await temp(), 'keys'), null, 'this Linux session has no keyring');
    expect(await keys.dataKey()).toEqual({ available: false, reason: 'this Linux session has no keyring' });
  });

  it('signs audit heads that verify, remembers the newest across restarts, and refuses to go back', async () => {
    const dir = await temp();
    const vault = await keyFileVault(await ensureKeyFile(path.join(dir, 'admin.key')));
    const keys = await openStationKeys(path.join(dir, 'keys'), vault, null);
    const head = { station: keys.station, seq: 5, hash: 'aa11', at: '2026-11-28T10:00:00Z' };
    const signed = await keys.headSigner.sign(head);
    expect(verifySignedHead(signed, await keys.headSigner.publicKey())).toBe(true);
    const reopened = await openStationKeys(path.join(dir, 'keys'), vault, null);
    expect(reopened.station).toBe(keys.station);
    expect((await reopened.headSigner.latest())?.head.seq).toBe(5);
    await expect(reopened.headSigner.sign({ ...head, seq: 4 })).rejects.toThrow(/older/);
    // The same signing key after a restart: an old signature still verifies with the new public key.
    expect(verifySignedHead(signed, await reopened.headSigner.publicKey())).toBe(true);
  });

  it('fails loudly when the sealed data key was written under another vault', async () => {
    const dir = await temp();
    const a = await keyFileVault(await ensureKeyFile(path.join(dir, 'a.key')));
    const b = await keyFileVault(await ensureKeyFile(path.join(dir, 'b.key')));
    await (await openStationKeys(path.join(dir, 'keys'), a, null)).dataKey();
    await writeFile(path.join(dir, 'unrelated'), 'x');
    await expect(openStationKeys(path.join(dir, 'keys'), b, null)).rejects.toThrow();
  });
});
