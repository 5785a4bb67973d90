import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';

/** Starts `npm run server` as CI and operators do, and waits for its ready line. */
function startCli(dataDir: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data', dataDir], {
    env: { ...process.env, MAILROOM_LOG_LEVEL: 'warn', ...env, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const ready = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line);
      const m = /^mailroom-server ready on (http:\/\/127\.0\.0\.1:\d+) /.exec(line);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { child, ready, lines };
}

describe('npm run server', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('starts with no set-up on loopback, says when it is ready, and shows a generated admin token only once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mailroom-server-cli-'));
    dirs.push(dir);
    const first = startCli(dir);
    const url = await first.ready;
    const token = /admin token .*: (mra_\S+)$/.exec(first.lines.find((l) => l.startsWith('admin token')) ?? '')?.[1];
    expect(token).toBeDefined();
    const enrol = await fetch(`${url}/v1/admin/devices`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"site":"LEI"}' });
    expect(enrol.status).toBe(201);
    first.child.kill('SIGTERM');
    await new Promise((r) => first.child.once('exit', r));

    const second = startCli(dir);
    const url2 = await second.ready;
    expect(second.lines.some((l) => l.startsWith('admin token'))).toBe(false);
    const again = await fetch(`${url2}/v1/admin/devices`, { headers: { authorization: `Bearer ${token}` } });
    expect(again.status).toBe(200);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  });
});
