import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotFileSchema, verifySignedPage } from '../shared/sync/index.ts';
import { pgliteTemplate } from './test-support/test-service.ts';

const ENV = { MAILROOM_LOG_LEVEL: 'warn', DATABASE_URL: '', MAILROOM_ADMIN_TOKEN: '', MAILROOM_DATA_KEY: '' };

/** Runs `npm run server -- ARGS` as CI and operators do (without npm's own start-up). */
function runCli(args: readonly string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], { env: { ...process.env, ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const m = /^mailroom-server ready on (http:\/\/127\.0\.0\.1:\d+) /.exec(line);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
  ready.catch(() => undefined);
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
  };
  return { ready, lines, exited, stop, stderr: () => stderr };
}

/** A data folder as the server lays it out, its database copied from an initialised template. */
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mailroom-server-cli-'));
  await cp(await pgliteTemplate(), join(dir, 'db'), { recursive: true });
  return dir;
}

describe('npm run server', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('starts with no set-up on loopback, says when it is ready, and shows a generated admin token only once', { timeout: 180_000 }, async () => {
    const dir = await dataDir();
    dirs.push(dir);
    const first = runCli(['--port', '0', '--data', dir]);
    const url = await first.ready;
    const token = /admin token .*: (mra_\S+)$/.exec(first.lines.find((l) => l.startsWith('admin token')) ?? '')?.[1];
    expect(token).toBeDefined();
    const enrol = await fetch(`${url}/v1/admin/devices`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"site":"LEI"}' });
    expect(enrol.status).toBe(201);
    await first.stop();

    const second = runCli(['--port', '0', '--data', dir]);
    const url2 = await second.ready;
    expect(second.lines.some((l) => l.startsWith('admin token'))).toBe(false);
    expect((await fetch(`${url2}/v1/admin/devices`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await second.stop();
  });

  it('keeps a second process off a data folder in use, and exports a signed snapshot file once it is free', { timeout: 180_000 }, async () => {
    const dir = await dataDir();
    dirs.push(dir);
    const server = runCli(['--port', '0', '--data', dir]);
    const url = await server.ready;
    const token = /admin token .*: (mra_\S+)$/.exec(server.lines.find((l) => l.startsWith('admin token')) ?? '')![1]!;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const { serverKey } = (await (await fetch(`${url}/v1/admin/devices`, { method: 'POST', headers, body: '{"site":"LEI"}' })).json()) as { serverKey: string };
    const entry = { id: 'CLI-1', names: ['Jane Testperson'], scope: { kind: 'all-prisoners' } };
    expect((await fetch(`${url}/v1/admin/entries`, { method: 'POST', headers, body: JSON.stringify(entry) })).status).toBe(201);

    const out = join(dir, 'snapshot.json');
    const busy = runCli(['export-snapshot', '--data', dir, '--out', out]);
    expect(await busy.exited).toBe(2);
    expect(busy.stderr()).toMatch(/in use by process/);
    await server.stop();

    const exported = runCli(['export-snapshot', '--data', dir, '--out', out, '--valid-days', '10']);
    expect(await exported.exited).toBe(0);
    const file = snapshotFileSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    const verified = verifySignedPage(file.pages[0], serverKey, { now: new Date(Date.now() + 9 * 86_400_000) });
    expect(verified.ok && verified.page.kind === 'snapshot' && verified.page.entries.map((e) => e.id)).toEqual(['CLI-1']);
  });
});
