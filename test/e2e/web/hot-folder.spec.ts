// The scanner's hot folder: scans dropped into it by scanner software reach the signed-in officer's
// station, are screened there, and only then move to processed/; a file that is no scan still
// reaches the station as REVIEW and goes to failed/.
import { test, expect } from '@playwright/test';
import { mkdtemp, readdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderEnvelope } from '../../fixtures/envelopes.ts';
import { ENVELOPES } from '../support/envelopes.ts';
import { startOwnHarness, type OwnHarness } from '../support/own-harness.ts';
import { ScanStationPage } from '../pages/scan-station.ts';

const PORT = 5203;
let harness: OwnHarness;
let folder: string;

test.beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'mailroom-hot-'));
  harness = await startOwnHarness(PORT, { MAILROOM_HOT_FOLDER: folder });
});
test.afterAll(async () => harness?.stop());
test.use({ baseURL: `http://127.0.0.1:${PORT}` });

/** Writes as scanner software does: under a temporary name, then renamed into place. */
async function drop(name: string, bytes: Uint8Array | string): Promise<void> {
  const temp = path.join(folder, `${name}.part`);
  await writeFile(temp, bytes);
  await rename(temp, path.join(folder, name));
}

const listing = async (dir: string) => (await readdir(path.join(folder, dir)).catch(() => [])).filter((n) => !n.endsWith('.result.json'));

test('a scan dropped in the hot folder is screened at the station and then moved to processed/', async ({ page }) => {
  const station = new ScanStationPage(page);
  await station.open();
  await drop('scan-0001.jpg', await renderEnvelope(ENVELOPES.blockedAcacia));
  await expect(station.verdict()).toContainText('HOLD');
  await expect.poll(() => listing('processed'), { timeout: 30_000 }).toEqual(['scan-0001.jpg']);
  await station.acknowledge();

  await drop('scan-0002.jpg', 'not an image: the scanner wrote a text file');
  await expect(station.verdict()).toContainText('REVIEW');
  await expect(station.sequence()).toContainText('#2');
  await expect.poll(() => listing('failed'), { timeout: 30_000 }).toEqual(['scan-0002.jpg']);
});
