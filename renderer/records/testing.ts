// Test support for the records layer's own tests: a station on a fresh in-memory database with a
// controllable clock, a real Ed25519 head signer, and invented list data. Not used by the app.
import { ed25519 } from '@noble/curves/ed25519.js';
import type { Observable } from 'dexie';
import { createEd25519HeadSigner, memoryHeadStore, type HeadSigner } from '../../shared/audit/index.ts';
import type { Blocklist } from '../../shared/blocklist/format.ts';
import type { ScreeningResult } from '../../shared/screening/types.ts';
import type { SnapshotStaging } from '../../shared/sync-client/ports.ts';
import { fixedKeyProvider, type KeyProvider } from './crypto/key-provider.ts';
import { openRecords, type OpenRecordsOptions, type OpenedRecords } from './open-records.ts';
import type { Session } from './accounts/sessions.ts';
import type { LetterReading, ScanInput } from './letter-views.ts';

export const TEST_START = Date.parse('2026-11-28T09:00:00.000Z');

export interface TestClock {
  readonly now: () => Date;
  advance(ms: number): void;
  set(iso: string): void;
}

export function testClock(start = TEST_START): TestClock {
  let t = start;
  return { now: () => new Date(t), advance: (ms) => void (t += ms), set: (iso) => void (t = Date.parse(iso)) };
}

export const testKey = (seed = 7): Uint8Array => new Uint8Array(32).map((_, i) => (i * 31 + seed) & 0xff);

export interface TestStation {
  readonly opened: OpenedRecords;
  readonly clock: TestClock;
  readonly signer: HeadSigner;
  readonly databaseName: string;
  reopen(overrides?: Partial<OpenRecordsOptions>): Promise<OpenedRecords>;
  signIn(username: string): Promise<Session>;
}

export async function openTestStation(overrides: Partial<OpenRecordsOptions> & { keys?: KeyProvider } = {}): Promise<TestStation> {
  const clock = testClock();
  const signer = createEd25519HeadSigner({ secretKey: ed25519.utils.randomSecretKey(), keyId: 'test-head-key', store: memoryHeadStore() });
  const databaseName = overrides.databaseName ?? `records-test-${globalThis.crypto.randomUUID()}`;
  const options: OpenRecordsOptions = {
    station: 'station-test',
    keys: fixedKeyProvider(testKey(), 'test-data-key'),
    headSigner: signer,
    demo: true,
    databaseName,
    clock: clock.now,
    passwordIterations: 1_000,
    ...overrides,
  };
  let opened = await openRecords(options);
  return {
    get opened() {
      return opened;
    },
    clock,
    signer,
    databaseName,
    async reopen(more = {}) {
      opened.close();
      opened = await openRecords({ ...options, ...more });
      return opened;
    },
    signIn: (username) => opened.records.accounts.signIn(username, `${username}-demo`),
  };
}

/** Invented people and places: none of this is real. */
export const VICTIM = { name: 'Jane Smith', alias: 'Jane Doe', line: '14 Acacia Road', postcode: 'LS6 2AB', phone: '07700 900123' } as const;

export const TEST_LIST: Blocklist = {
  format: 'mailroom-blocklist/v1',
  version: 12,
  generatedAt: '2026-11-28T08:00:00Z',
  entries: [
    {
      id: 'UPC-100231',
      names: [VICTIM.name, VICTIM.alias],
      addresses: [{ lines: ['Flat 2', VICTIM.line], town: 'Leeds', postcode: VICTIM.postcode }],
      phones: [VICTIM.phone],
      emails: [],
      scope: { kind: 'all-prisoners' },
      requestedBy: 'victim',
    },
    {
      id: 'UPC-100233',
      names: ['Siobhan McAllister'],
      addresses: [{ lines: ['27B Brunswick Street'], town: 'Manchester', postcode: 'M13 9PL' }],
      phones: [],
      emails: [],
      scope: { kind: 'all-prisoners' },
    },
  ],
};

export function reading(text: string, source: LetterReading['source'] = 'ocr'): LetterReading {
  return { text, addresseeText: text, addresseeBox: { x: 10, y: 20, width: 300, height: 120 }, lines: [], confidence: 0.9, source };
}

export function holdResult(): ScreeningResult {
  return {
    verdict: 'HOLD',
    addressee: { name: VICTIM.name, lines: ['Flat 2', VICTIM.line, 'Leeds'], postcode: 'LS62AB', town: 'Leeds' },
    matches: [
      { entryId: 'UPC-100231', score: 1, rule: 'blocked-address', verdict: 'HOLD', addressIndex: 0, reasons: [`postcode ${VICTIM.postcode} and house number match a blocked address`] },
    ],
    sender: 'A1234BC',
    matcher: 'test-matcher',
  };
}

export function clearResult(): ScreeningResult {
  return { verdict: 'CLEAR', addressee: { name: 'Tom Brown', lines: ['1 High Street', 'York'], postcode: 'YO1 7HH', town: 'York' }, matches: [], sender: null, matcher: 'test-matcher' };
}

export function reviewResult(reason: 'possible-match' | 'unreadable' = 'possible-match'): ScreeningResult {
  return reason === 'unreadable'
    ? { verdict: 'REVIEW', reviewReason: 'unreadable', addressee: null, matches: [], sender: null, matcher: 'test-matcher' }
    : {
        verdict: 'REVIEW',
        reviewReason: 'possible-match',
        addressee: { name: VICTIM.name, lines: ['9 Other Road', 'Leeds'], postcode: 'LS1 1AA', town: 'Leeds' },
        matches: [{ entryId: 'UPC-100231', score: 0.9, rule: 'possible-name', verdict: 'REVIEW', nameIndex: 0, reasons: ['full name matches a blocked name'] }],
        sender: null,
        matcher: 'test-matcher',
      };
}

export function scan(result: ScreeningResult, text = `${VICTIM.name}\nFlat 2\n${VICTIM.line}\nLeeds ${VICTIM.postcode}`, batchId = 'batch-1'): ScanInput {
  const bytes = new TextEncoder().encode(`PNG-ish envelope image of ${text}`);
  return { image: { bytes, type: 'image/png', sha256: `sha-${globalThis.crypto.randomUUID()}` }, reading: reading(text), result, listVersion: 12, batchId };
}

/** A sync engine's staging state after page 0 of a snapshot (for tests that stage by hand). */
export function stagingFor(version: number, entryCount: number): SnapshotStaging {
  const trust = { keyId: 'ed25519-test', publicKey: 'AAAA' };
  return {
    version,
    digest: '0'.repeat(64),
    pageCount: 2,
    entryCount,
    nextPage: 1,
    lastId: null,
    stagedCount: entryCount,
    currentAsOf: new Date(TEST_START).toISOString(),
    checkedAt: TEST_START,
    clockSkewMs: 0,
    pinnedKey: 'AAAA',
    trust,
    source: 'network',
  };
}

/** Subscribes to a liveQuery and lets a test wait for its n-th emission (no sleeps). */
export function watch<T>(observable: Observable<T>) {
  const seen: T[] = [];
  const waiters: { n: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const sub = observable.subscribe({
    next: (v) => {
      seen.push(v);
      for (const w of waiters.filter((w) => seen.length >= w.n)) w.resolve();
    },
    error: (e) => waiters.forEach((w) => w.reject(e)),
  });
  return {
    seen,
    emissions: (n: number) => (seen.length >= n ? Promise.resolve() : new Promise<void>((resolve, reject) => waiters.push({ n, resolve, reject }))),
    stop: () => sub.unsubscribe(),
  };
}
