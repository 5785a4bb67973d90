// The admin API for automation, behind the admin bearer token: entries (the same two-person rule as
// the page, unless an audited override), bulk import, devices, case handlers, keys, and the signed
// snapshot file for air-gapped mailrooms.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseBlocklist } from '../../shared/blocklist/format.ts';
import { bytesToBase64, SNAPSHOT_FILE_FORMAT } from '../../shared/sync/index.ts';
import type { CaseHandlers } from '../accounts/case-handlers.ts';
import { readAudit } from '../audit/audit-log.ts';
import type { BlockStore, WriteResult } from '../blocks/block-store.ts';
import { describeProblem, parseBlockInput } from '../blocks/entry-input.ts';
import { ServiceError } from '../blocks/service-error.ts';
import type { SigningKeys } from '../crypto/signing-keys.ts';
import type { Database } from '../db/database.ts';
import type { DeviceStore } from '../devices/device-store.ts';
import type { FeedPages } from '../feed/feed-pages.ts';
import { bearerToken, intParam, unauthorized } from '../http/errors.ts';
import type { AdminAuth } from './admin-auth.ts';

export interface AdminDeps {
  readonly db: Database;
  readonly auth: AdminAuth;
  readonly blocks: BlockStore;
  readonly devices: DeviceStore;
  readonly handlers: CaseHandlers;
  readonly keys: SigningKeys;
  readonly feed: FeedPages;
}

const ADMIN = { kind: 'admin' } as const;
const IMPORT_BODY_LIMIT = 256 * 1024 * 1024;

const siteSchema = z.strictObject({ site: z.string().regex(/^[A-Za-z0-9-]{2,32}$/, 'must be 2–32 letters, digits or -') });
const handlerSchema = z.strictObject({ username: z.string(), displayName: z.string(), password: z.string() });

function parseOrThrow<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body);
  if (!r.success) {
    const { field, message } = describeProblem(r.error.issues[0]!);
    throw new ServiceError('invalid', message, field);
  }
  return r.data;
}

/** Why, for the audit: the `X-Mailroom-Reason` header (headers are not logged; bodies may be). */
function reasonOf(request: FastifyRequest, fallback: string | null = null): string | null {
  const header = request.headers['x-mailroom-reason'];
  const text = typeof header === 'string' ? header.trim() : '';
  if (text.length > 1000) throw new ServiceError('invalid', 'header X-Mailroom-Reason is longer than 1000 characters', 'reason');
  return text || fallback;
}

function ifMatch(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const m = typeof header === 'string' ? /^(?:W\/)?"?(\d{1,15})"?$/.exec(header.trim()) : null;
  if (!m) throw new ServiceError('invalid', 'header If-Match must be an entry version, like "12"', 'If-Match');
  return Number(m[1]);
}

function overrideOf(request: FastifyRequest): boolean {
  const q = (request.query as Record<string, string | undefined>).override;
  return q === 'true' || q === '1';
}

function sendWrite(reply: FastifyReply, id: string, result: WriteResult | { status: 'stale' }, created = false): FastifyReply {
  switch (result.status) {
    case 'applied':
      return reply.code(created ? 201 : 200).header('etag', `"${result.version}"`).send({ id, ...result });
    case 'unchanged':
      return reply.code(200).header('etag', `"${result.version}"`).send({ id, ...result });
    case 'pending-approval':
      return reply.code(202).send({ id, ...result });
    case 'stale':
      return reply.code(409).send({ error: { code: 'stale', message: 'the entry changed since this was proposed' } });
    default: {
      const never: never = result;
      return never;
    }
  }
}

