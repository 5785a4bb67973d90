// `npm run bench:sync`: the station's side of the feed at national scale, against the real service
// in its own process on loopback. Prints: a first full sync of 100,000 entries (every page verified,
// the digest checked, the list stored encrypted), then a delta of 1,000 changes applied by a store
// opened afresh (as a CLI run would), then a digest reconcile and loading the store to screen.
// Figures only: nothing here fails on a slow machine. BENCH_ENTRIES and BENCH_DELTA change the sizes.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BlockEntry } from '../../shared/blocklist/format.ts';
import { createSyncEngine, type FeedHttp, type SyncOutcome } from '../../shared/sync-client/index.ts';
import { openFolderStore } from '../../electron/sync/folder-store.ts';
import { createHttpFeed } from '../../electron/sync/http-feed.ts';
import { createNodeListDigest } from '../../electron/sync/node-digest.ts';
import { createNodePageVerifier } from '../../electron/sync/node-page-verifier.ts';
import { loadStoreList } from '../../electron/sync/store-list.ts';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
/** BENCH_VERIFIER=shared verifies with shared/sync's pure one on the engine's thread, to compare with the CLI's (node). */
const VERIFIER = process.env.BENCH_VERIFIER === 'shared' ? undefined : createNodePageVerifier();
const DELTA = Number(process.env.BENCH_DELTA ?? 1000);
const ADMIN_TOKEN = 'mra_bench-sync-admin-token-0123456789';
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = async () => (await import('node:fs/promises')).readFile('/proc/loadavg', 'utf8').then((t) => t.split(' ').slice(0, 3).join(' '), () => 'n/a');

const GIVEN = ['Amelia', 'Olivia', 'Isla', 'Ava', 'Mia', 'Ivy', 'Lily', 'Grace', 'Sophie', 'Ella', 'Jack', 'Noah', 'Oliver', 'Leo', 'Harry', 'Oscar', 'George', 'Arthur', 'Charlie', 'Freddie'];
const SURNAMES = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke'];
const STREETS = ['Acacia Road', 'Beech Grove', 'Church Lane', 'Elm Street', 'Mill Close', 'Park Avenue', 'Station Road', 'Orchard Way', 'Victoria Terrace', 'Meadow Drive'];
const TOWNS = [['Leeds', 'LS'], ['York', 'YO'], ['Cardiff', 'CF'], ['Bristol', 'BS'], ['Derby', 'DE'], ['Hull', 'HU'], ['Bath', 'BA'], ['Exeter', 'EX']] as const;

/** An invented person at an invented address, from the index alone (so runs compare). */
function entry(i: number, revision = 0): BlockEntry {
  const [town, area] = TOWNS[i % TOWNS.length]!;
  const given = GIVEN[(i * 7 + revision) % GIVEN.length]!;
  const surname = SURNAMES[(i * 13) % SURNAMES.length]!;
  return {
    id: `UPC-${String(i).padStart(7, '0')}`,
    names: [`${given} ${surname}`, ...(i % 3 === 0 ? [`${given[0]} ${surname}`] : [])],
    addresses: [{ lines: [...(i % 4 === 0 ? [`Flat ${(i % 30) + 1}`] : []), `${(i % 200) + 1} ${STREETS[i % STREETS.length]!}`], town, postcode: `${area}${(i % 20) + 1} ${(i % 9) + 1}${'ABDEFGHJLNPQRSTUWXYZ'[i % 20]}${'ABDEFGHJLNPQRSTUWXYZ'[(i * 3) % 20]}` }],
    phones: [`07700 9${String(i % 100000).padStart(5, '0')}`],
    emails: i % 5 === 0 ? [`person${i}@example.org`] : [],
    scope: i % 10 === 0 ? { kind: 'prisoners', prisonNumbers: ['A1234BC'] } : { kind: 'all-prisoners' },
    requestedBy: 'victim',
  };
}

