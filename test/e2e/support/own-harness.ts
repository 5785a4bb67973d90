// A web harness of the test's own, on its own port with its own data folder (own station id, own
// audit-head signer): for tests whose outcome depends on main's state, like audit verification,
// which must not see the heads that other tests' stations had signed on the shared harness.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface OwnHarness {
  readonly url: string;
  stop(): Promise<void>;
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/api/health`)).ok;
  } catch {
    return false;
  }
}

export async function startOwnHarness(port: number, env: Readonly<Record<string, string>> = {}): Promise<OwnHarness> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mailroom-harness-'));
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['electron/web-harness/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), MAILROOM_HARNESS_DATA: dataDir },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 90_000;
  while (!(await healthy(url))) {
    if (child.exitCode !== null) throw new Error(`the harness on port ${port} exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`the harness on port ${port} did not answer`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
