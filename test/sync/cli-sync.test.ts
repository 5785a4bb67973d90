// `mailroom sync` and `mailroom match --store` as an administrator runs them, against the real
// service started in-process on its own loopback port.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, sampleEntry, startTestService, type TestService, type TestStore } from '../../server/test-support/test-service.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'electron', 'cli', 'bin.mjs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function mailroom(args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, MAILROOM_STORE_KEY: '', ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

const blockedLetter = JSON.stringify({ id: 'L-1', text: 'Ms Jane Testperson\nFlat 2, 14 Acacia Road\nLeeds\nLS6 2AB' });
const otherLetter = JSON.stringify({ id: 'L-2', text: 'Mr Tom Hughes\n31 Beech Grove\nHarrogate\nHG2 0ET' });

let store: TestStore;
let server: TestService;
let dir: string;
let device: { token: string; serverKey: string };

beforeEach(async () => {
  store = await createTestStore('pglite');
  server = await startTestService(store, { snapshotPageSize: 2 });
  dir = await mkdtemp(path.join(tmpdir(), 'mailroom-cli-sync-'));
  device = await server.enrol('LEI');
  for (const id of ['UPC-1', 'UPC-2', 'UPC-3']) {
    const res = await server.admin('POST', '/v1/admin/entries', sampleEntry(id, id === 'UPC-2' ? {} : { names: [`Other ${id}`], addresses: [{ lines: [`${id.length} Elm Street`], town: 'York', postcode: 'YO1 7HH' }] }));
    expect(res.status).toBe(201);
  }
});

afterEach(async () => {
  await server.close();
  await store.dispose();
});

const syncArgs = (storeDir: string) => ['sync', '--server', server.url, '--token', device.token, '--server-key', device.serverKey, '--store', storeDir];

describe('mailroom sync', () => {
  it('syncs a store and screens with it: the blocked address is HELD, the other CLEAR, the list source is "store"', async () => {
    const storeDir = path.join(dir, 'store');
    const run = await mailroom(syncArgs(storeDir));
    expect(run.stderr).toMatch(/store is current: list version 3, 3 entries/);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'current', version: 3, entries: 3, snapshot: true });

    const match = await mailroom(['match', '--store', storeDir, '--input', '-'], `${blockedLetter}\n${otherLetter}\n`);
    expect(match.code).toBe(0);
    const [held, clear] = match.stdout.trim().split('\n').map((l) => JSON.parse(l) as { verdict: string; list: unknown; matches: { entryId: string }[] });
    expect(held).toMatchObject({ verdict: 'HOLD', list: { source: 'store', version: 3 } });
    expect(held!.matches.map((m) => m.entryId)).toContain('UPC-2');
    expect(clear).toMatchObject({ verdict: 'CLEAR' });

    // A second run applies only what changed.
    await server.admin('DELETE', '/v1/admin/entries/UPC-2?override=true', undefined, { 'x-mailroom-reason': 'test' });
    const again = await mailroom(syncArgs(storeDir));
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ version: 4, entries: 2, snapshot: false, pagesApplied: 1 });
  });

  it('imports an air-gapped snapshot file, and refuses a tampered one leaving the store as it was', async () => {
    const storeDir = path.join(dir, 'store');
    const res = await server.admin('GET', '/v1/admin/snapshot-file');
    const text = await res.text();
    const file = path.join(dir, 'snapshot.json');
    await writeFile(file, text);
    const run = await mailroom(['sync', '--from-file', file, '--server-key', device.serverKey, '--store', storeDir]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'current', version: 3, entries: 3 });

    const tampered = path.join(dir, 'tampered.json');
    await writeFile(tampered, text.replace('Acacia Road', 'Acacia Lane'));
    const refused = await mailroom(['sync', '--from-file', tampered, '--server-key', device.serverKey, '--store', storeDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/sync refused \(bad-signature\)/);
    expect(refused.stderr).toMatch(/keeps list version 3/);
    const match = await mailroom(['match', '--store', storeDir, '--input', '-'], `${blockedLetter}\n`);
    expect(JSON.parse(match.stdout)).toMatchObject({ verdict: 'HOLD' });
  });

  it('exits non-zero with a message when refused, and the store stays empty', async () => {
    const storeDir = path.join(dir, 'store');
    const wrongKey = Buffer.alloc(32, 9).toString('base64');
    const run = await mailroom(['sync', '--server', server.url, '--token', device.token, '--server-key', wrongKey, '--store', storeDir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/unknown-key/);
    expect(run.stderr).toMatch(/still holds no list/);
    const match = await mailroom(['match', '--store', storeDir, '--input', '-'], `${otherLetter}\n`);
    expect(match.code).toBe(2);
    expect(match.stdout).toBe('');
    expect(match.stderr).toMatch(/no verified list/);
  });

  it('refuses to screen with a missing store, and with --store and --blocklist together', async () => {
    const missing = await mailroom(['match', '--store', path.join(dir, 'nope'), '--input', '-'], `${otherLetter}\n`);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/does not exist/);
    const both = await mailroom(['match', '--store', dir, '--blocklist', 'x.json', '--input', '-'], `${otherLetter}\n`);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--store and --blocklist cannot be used together/);
    const screen = await mailroom(['screen', '--store', path.join(dir, 'nope'), 'whatever.jpg']);
    expect(screen.code).toBe(2);
    expect(screen.stdout).toBe('');
  });

  it('treats missing or conflicting sync options as usage errors', async () => {
    expect((await mailroom(['sync', '--store', dir])).code).toBe(2);
    expect((await mailroom(['sync', '--store', dir, '--server-key', device.serverKey])).stderr).toMatch(/--server URL and --token/);
    const both = await mailroom(['sync', '--store', dir, '--server-key', device.serverKey, '--from-file', 'f.json', '--server', server.url]);
    expect(both.code).toBe(2);
    expect((await mailroom(['sync', '--store', dir, '--server-key', 'not-a-key', '--from-file', 'f'])).stderr).toMatch(/base64 of 32 bytes/);
    const plain = await mailroom(['sync', '--store', dir, '--server-key', device.serverKey, '--server', 'http://example.org', '--token', 't']);
    expect(plain.stderr).toMatch(/must use https/);
    expect(await readdir(dir)).toEqual([]);
  });
});
