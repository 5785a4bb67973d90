// Victim data at rest: a known victim's name and postcode go into the station's records through
// the app (the list installed at start-up and a letter scanned to her address); the profile's
// IndexedDB files, searched raw, as UTF-16 and after Snappy decompression, hold none of it. The
// positive control stores the same in the clear (test-only switch, web harness in demo mode only)
// and the same search must find every needle, or the first result would prove nothing.
import { test, expect, chromium } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { searchDirectory } from '../../support/leveldb-search.ts';
import { SignInPage } from '../pages/sign-in.ts';
import { ScanStationPage } from '../pages/scan-station.ts';
import { renderEnvelopes, type EnvelopeName } from '../support/envelopes.ts';

/** From the demo list (entries UPC-100231 and UPC-100232) and from the envelope read. */
const NEEDLES = ['Okonkwo-Hale', 'LS29 8QT', 'Jane Smith', 'Acacia Road'];
const ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let files: Record<EnvelopeName, string>;
test.beforeAll(async () => {
  files = await renderEnvelopes('blockedAcacia');
});

async function writeThroughTheApp(baseURL: string, query: string): Promise<string> {
  const profile = await mkdtemp(path.join(tmpdir(), 'mailroom-profile-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ARGS, baseURL });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await new SignInPage(page).open(`/${query}`);
    if (query) await expect(page.getByText('TEST POSITIVE CONTROL')).toBeVisible();
    await new SignInPage(page).signIn('officer');
    const station = new ScanStationPage(page);
    await station.ready();
    await station.scan(files.blockedAcacia);
    await expect(station.verdict()).toContainText('HOLD');
  } finally {
    await context.close();
  }
  return path.join(profile, 'Default', 'IndexedDB');
}

test('no victim name or postcode can be found in the IndexedDB files on disk', async ({ baseURL }) => {
  const dir = await writeThroughTheApp(baseURL ?? '', '');
  try {
    expect(await searchDirectory(dir, NEEDLES)).toEqual([]);
  } finally {
    await rm(path.dirname(path.dirname(dir)), { recursive: true, force: true });
  }
});

test('positive control: with encryption off, the same search finds every needle', async ({ baseURL }) => {
  const dir = await writeThroughTheApp(baseURL ?? '', '?records=plaintext-positive-control');
  try {
    const found = new Set((await searchDirectory(dir, NEEDLES)).map((h) => h.needle));
    expect([...found].sort()).toEqual([...NEEDLES].sort());
  } finally {
    await rm(path.dirname(path.dirname(dir)), { recursive: true, force: true });
  }
});
