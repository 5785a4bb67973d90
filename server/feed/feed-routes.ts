// The mailrooms' side of the service: the signed feed and the events they report. Every route needs
// an enrolled device's token; an unknown or revoked one gets 401 and nothing else.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { eventsPostSchema, MAX_CHANGES_PER_PAGE } from '../../shared/sync/index.ts';
import { describeProblem } from '../blocks/entry-input.ts';
import type { DeviceStore, Device } from '../devices/device-store.ts';
import type { EventStore } from '../events/event-store.ts';
import { bearerToken, intParam, sendError, unauthorized } from '../http/errors.ts';
import type { FeedPages } from './feed-pages.ts';

declare module 'fastify' {
  interface FastifyRequest {
    device?: Device;
  }
}

export const DEFAULT_CHANGES_PER_PAGE = 500;

export function registerFeedRoutes(app: FastifyInstance, deps: { devices: DeviceStore; feed: FeedPages; events: EventStore }): void {
  // 2,000 mailrooms polling every 10 s is 200 requests a second: not a log line each. Refusals and
  // errors are still logged, at warn and above.
  app.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const token = bearerToken(request);
      const device = token ? await deps.devices.authenticate(token) : null;
      if (!device) return unauthorized(reply);
      request.device = device;
    });

    const json = (body: string) => body;
    const query = (request: FastifyRequest) => request.query as Record<string, string | undefined>;

    scope.get('/v1/blocklist/changes', async (request, reply) => {
      const q = query(request);
      const since = intParam(q.since, 'since');
      const limit = intParam(q.limit, 'limit', { min: 1, max: MAX_CHANGES_PER_PAGE, fallback: DEFAULT_CHANGES_PER_PAGE });
      const page = await deps.feed.changes(since, limit);
      if (page === null) return sendError(reply, 409, 'since-ahead', 'since is ahead of the list: this service never had that version; take a snapshot', 'since');
      return reply.type('application/json').header('cache-control', 'no-store').send(json(page));
    });

    scope.get('/v1/blocklist/snapshot', async (request, reply) => {
      const q = query(request);
      const pageNo = intParam(q.page, 'page', { fallback: 0 });
      const version = q.version === undefined ? undefined : intParam(q.version, 'version');
      const page = await deps.feed.snapshotPage(pageNo, version);
      if (page === null) return sendError(reply, 404, 'no-such-page', 'no such snapshot page or version');
      return reply.type('application/json').header('cache-control', 'no-store').send(json(page));
    });

    scope.get('/v1/blocklist/head', async (_request, reply) =>
      reply.type('application/json').header('cache-control', 'no-store').send(json(await deps.feed.head())),
    );

    scope.post('/v1/events', async (request, reply) => {
      const parsed = eventsPostSchema.safeParse(request.body);
      if (!parsed.success) {
        const { field, message } = describeProblem(parsed.error.issues[0]!);
        return sendError(reply, 400, 'invalid', message, field);
      }
      return reply.send(await deps.events.store(request.device!.id, parsed.data.events));
    });
  }, { logLevel: 'warn' });
}
