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
}

/** How often a device's last-seen time is written: polls every 10 s need not each be a write. */
const LAST_SEEN_EVERY_MS = 60_000;

export function createDeviceStore(db: Database): DeviceStore {
  const lastSeenWritten = new Map<string, number>();

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
      return { deviceId, token };
    },

    async revoke(deviceId, actor, reason) {
      await db.transaction(async (tx) => {
        const rows = await tx.query('UPDATE devices SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [deviceId, new Date()]);
        if (rows.length === 0) {
          const exists = await tx.query('SELECT 1 FROM devices WHERE id = $1', [deviceId]);
          if (exists.length === 0) throw new ServiceError('not-found', `no device ${deviceId}`);
          return; // already revoked: revoking again changes nothing
        }
        await recordAudit(tx, { actor, action: 'device.revoke', reason, detail: { deviceId } });
      });
    },

    async authenticate(token) {
      if (!token.startsWith('mrd_') || token.length > 100) return null;
      const row = (
        await db.query<{ id: string; site: string }>('SELECT id, site FROM devices WHERE token_hash = $1 AND revoked_at IS NULL', [hashToken(token)])
      )[0];
      if (!row) return null;
      const now = Date.now();
      if ((lastSeenWritten.get(row.id) ?? 0) + LAST_SEEN_EVERY_MS < now) {
        lastSeenWritten.set(row.id, now);
        void db.query('UPDATE devices SET last_seen_at = $2 WHERE id = $1', [row.id, new Date(now)]).catch(() => lastSeenWritten.delete(row.id));
      }
      return { id: row.id, site: row.site };
    },

    async list() {
      const rows = await db.query<{ id: string; site: string; enrolled_at: Date; revoked_at: Date | null; last_seen_at: Date | null }>(
        'SELECT id, site, enrolled_at, revoked_at, last_seen_at FROM devices ORDER BY enrolled_at, id',
      );
      return rows.map((r) => ({ id: r.id, site: r.site, enrolledAt: r.enrolled_at, revokedAt: r.revoked_at, lastSeenAt: r.last_seen_at }));
    },
  };
}