export function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const token = bearerToken(request);
      if (!token || !deps.auth.check(token)) return unauthorized(reply);
    });

    scope.post('/v1/admin/entries', async (request, reply) => {
      const input = parseBlockInput(request.body);
      const result = await deps.blocks.add(input.record, ADMIN, reasonOf(request, input.reason));
      return sendWrite(reply, input.record.entry.id, result, true);
    });

    scope.get<{ Params: { id: string } }>('/v1/admin/entries/:id', async (request, reply) => {
      const block = await deps.blocks.get(request.params.id);
      if (!block) throw new ServiceError('not-found', `no entry with id ${request.params.id}`);
      return reply.header('etag', `"${block.version}"`).send({
        entry: block.entry, consentGiven: block.consentGiven, version: block.version,
        enteredBy: block.enteredBy, enteredAt: block.enteredAt, updatedBy: block.updatedBy, updatedAt: block.updatedAt,
      });
    });

    scope.put<{ Params: { id: string } }>('/v1/admin/entries/:id', async (request, reply) => {
      const body = request.body;
      const withId = body && typeof body === 'object' && !Array.isArray(body) && !('id' in body) ? { ...body, id: request.params.id } : body;
      const input = parseBlockInput(withId);
      if (input.record.entry.id !== request.params.id) throw new ServiceError('invalid', 'field id must match the entry id in the path', 'id');
      const result = await deps.blocks.update(request.params.id, input.record, ADMIN, reasonOf(request, input.reason), {
        ifVersion: ifMatch(request), override: overrideOf(request),
      });
      return sendWrite(reply, request.params.id, result);
    });

    scope.delete<{ Params: { id: string } }>('/v1/admin/entries/:id', async (request, reply) => {
      const result = await deps.blocks.remove(request.params.id, ADMIN, reasonOf(request), { ifVersion: ifMatch(request), override: overrideOf(request) });
      return sendWrite(reply, request.params.id, result);
    });

    scope.post('/v1/admin/import', { bodyLimit: IMPORT_BODY_LIMIT }, async (request, reply) => {
      const parsed = parseBlocklist(request.body);
      if (!parsed.ok) throw new ServiceError('invalid', parsed.problems[0]!, 'entries');
      const records = parsed.list.entries.map((entry) => ({ entry, consentGiven: null }));
      if (records.length === 0) throw new ServiceError('invalid', 'field entries needs at least 1 item(s)', 'entries');
      const result = await deps.blocks.importMany(records, ADMIN, reasonOf(request, 'import'));
      return reply.code(201).send({ count: records.length, ...result });
    });

    scope.get('/v1/admin/proposals', async () => ({
      proposals: (await deps.blocks.proposals('pending')).map((p) => ({
        id: p.id, entryId: p.entryId, kind: p.kind, baseVersion: p.baseVersion, proposedBy: p.proposedBy, proposedAt: p.proposedAt,
      })),
    }));

    scope.post('/v1/admin/devices', async (request, reply) => {
      const { site } = parseOrThrow(siteSchema, request.body);
      const { deviceId, token } = await deps.devices.enrol(site, 'admin');
      return reply.code(201).send({ deviceId, token, serverKey: bytesToBase64(deps.keys.current().publicKey) });
    });

    scope.get('/v1/admin/devices', async () => ({ devices: await deps.devices.list() }));

    const revoke = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
      await deps.devices.revoke(request.params.id, 'admin', reasonOf(request));
      return reply.code(204).send();
    };
    scope.delete<{ Params: { id: string } }>('/v1/admin/devices/:id', revoke);
    scope.post<{ Params: { id: string } }>('/v1/admin/devices/:id/revoke', revoke);

    scope.post('/v1/admin/handlers', async (request, reply) => {
      const input = parseOrThrow(handlerSchema, request.body);
      const handler = await deps.handlers.create(input, 'admin');
      return reply.code(201).send({ id: handler.id, username: handler.username, displayName: handler.displayName });
    });

    scope.post('/v1/admin/keys/rotate', async () => {
      const { keyId, publicKey } = await deps.keys.rotate('admin');
      return { keyId, serverKey: bytesToBase64(publicKey) };
    });

    scope.get('/v1/admin/snapshot-file', async (request, reply) => {
      const validDays = intParam((request.query as Record<string, string | undefined>).validDays, 'validDays', { min: 1, max: 90, fallback: 7 });
      return reply
        .type('application/json')
        .header('content-disposition', 'attachment; filename="mailroom-snapshot.json"')
        .send(await snapshotFileText(deps.feed, validDays));
    });

    scope.get('/v1/admin/audit', async (request) => {
      const q = request.query as Record<string, string | undefined>;
      return { audit: await readAudit(deps.db, { entryId: q.entryId, limit: intParam(q.limit, 'limit', { min: 1, max: 1000, fallback: 100 }) }) };
    });
  });
}

/** The air-gapped mailrooms' file: every snapshot page, signed, valid for `validDays`. */
export async function snapshotFileText(feed: FeedPages, validDays: number): Promise<string> {
  const pages = await feed.snapshotPages(validDays * 24 * 60 * 60 * 1000);
  return `{"exportedAt":"${new Date().toISOString()}","format":"${SNAPSHOT_FILE_FORMAT}","pages":[${pages.join(',')}]}`;
}