/** CPU seconds a process has used (user + system), from /proc; NaN where there is no /proc. */
async function cpuSeconds(pid: number | undefined): Promise<number> {
  try {
    const fields = (await (await import('node:fs/promises')).readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}
const ownCpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Wall time, the station's CPU and the service's CPU over `run`: on a shared machine the CPU figures are the fair ones. */
async function measure<T>(serverPid: number | undefined, run: () => Promise<T>): Promise<{ value: T; wallMs: number; stationCpu: number; serviceCpu: number }> {
  const [c0, s0, t0] = [ownCpu(), await cpuSeconds(serverPid), performance.now()];
  const value = await run();
  const wallMs = performance.now() - t0;
  return { value, wallMs, stationCpu: ownCpu() - c0, serviceCpu: (await cpuSeconds(serverPid)) - s0 };
}
const cpuNote = (m: { stationCpu: number; serviceCpu: number }) => `station CPU ${m.stationCpu.toFixed(2)} s, service CPU ${m.serviceCpu.toFixed(2)} s`;

async function startServer(dataDir: string): Promise<{ url: string; pid: number | undefined; stop: () => Promise<void> }> {
  const env: NodeJS.ProcessEnv = { ...process.env, MAILROOM_ADMIN_TOKEN: ADMIN_TOKEN, MAILROOM_LOG_LEVEL: 'warn', DATABASE_URL: '' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', '--data', dataDir], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^mailroom-server ready on (\S+) /.exec(line);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, pid: child.pid, stop: () => new Promise((resolve) => { child.once('exit', () => resolve()); child.kill('SIGTERM'); }) };
}

/** Counts the time spent waiting on the service, so the station's own share can be told apart. */
function timed(http: FeedHttp): FeedHttp & { waitedMs: number; bytes: number } {
  const t = {
    waitedMs: 0,
    bytes: 0,
    async get(path: string, limits: Parameters<FeedHttp['get']>[1]) {
      const s = performance.now();
      try {
        const res = await http.get(path, limits);
        t.bytes += res.body.length;
        return res;
      } finally {
        t.waitedMs += performance.now() - s;
      }
    },
    postJson: http.postJson,
  };
  return t;
}

function check(outcome: SyncOutcome, what: string): void {
  if (!outcome.ok) throw new Error(`${what} failed: ${outcome.error.code}: ${outcome.error.message}`);
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'mailroom-bench-sync-'));
  const server = await startServer(join(work, 'server'));
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-mailroom-reason': 'bench', ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const env = { MAILROOM_STORE_KEY: Buffer.alloc(32, 1).toString('base64') } as NodeJS.ProcessEnv;
  const storeDir = join(work, 'store');
  try {
    console.log(`verifier: ${VERIFIER ? 'node:crypto Ed25519 (as the CLI)' : 'shared/sync pure'}; machine: ${(await import('node:os')).cpus().length} CPUs, load average ${await load()} (other work shares them: CPU seconds are the fair figures)`);
    const t0 = performance.now();
    const imported = await admin('POST', '/v1/admin/import', { format: 'mailroom-blocklist/v1', version: 0, entries: Array.from({ length: ENTRIES }, (_, i) => entry(i)) });
    if (imported.status !== 201) throw new Error(`import failed: ${imported.status}`);
    console.log(`setup: ${ENTRIES} entries imported into the service in ${secs(performance.now() - t0)}`);
    const device = (await (await admin('POST', '/v1/admin/devices', { site: 'BENCH' })).json()) as { token: string; serverKey: string };

    // 1. First full sync: snapshot pages fetched, each verified, staged encrypted, digest checked, swapped in.
    const firstHttp = timed(createHttpFeed({ server: server.url, token: device.token }));
    const store = (await openFolderStore(storeDir, { create: true, env }))!;
    const engine = createSyncEngine({ store, http: firstHttp, clock: { now: () => Date.now() }, config: { serverKey: device.serverKey }, createDigest: createNodeListDigest, ...(VERIFIER ? { verifier: VERIFIER } : {}) });
    const first = await measure(server.pid, () => engine.sync({ reconcile: 'never' }));
    check(first.value, 'first sync');
    let listBytes = 0;
    for (const f of await readdir(storeDir, { recursive: true, withFileTypes: true })) if (f.isFile()) listBytes += (await stat(join(f.parentPath, f.name))).size;
    console.log(`first full sync of ${await store.countEntries()} entries: ${secs(first.wallMs)} (limit 10 s)`);
    console.log(`  ${cpuNote(first)} (cold: the service builds the snapshot); ${(firstHttp.bytes / 1e6).toFixed(1)} MB of signed pages; store ${(listBytes / 1e6).toFixed(1)} MB encrypted`);

    // The same again into a second store, with the service's snapshot already built (a second station).
    const warmHttp = timed(createHttpFeed({ server: server.url, token: device.token }));
    const warmStore = (await openFolderStore(join(work, 'store-2'), { create: true, env }))!;
    const warm = await measure(server.pid, () => createSyncEngine({ store: warmStore, http: warmHttp, clock: { now: () => Date.now() }, config: { serverKey: device.serverKey }, createDigest: createNodeListDigest, ...(VERIFIER ? { verifier: VERIFIER } : {}) }).sync({ reconcile: 'never' }));
    check(warm.value, 'second station');
    console.log(`first full sync, service snapshot already built (a second station): ${secs(warm.wallMs)}; ${cpuNote(warm)}`);

    // 2. A delta of DELTA changes: 80 % new entries, 15 % edits, 5 % removals.
    const adds = Math.round(DELTA * 0.8);
    const edits = Math.round(DELTA * 0.15);
    const removals = DELTA - adds - edits;
    const added = await admin('POST', '/v1/admin/import', { format: 'mailroom-blocklist/v1', version: 0, entries: Array.from({ length: adds }, (_, i) => entry(ENTRIES + i)) });
    if (added.status !== 201) throw new Error(`delta import failed: ${added.status}`);
    for (let i = 0; i < edits; i++) {
      const res = await admin('PUT', `/v1/admin/entries/${entry(i * 37).id}?override=true`, entry(i * 37, 1));
      if (res.status !== 200) throw new Error(`edit failed: ${res.status}`);
    }
    for (let i = 0; i < removals; i++) {
      const res = await admin('DELETE', `/v1/admin/entries/${entry(i * 53 + 1).id}?override=true`);
      if (res.status !== 200) throw new Error(`removal failed: ${res.status}`);
    }
    const deltaHttp = timed(createHttpFeed({ server: server.url, token: device.token }));
    const deltaRun = await measure(server.pid, async () => {
      const reopened = (await openFolderStore(storeDir, { create: true, env }))!;
      const outcome = await createSyncEngine({ store: reopened, http: deltaHttp, clock: { now: () => Date.now() }, config: { serverKey: device.serverKey }, createDigest: createNodeListDigest, ...(VERIFIER ? { verifier: VERIFIER } : {}) }).sync({ reconcile: 'never' });
      return { reopened, outcome };
    });
    const { reopened, outcome: delta } = deltaRun.value;
    check(delta, 'delta sync');
    if (delta.ok) {
      console.log(`delta of ${DELTA} changes (${adds} added, ${edits} changed, ${removals} removed) in ${delta.pagesApplied} page(s), store opened afresh: ${secs(deltaRun.wallMs)} (limit 1 s)`);
    }
    console.log(`  ${cpuNote(deltaRun)}`);

    // 3. Reconcile: the station digests its list and compares with the service's signed head.
    let t = performance.now();
    const reconciled = await createSyncEngine({ store: reopened, http: createHttpFeed({ server: server.url, token: device.token }), clock: { now: () => Date.now() }, config: { serverKey: device.serverKey }, createDigest: createNodeListDigest, ...(VERIFIER ? { verifier: VERIFIER } : {}) }).sync({ reconcile: 'now' });
    check(reconciled, 'reconcile');
    console.log(`digest reconcile of ${await reopened.countEntries()} entries: ${secs(performance.now() - t)} (${reconciled.ok && !reconciled.snapshot ? 'digests agree' : 'fell back to a snapshot'})`);

    // 4. What `mailroom match --store` pays before the first letter: decrypt and load the list.
    t = performance.now();
    const loaded = await loadStoreList(storeDir, { env });
    console.log(`loading the store to screen (${loaded.list.entries.length} entries, version ${loaded.list.version}): ${secs(performance.now() - t)}`);
    console.log(`load average at the end: ${await load()}`);
  } finally {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
