// `npm run bench:server`: the central service under a mailroom-shaped load, on loopback, bounded in
// time. Starts the real server (PGlite in a temp folder, or BENCH_DATABASE_URL), loads 100,000
// synthetic entries, takes a first snapshot, then has 2,000 enrolled devices poll every 10 s while
// case handlers keep adding blocks. Prints figures; it does not pass or fail on a slow machine.
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { digestEntries, verifySignedPage, type ChangesPage, type FeedEntry, type SnapshotPage } from '../../shared/sync/index.ts';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const DEVICES = Number(process.env.BENCH_DEVICES ?? 2_000);
const POLL_SECONDS = 10;
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 40);
const WRITES_PER_SECOND = Number(process.env.BENCH_WRITES_PER_SECOND ?? 1);
const IMPORT_CHUNK = 10_000;
const ADMIN_TOKEN = `mra_bench-${randomBytes(12).toString('hex')}`;

const FIRST = ['Jane', 'Mary', 'Aisha', 'Olivia', 'Sophie', 'Grace', 'Chloe', 'Emma', 'Priya', 'Zara', 'Ruth', 'Eilidh'];
const LAST = ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Patel', 'Khan', 'Evans', 'Walker'];
const STREETS = ['Acacia Road', 'Orchard Lane', 'Church Street', 'Mill Lane', 'Station Road', 'Victoria Street', 'Park Avenue'];
const TOWNS = ['Leeds', 'York', 'Bristol', 'Leicester', 'Manchester', 'Cardiff', 'Norwich'];

function syntheticEntry(i: number): FeedEntry {
  const pick = <T>(list: readonly T[], salt: number): T => list[(i * 7919 + salt * 104729) % list.length]!;
  return {
    id: `BENCH-${String(i).padStart(7, '0')}`,
    names: [`${pick(FIRST, 1)} ${pick(LAST, 2)}`, `${pick(FIRST, 3)} ${pick(LAST, 4)}-${i}`],
    addresses: [{ lines: [`Flat ${(i % 40) + 1}`, `${(i % 180) + 1} ${pick(STREETS, 5)}`], town: pick(TOWNS, 6), postcode: `LS${(i % 28) + 1} ${(i % 9) + 1}AB` }],
    phones: [`07700 9${String(i % 100000).padStart(5, '0')}`],
    emails: [],
    scope: i % 10 === 0 ? { kind: 'prisoners', prisonNumbers: [`A${String(1000 + (i % 9000))}BC`] } : { kind: 'all-prisoners' },
    requestedBy: 'victim',
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: null,
  };
}

// node:http with keep-alive, not fetch: the load generator must cost far less than what it measures.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function get(url: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number): string => `${n.toFixed(1)} ms`;
const secs = (t0: number): string => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

