// The layer-level half of "nothing sensitive at rest": every stored value, read behind the
// layer's back, is searched for a known victim's name, address, phone and the text read off an
// envelope. The positive control stores the same data with encryption off and must find it.
// (The on-disk half, over Chromium's LevelDB files, is an e2e test using test/support/leveldb-search.ts.)
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { holdResult, openTestStation, scan, stagingFor, TEST_LIST, VICTIM } from './testing.ts';
import { refusingKeyProvider, fixedKeyProvider } from './crypto/key-provider.ts';

const NEEDLES = [VICTIM.name, VICTIM.alias, 'JANE SMITH', 'Acacia', VICTIM.postcode, 'LS62AB', VICTIM.phone, 'victim said no contact', 'secret-device-token'];

/** Every string, and every byte array read as Latin-1 and as UTF-16LE, in everything stored. */
function haystack(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value instanceof Uint8Array) {
    out.push(String.fromCharCode(...value));
    out.push(new TextDecoder('utf-16le').decode(value.subarray(0, value.length - (value.length % 2))));
  } else if (Array.isArray(value)) value.forEach((v) => haystack(v, out));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => (out.push(k), haystack(v, out)));
  else if (value !== null && value !== undefined) out.push(String(value));
  return out;
}

async function everythingStored(databaseName: string): Promise<string> {
  const raw = new Dexie(databaseName);
  await raw.open();
  const tables = await Promise.all(raw.tables.map(async (t) => haystack(await t.toArray()).join('\n')));
  raw.close();
  return tables.join('\n').toLowerCase();
}

async function fillStation(encryption: 'on' | 'off-positive-control') {
  const s = await openTestStation({ encryption });
  await s.opened.system('sync').blocklist.replace(TEST_LIST, { source: 'sync', signature: null });
  await s.opened.system('sync').syncState.put('enrolment', { token: 'secret-device-token' });
  await s.opened.system('sync').syncStore.stageSnapshotPage(stagingFor(13, TEST_LIST.entries.length), TEST_LIST.entries);
  const officer = await s.signIn('officer');
  const letter = await s.opened.records.letters.recordScan(officer, scan(holdResult()));
  const supervisor = await s.signIn('supervisor');
  await s.opened.records.review.openLetter(supervisor, letter.id);
  await s.opened.records.review.decide(supervisor, letter.id, {
    kind: 'release',
    reason: 'victim said no contact was fine',
    remember: [{ entryId: 'UPC-100231', entryFingerprint: 'f', addresseeFingerprint: VICTIM.name }],
  });
  s.opened.close();
  return s;
}

describe('victim data at rest', () => {
  it('stores no victim name, address, phone or read text in any table or index', async () => {
    const s = await fillStation('on');
    const stored = await everythingStored(s.databaseName);
    for (const needle of NEEDLES) expect(stored, needle).not.toContain(needle.toLowerCase());
  });

  it('positive control: the same search finds them when encryption is off', async () => {
    const s = await fillStation('off-positive-control');
    const stored = await everythingStored(s.databaseName);
    for (const needle of NEEDLES) expect(stored, needle).toContain(needle.toLowerCase());
  });

  it('refuses to store victim data when the KeyProvider has no safe key, and says why', async () => {
    const s = await openTestStation({ keys: refusingKeyProvider('no keyring on this PC (safeStorage would store the key in plain text)') });
    expect(s.opened.records.storageRefusal).toContain('no keyring');
    const officer = await s.signIn('officer');
    await expect(s.opened.records.letters.recordScan(officer, scan(holdResult()))).rejects.toMatchObject({
      code: 'storage-refused',
      message: expect.stringContaining('no keyring'),
    });
    await expect(s.opened.system('sync').blocklist.replace(TEST_LIST, { source: 'sync', signature: null })).rejects.toMatchObject({ code: 'storage-refused' });
  });

  it('refuses to open records with a data key other than the one they were stored under', async () => {
    const s = await openTestStation();
    await expect(s.reopen({ keys: fixedKeyProvider(new Uint8Array(32).fill(9), 'another-key') })).rejects.toMatchObject({ code: 'key-mismatch' });
  });

  it('never puts a victim value in an error message about a bad list file', async () => {
    const s = await openTestStation();
    const admin = await s.signIn('admin');
    const bad = { ...TEST_LIST, entries: [{ id: 'UPC-1', names: [VICTIM.name], addresses: [{ lines: [VICTIM.line], postcode: VICTIM.postcode }], scope: { kind: 'prisoners', prisonNumbers: [VICTIM.name] } }] };
    const err = await s.opened.records.blocklist.importFile(admin, JSON.stringify(bad)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid' });
    expect(String(err)).toContain('UPC-1');
    for (const needle of NEEDLES) expect(String(err)).not.toContain(needle);
  });
});
