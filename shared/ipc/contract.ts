// The one contract between main and the renderer: every channel, its request and response schema,
// and every event main sends. Preload, main and the web harness all import it; no channel name is
// typed as a string anywhere else.
import { z } from 'zod';
import { blocklistSchema } from '../blocklist/format.ts';

/** Image bytes cross IPC as a Uint8Array (structured clone) and HTTP as base64 (see codec.ts). */
export const MAX_SCAN_BYTES = 64 * 1024 * 1024;
const bytesSchema = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' });

const boxSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });
const wordSchema = z.object({ text: z.string(), confidence: z.number(), box: boxSchema });
const lineSchema = z.object({ text: z.string(), confidence: z.number(), box: boxSchema, words: z.array(wordSchema).readonly() });

export const pageReadingSchema = z.object({
  page: z.number().int(),
  text: z.string(),
  addresseeText: z.string().nullable(),
  addresseeBox: boxSchema.nullable(),
  lines: z.array(lineSchema).readonly(),
  confidence: z.number(),
  rotation: z.number(),
  width: z.number(),
  height: z.number(),
  unreadable: z.string().nullable(),
  ms: z.object({ preprocess: z.number(), ocr: z.number() }),
});

export const envelopeReadingSchema = z.object({
  pages: z.array(pageReadingSchema).readonly(),
  sha256: z.string(),
  format: z.string(),
});

export const listSourceSchema = z.enum(['demo', 'file', 'store']);

export const appInfoSchema = z.object({
  version: z.string(),
  /** This mailroom PC's id: names its audit chain and its enrolment. */
  station: z.string(),
  demoMode: z.boolean(),
  shell: z.enum(['electron', 'web-harness']),
  /**
   * Switches only the end-to-end tests may turn on, and only in the web harness (set from its
   * environment at start); the Electron shell always reports them off.
   */
  testSwitches: z.object({ plaintextRecordsControl: z.boolean() }),
});

/** Main's list for the renderer; none for an enrolled station, which screens with the service's list alone. */
export const currentListSchema = z.discriminatedUnion('source', [
  z.object({ source: listSourceSchema, list: blocklistSchema }),
  z.object({ source: z.literal('service'), list: z.null() }),
]);

const empty = z.object({}).strict();

/** The records' data key: 32 bytes for AES-GCM in the renderer, or why victim data may not be stored. */
export const dataKeySchema = z.discriminatedUnion('available', [
  z.object({ available: z.literal(true), keyId: z.string(), material: bytesSchema }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);

const hex = z.string().regex(/^[0-9a-f]+$/);
export const auditHeadSchema = z.object({ station: z.string().min(1), seq: z.number().int().nonnegative(), hash: hex, at: z.iso.datetime({ offset: true }) });
export const signedAuditHeadSchema = z.object({ head: auditHeadSchema, algorithm: z.literal('ed25519'), keyId: z.string(), signature: hex });
export const headPublicKeySchema = z.object({ algorithm: z.literal('ed25519'), keyId: z.string(), publicKey: hex });

/** What main holds of the station's enrolment with the central service: never the device token. */
export const syncEnrolmentSchema = z.discriminatedUnion('enrolled', [
  z.object({ enrolled: z.literal(false) }),
  z.object({
    enrolled: z.literal(true),
    /**
     * `network`: syncs from the service at `server` with a device token. `file`: an air-gapped
     * station, no address and no token; it takes only the service's signed snapshot files.
     */
    mode: z.enum(['network', 'file']),
    server: z.string().nullable(),
    /** The site the administrator named at an air-gapped enrolment; null for a network one (the token says). */
    site: z.string().nullable(),
    /** The service's key pinned at enrolment (public: base64 of 32 bytes) and its key id. */
    serverKey: z.string(),
    keyId: z.string(),
    enrolledAt: z.string(),
  }),
]);

/** The most a single feed request may bring back (the engine's page limit, 16 MB by default). */
export const MAX_SYNC_RESPONSE_BYTES = 64 * 1024 * 1024;
/** A path on the enrolled service: no scheme, no host, no way out of it. */
const syncPathSchema = z
  .string()
  .max(2048)
  .regex(/^\/v1\/[A-Za-z0-9/_.?=&%-]*$/, { message: 'must be a /v1/ path on the enrolled service' })
  .refine((p) => !p.includes('..') && !p.includes('//'), { message: 'must be a /v1/ path on the enrolled service' });

export const syncRequestSchema = z
  .object({
    method: z.enum(['GET', 'POST']),
    path: syncPathSchema,
    /** JSON body for a POST (events upstream). */
    body: z.unknown().optional(),
    maxBytes: z.number().int().positive().max(MAX_SYNC_RESPONSE_BYTES),
    timeoutMs: z.number().int().positive().max(300_000),
  })
  .strict();

/** A complete answer, or why none arrived (the engine's TransportFailure kinds). */
export const syncResponseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('response'), status: z.number().int(), body: z.string() }),
  z.object({ kind: z.literal('failure'), failure: z.enum(['unreachable', 'timeout', 'interrupted', 'too-large']), message: z.string() }),
]);

