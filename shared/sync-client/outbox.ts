// The outbox: what the station reports upstream (held letters, decisions, audit-chain heads) waits
// in storage until the service has it. Event ids come from the event's content, so queueing the same
// event twice, or sending it again after a lost reply, is stored once.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalBytes, eventsResponseSchema, mailroomEventSchema, MAX_EVENTS_PER_POST, type MailroomEvent } from '../sync/index.ts';
import { backoffDelay, DEFAULT_SCHEDULE, type ScheduleOptions } from './scheduler.ts';
import { TransportError, type Clock, type FeedHttp, type OutboxStore } from './ports.ts';

/** An event as the app raises it; the outbox gives it its id. */
export type NewEvent = MailroomEvent extends infer E ? (E extends MailroomEvent ? Omit<E, 'id'> : never) : never;

/** The id of an event: a hash of everything else in it, so it is the same however often it is raised. */
export function eventIdOf(event: NewEvent): string {
  return `ev-${bytesToHex(sha256(canonicalBytes(event))).slice(0, 40)}`;
}

export interface FlushResult {
  readonly sent: number;
  readonly pending: number;
  /** Words for the station when something is held back; null when all went. */
  readonly error: string | null;
}

export interface Outbox {
  /** Validates and queues events; returns their ids. An invalid event throws (it would never be accepted). */
  enqueue(events: readonly NewEvent[]): Promise<readonly string[]>;
  /** Sends what is due, in batches; failures wait with backoff. */
  flush(): Promise<FlushResult>;
}

export function createOutbox(deps: {
  readonly store: OutboxStore;
  readonly http: FeedHttp;
  readonly clock: Clock;
  readonly backoff?: Partial<Pick<ScheduleOptions, 'backoffStartMs' | 'backoffMaxMs' | 'random'>>;
  readonly timeoutMs?: number;
}): Outbox {
  const backoff: ScheduleOptions = { ...DEFAULT_SCHEDULE, ...deps.backoff };
  const limits = { maxBytes: 1024 * 1024, timeoutMs: deps.timeoutMs ?? 30_000 };
  return {
    async enqueue(events) {
      const full = events.map((e) => mailroomEventSchema.parse({ ...e, id: eventIdOf(e) }));
      await deps.store.add(full);
      return full.map((e) => e.id);
    },
    async flush() {
      let sent = 0;
      for (;;) {
        const now = deps.clock.now();
        const batch = await deps.store.due(now, MAX_EVENTS_PER_POST);
        if (batch.length === 0) return { sent, pending: await deps.store.count(), error: null };
        const ids = batch.map((i) => i.event.id);
        const attempts = Math.max(...batch.map((i) => i.attempts)) + 1;
        const holdBack = async (error: string): Promise<FlushResult> => {
          await deps.store.defer(ids, now + backoffDelay(attempts, backoff), error);
          return { sent, pending: await deps.store.count(), error };
        };
        let status: number;
        let body: string;
        try {
          ({ status, body } = await deps.http.postJson('/v1/events', { events: batch.map((i) => i.event) }, limits));
        } catch (e) {
          return holdBack(e instanceof TransportError ? `events not sent: ${e.message}` : 'events not sent: the service could not be reached');
        }
        if (status === 401) return holdBack("events not sent: the service refused this station's token (401); re-enrol the station");
        if (status !== 200) return holdBack(`events not sent: the service answered ${status}`);
        let parsed;
        try {
          parsed = eventsResponseSchema.parse(JSON.parse(body));
        } catch {
          return holdBack('events not sent: the service gave an unreadable answer');
        }
        // Stored and duplicate both mean the service has it; anything it did not name stays queued.
        const confirmed = parsed.results.filter((r) => ids.includes(r.id)).map((r) => r.id);
        await deps.store.remove(confirmed);
        sent += confirmed.length;
        if (confirmed.length < ids.length) return holdBack('events not sent: the service did not confirm every event');
      }
    },
  };
}
