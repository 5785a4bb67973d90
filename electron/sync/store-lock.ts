// One writer per store: two syncs on one folder at once would each be atomic, but could interleave
// pages; the second is told to wait. A lock left by a process that died is taken over.
import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

export class StoreBusyError extends Error {
  override name = 'StoreBusyError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function lockStore(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new StoreBusyError(`another sync (process ${pid}) is using the store ${dir}`);
      await rm(file, { force: true });
    }
  }
  throw new StoreBusyError(`the store ${dir} is locked`);
}