export const channels = {
  'app:info': { request: empty, response: appInfoSchema },
  'blocklist:current': { request: empty, response: currentListSchema },
  'scan:read': {
    request: z.object({
      name: z.string().min(1).max(255),
      bytes: bytesSchema.refine((b) => b.byteLength <= MAX_SCAN_BYTES, { message: 'file is larger than 64 MB' }),
    }),
    response: envelopeReadingSchema,
  },
  'intake:pending': { request: empty, response: z.array(z.object({ id: z.string(), name: z.string(), receivedAt: z.string() })) },
  'intake:take': {
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: z.object({ id: z.string(), name: z.string(), bytes: bytesSchema, reading: envelopeReadingSchema.nullable(), error: z.string().nullable() }),
  },
  'intake:done': { request: z.object({ id: z.string().min(1).max(100), verdict: z.enum(['CLEAR', 'HOLD', 'REVIEW']) }).strict(), response: z.boolean() },
  'keys:dataKey': { request: empty, response: dataKeySchema },
  'audit:signHead': { request: z.object({ head: auditHeadSchema }).strict(), response: signedAuditHeadSchema },
  'audit:latestHead': { request: empty, response: signedAuditHeadSchema.nullable() },
  'audit:publicKey': { request: empty, response: headPublicKeySchema },
  /**
   * An administrator enrols the station: main checks the token and key against the service, then keeps
   * the token sealed; or, air-gapped, pins the key and site alone (sealed too) for snapshot files.
   */
  'sync:enrol': {
    request: z.union([
      z
        .object({
          mode: z.literal('network').optional(),
          server: z.string().min(1).max(500),
          token: z.string().min(8).max(500),
          serverKey: z.string().min(1).max(200),
        })
        .strict(),
      /** Air-gapped: the server key (and the site) pinned without an address or token; ends demo mode like a network enrolment. */
      z
        .object({
          mode: z.literal('file'),
          serverKey: z.string().min(1).max(200),
          site: z.string().trim().min(1).max(64),
        })
        .strict(),
    ]),
    response: syncEnrolmentSchema,
  },
  'sync:enrolment': { request: empty, response: syncEnrolmentSchema },
  /** One request to the enrolled service; main adds its address and the device token. */
  'sync:request': { request: syncRequestSchema, response: syncResponseSchema },
} as const;

export const events = {
  'batch:progress': z.object({
    batchId: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    perMinute: z.number().nonnegative(),
    msLeft: z.number().nonnegative().nullable(),
  }),
  'intake:file': z.object({ id: z.string(), name: z.string(), receivedAt: z.string() }),
} as const;

export type Channel = keyof typeof channels;
export type EventName = keyof typeof events;
export type RequestOf<C extends Channel> = z.infer<(typeof channels)[C]['request']>;
export type ResponseOf<C extends Channel> = z.infer<(typeof channels)[C]['response']>;
export type EventOf<E extends EventName> = z.infer<(typeof events)[E]>;

export type PageReading = z.infer<typeof pageReadingSchema>;
export type EnvelopeReading = z.infer<typeof envelopeReadingSchema>;
export type AppInfo = z.infer<typeof appInfoSchema>;
export type CurrentList = z.infer<typeof currentListSchema>;
export type SyncEnrolment = z.infer<typeof syncEnrolmentSchema>;
export type SyncRequest = z.infer<typeof syncRequestSchema>;
export type SyncResponse = z.infer<typeof syncResponseSchema>;

export const CHANNELS = Object.keys(channels) as Channel[];
export const EVENTS = Object.keys(events) as EventName[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The IPC channel names actually registered with Electron (namespaced so nothing else collides). */
export const invokeChannel = (c: Channel): string => `mailroom:${c}`;
export const eventChannel = (e: EventName): string => `mailroom-event:${e}`;
