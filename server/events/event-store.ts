// What mailrooms report: held letters, decisions, audit-chain heads. Stored once per event id, so a
// mailroom's outbox can resend after a dropped connection without creating duplicates.
import type { EventsResponse, MailroomEvent } from '../../shared/sync/index.ts';
import type { Database } from '../db/database.ts';

export interface EventStore {
  store(deviceId: string, events: readonly MailroomEvent[]): Promise<EventsResponse>;
  count(deviceId?: string): Promise<number>;
}

export function createEventStore(db: Database): EventStore {
  return {
    async store(deviceId, events) {
      return db.transaction(async (tx) => {
        const results: EventsResponse['results'] = [];
        const receivedAt = new Date();
        for (const event of events) {
          const inserted = await tx.query(
            'INSERT INTO events (id, device_id, type, at, received_at, body) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id',
            [event.id, deviceId, event.type, new Date(event.at), receivedAt, JSON.stringify(event)],
          );
          results.push({ id: event.id, status: inserted.length > 0 ? 'stored' : 'duplicate' });
        }
        return { results };
      });
    },
    async count(deviceId) {
      const rows = await db.query<{ n: unknown }>('SELECT count(*) AS n FROM events WHERE ($1::text IS NULL OR device_id = $1)', [deviceId ?? null]);
      return Number(rows[0]!.n);
    },
  };
}