/** CPU seconds a process has used (user + system), from /proc; NaN where there is no /proc. */
async function cpuSeconds(pid: number | undefined): Promise<number> {
  try {
    const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** The server's own "event loop stalled" warnings, counted rather than printed. */
const serverStalls = { count: 0, totalMs: 0, maxMs: 0 };

async function startServer(dataDir: string): Promise<{ url: string; pid: number | undefined; stop: () => Promise<void> }> {
  const env: NodeJS.ProcessEnv = { ...process.env, MAILROOM_ADMIN_TOKEN: ADMIN_TOKEN, MAILROOM_LOG_LEVEL: process.env.BENCH_SERVER_LOG ?? 'warn', DATABASE_URL: process.env.BENCH_DATABASE_URL ?? '' };
  const child = spawn(process.execPath, [...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'server/main.ts', '--port', '0', '--data', dataDir], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  createInterface({ input: child.stderr! }).on('line', (line) => {
    const stalled = /"stalledMs":(\d+)/.exec(line);
    if (stalled) {
      serverStalls.count++;
      serverStalls.totalMs += Number(stalled[1]);
      serverStalls.maxMs = Math.max(serverStalls.maxMs, Number(stalled[1]));
    } else {
      process.stderr.write(`server: ${line}\n`);
    }
  });
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^mailroom-server ready on (\S+) /.exec(line);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url,
    pid: child.pid,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'mailroom-bench-server-'));
  const t0 = performance.now();
  const server = await startServer(dataDir);
  console.log(`server ready in ${secs(t0)} (${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${server.url})`);
  const admin = (method: string, path: string, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  try {
    // 1. The national list: 100,000 entries through the admin import.
    let t = performance.now();
    for (let start = 0; start < ENTRIES; start += IMPORT_CHUNK) {
      const entries = Array.from({ length: Math.min(IMPORT_CHUNK, ENTRIES - start) }, (_, k) => syntheticEntry(start + k));
      const res = await admin('POST', '/v1/admin/import', { format: 'mailroom-blocklist/v1', version: 0, entries });
      if (res.status !== 201) throw new Error(`import failed: ${res.status} ${await res.text()}`);
    }
    console.log(`imported ${ENTRIES} entries in ${secs(t)}`);

    // 2. The mailrooms.
    t = performance.now();
    const devices: { token: string; serverKey: string; version: number }[] = [];
    for (let i = 0; i < DEVICES; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(50, DEVICES - i) }, async () => (await (await admin('POST', '/v1/admin/devices', { site: 'LEI' })).json()) as { token: string; serverKey: string }),
      );
      devices.push(...batch.map((d) => ({ ...d, version: 0 })));
    }
    console.log(`enrolled ${DEVICES} devices in ${secs(t)}`);

    // 3. A first snapshot of the whole list, cold (the server builds it) and warm (from its cache).
    const snapshot = async (device: (typeof devices)[number]) => {
      const start = performance.now();
      // Served = every page's bytes received; parsing and verifying are the client's, timed apart.
      const texts: string[] = [];
      const firstText = (await get(`${server.url}/v1/blocklist/snapshot?page=0`, device.token)).body;
      texts.push(firstText);
      // The first page says how many follow and at which version: a client must read it to go on.
      const { version, pageCount } = (JSON.parse(firstText) as { payload: SnapshotPage }).payload;
      for (let k = 1; k < pageCount; k++) {
        texts.push((await get(`${server.url}/v1/blocklist/snapshot?page=${k}&version=${version}`, device.token)).body);
      }
      const served = performance.now() - start;
      const verifyStart = performance.now();
      const entries: FeedEntry[] = [];
      let digest = '';
      for (const text of texts) {
        const v = verifySignedPage(JSON.parse(text), device.serverKey, { now: new Date() });
        if (!v.ok || v.page.kind !== 'snapshot') throw new Error(`snapshot page refused: ${v.ok ? v.page.kind : v.error.message}`);
        entries.push(...v.page.entries);
        digest = v.page.digest;
      }
      const digestOk = digestEntries(entries) === digest;
      return { served, verified: performance.now() - verifyStart, pages: pageCount, entries: entries.length, version, digestOk };
    };
    const cold = await snapshot(devices[0]!);
    console.log(`first snapshot (cold): ${cold.entries} entries in ${cold.pages} pages served in ${ms(cold.served)}; verified + digest in ${ms(cold.verified)} (digest ${cold.digestOk ? 'matches' : 'MISMATCH'})`);
    const warm = await snapshot(devices[1]!);
    console.log(`first snapshot (another device, cached build): served in ${ms(warm.served)}`);
    for (const d of devices) d.version = cold.version;

    // 4. Polling: every device every 10 s, phases spread evenly, while case handlers add a block a second.
    const latencies: number[] = [];
    let errors = 0;
    let firstError: unknown = null;
    const sampled: { body: unknown; serverKey: string }[] = [];
    let changesSeen = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const poll = async (device: (typeof devices)[number], verify: boolean) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const start = performance.now();
      try {
        const res = await get(`${server.url}/v1/blocklist/changes?since=${device.version}&limit=500`, device.token);
        latencies.push(performance.now() - start);
        const body = JSON.parse(res.body) as { payload: ChangesPage };
        if (res.status !== 200) {
          errors++;
          return;
        }
        // Verified after the load phase: the generator must not stall its own measurements.
        if (verify) sampled.push({ body, serverKey: device.serverKey });
        changesSeen += body.payload.changes.length;
        device.version = body.payload.through;
      } catch (e) {
        errors++;
        firstError ??= e;
      } finally {
        inFlight--;
      }
    };
    let writes = 0;
    const writer = setInterval(() => {
      if (WRITES_PER_SECOND > 0) void admin('POST', '/v1/admin/entries', syntheticEntry(ENTRIES + writes++)).catch(() => errors++);
    }, 1000 / Math.max(WRITES_PER_SECOND, 0.001));
    const serverCpuStart = await cpuSeconds(server.pid);
    Object.assign(serverStalls, { count: 0, totalMs: 0, maxMs: 0 });
    // How late the load generator's own timers run: on a crowded machine, both processes wait for a
    // core, and that wait is in every latency measured here.
    const ownDelay = monitorEventLoopDelay({ resolution: 10 });
    ownDelay.enable();
    const benchCpuStart = process.cpuUsage();
    const loadStart = performance.now();
    const due = devices.map((_, i) => loadStart + (i * POLL_SECONDS * 1000) / devices.length);
    let polls = 0;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const now = performance.now();
        if (now - loadStart >= LOAD_SECONDS * 1000) {
          clearInterval(tick);
          resolve();
          return;
        }
        for (let i = 0; i < devices.length; i++) {
          if (due[i]! <= now) {
            due[i]! += POLL_SECONDS * 1000;
            void poll(devices[i]!, polls++ % 20 === 0);
          }
        }
      }, 5);
    });
    clearInterval(writer);
    while (inFlight > 0) await new Promise((r) => setTimeout(r, 10));
    ownDelay.disable();
    const elapsed = (performance.now() - loadStart) / 1000;
    const serverCpu = (await cpuSeconds(server.pid)) - serverCpuStart;
    const verifiedSamples = sampled.filter(({ body, serverKey }) => verifySignedPage(body, serverKey).ok).length;
    errors += sampled.length - verifiedSamples;
    const benchCpu = process.cpuUsage(benchCpuStart);
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `polling: ${DEVICES} devices every ${POLL_SECONDS} s for ${elapsed.toFixed(1)} s: ${sorted.length} requests (${(sorted.length / elapsed).toFixed(1)} req/s), ` +
        `${errors} errors, ${writes} blocks added meanwhile, ${changesSeen} changes delivered, ${verifiedSamples} of ${sampled.length} sampled pages verified, max ${maxInFlight} in flight`,
    );
    console.log(
      `cpu during polling: server ${serverCpu.toFixed(1)} s (${((serverCpu * 1000) / Math.max(1, latencies.length)).toFixed(2)} ms per request, ${((serverCpu / elapsed) * 100).toFixed(0)}% of a core), ` +
        `load generator ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} s; machine load average ${(await readFile('/proc/loadavg', 'utf8').catch(() => '?')).split(' ')[0]} on its cores`,
    );
    console.log(
      `scheduling: server event loop stalled > 250 ms ${serverStalls.count} times (longest ${serverStalls.maxMs} ms); ` +
        `load generator's own timer delay p99 ${ms(ownDelay.percentile(99) / 1e6)}, max ${ms(ownDelay.max / 1e6)}`,
    );
    if (firstError) console.log(`first error: ${String(firstError)}`);
    console.log(`poll latency: p50 ${ms(percentile(sorted, 50))}, p95 ${ms(percentile(sorted, 95))}, p99 ${ms(percentile(sorted, 99))}, max ${ms(sorted[sorted.length - 1] ?? NaN)}`);
    console.log(`targets: p99 <= 50 ms: ${percentile(sorted, 99) <= 50 ? 'met' : 'NOT met'}; first snapshot <= 5 s: ${cold.served <= 5000 ? 'met' : 'NOT met'}`);
  } finally {
    agent.destroy();
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
