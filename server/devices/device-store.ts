// Enrolled mailrooms: each gets its own bearer token (kept only as a hash) that reads the feed and
// posts events. A revoked token is refused exactly like an unknown one.
import { recordAudit } from '../audit/audit-log.ts';
import { hashToken, newId, newToken } from '../crypto/secrets.ts';
import type { Database } from '../db/database.ts';
import { ServiceError } from '../blocks/service-error.ts';

export interface Device {
  readonly id: string;
  readonly site: string;
}

export interface DeviceSummary extends Device {
  readonly enrolledAt: Date;
  readonly revokedAt: Date | null;
  readonly lastSeenAt: Date | null;
}

export interface DeviceStore {
  enrol(site: string, actor: string): Promise<{ readonly deviceId: string; readonly token: string }>;
  revoke(deviceId: string, actor: string, reason: string | null): Promise<void>;
  authenticate(token: string): Promise<Device | null>;
  list(): Promise<DeviceSummary[]>;
  /** Stops the timers and writes the last-seen times still held in memory. */
  stop(): Promise<void>;
}

/**
 * Tokens are checked in memory once seen; the database is asked for revocations every few seconds.
 * Revoking on this server takes effect at once; on other servers sharing the database within
 * REVOCATION_SWEEP_MS. Refused tokens are remembered too: a token never comes back to life.
 */
const REVOCATION_SWEEP_MS = 5_000;
const REFUSED_REMEMBERED = 10_000;

/**
 * Last-seen times are kept in memory and written every LAST_SEEN_FLUSH_MS, only for devices whose
 * stored time is over LAST_SEEN_PRECISION_MS old, LAST_SEEN_BATCH a statement: on PGlite a query
 * holds the event loop, and one statement for 2,000 devices stalled every poll for ~200 ms. A device
 * list shows when each mailroom was last seen to within a minute; `list()` writes them all first.
 */
const LAST_SEEN_FLUSH_MS = 15_000;
const LAST_SEEN_PRECISION_MS = 60_000;
const LAST_SEEN_BATCH = 100;

export async function createDeviceStore(db: Database): Promise<DeviceStore> {
  const lastSeen = new Map<string, Date>();
  const known = new Map<string, Device>();
  const refused = new Set<string>();
  const forget = (deviceId: string) => {
    for (const [hash, device] of known) if (device.id === deviceId) known.delete(hash);
  };
  // Revocations made by any server; the margin covers clocks that differ between servers.
  let sweptAt = new Date();
  const sweep = async (): Promise<void> => {
    const from = new Date(sweptAt.getTime() - 30_000);
    sweptAt = new Date();
    for (const { id } of await db.query<{ id: string }>('SELECT id FROM devices WHERE revoked_at >= $1', [from])) forget(id);
  };
  const sweeper = setInterval(() => void sweep().catch(() => undefined), REVOCATION_SWEEP_MS);
  sweeper.unref();
  // Every enrolled device polls within ten seconds of a restart: know them all before the first.
  for (const r of await db.query<{ id: string; site: string; token_hash: string }>('SELECT id, site, token_hash FROM devices WHERE revoked_at IS NULL')) {
    known.set(r.token_hash, { id: r.id, site: r.site });
  }
  /** When each device's last-seen time was last written (this process's clock). */
  const written = new Map<string, number>();
  const flush = async (all: boolean): Promise<void> => {
    if (lastSeen.size === 0) return;
    const now = Date.now();
    const due = [...lastSeen].filter(([id]) => all || now - (written.get(id) ?? 0) >= LAST_SEEN_PRECISION_MS);
    for (let i = 0; i < due.length; i += LAST_SEEN_BATCH) {
      const batch = due.slice(i, i + LAST_SEEN_BATCH);
      for (const [id] of batch) lastSeen.delete(id);
      await db.query(
        `UPDATE devices d SET last_seen_at = seen.at
         FROM (SELECT unnest($1::text[]) AS id, unnest($2::text[])::timestamptz AS at) AS seen WHERE d.id = seen.id`,
        [batch.map(([id]) => id), batch.map(([, at]) => at.toISOString())],
      );
      for (const [id] of batch) written.set(id, now);
    }
  };
  const timer = setInterval(() => void flush(false).catch(() => undefined), LAST_SEEN_FLUSH_MS);
  timer.unref();

  return {
    async enrol(site, actor) {
      const deviceId = newId('dev');
      const token = newToken('mrd');
      await db.transaction(async (tx) => {
        await tx.query('INSERT INTO devices (id, site, token_hash, enrolled_by, enrolled_at) VALUES ($1, $2, $3, $4, $5)', [
          deviceId, site, hashToken(token), actor, new Date(),
        ]);
        await recordAudit(tx, { actor, action: 'device.enrol', detail: { deviceId, site } });
      });
      known.set(hashToken(token), { id: deviceId, site });
      return { deviceId, token };
    },

    async revoke(deviceId, actor, reason) {
      forget(deviceId);
      await db.transaction(async (tx) => {
        const rows = await tx.query('UPDATE devices SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [deviceId, new Date()]);
        if (rows.length === 0) {
          const exists = await tx.query('SELECT 1 FROM devices WHERE id = $1', [deviceId]);
          if (exists.length === 0) throw new ServiceError('not-found', `no device ${deviceId}`);
          return; // already revoked: revoking again changes nothing
        }
        await recordAudit(tx, { actor, action: 'device.revoke', reason, detail: { deviceId } });
      });
      forget(deviceId); // a poll may have cached it again while the revocation committed
    },

    async authenticate(token) {
      if (!token.startsWith('mrd_') || token.length > 100) return null;
      const hash = hashToken(token);
      if (refused.has(hash)) return null;
      let device = known.get(hash);
      if (!device) {
        const row = (await db.query<{ id: string; site: string }>('SELECT id, site FROM devices WHERE token_hash = $1 AND revoked_at IS NULL', [hash]))[0];
        if (!row) {
          if (refused.size >= REFUSED_REMEMBERED) refused.clear();
          refused.add(hash);
          return null;
        }
        device = { id: row.id, site: row.site };
        known.set(hash, device);
      }
      lastSeen.set(device.id, new Date());
      return device;
    },

    async stop() {
      clearInterval(timer);
      clearInterval(sweeper);
      await flush(true);
    },

    async list() {
      await flush(true);
      const rows = await db.query<{ id: string; site: string; enrolled_at: Date; revoked_at: Date | null; last_seen_at: Date | null }>(
        'SELECT id, site, enrolled_at, revoked_at, last_seen_at FROM devices ORDER BY enrolled_at, id',
      );
      return rows.map((r) => ({ id: r.id, site: r.site, enrolledAt: r.enrolled_at, revokedAt: r.revoked_at, lastSeenAt: r.last_seen_at }));
    },
  };
}
