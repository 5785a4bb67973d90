// The case handlers' web page: sign in with their own account, add and edit blocks (additions take
// effect at once), propose removals, and approve or reject what another case handler proposed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CaseHandlers, Session } from '../accounts/case-handlers.ts';
import type { BlockStore, WriteResult } from '../blocks/block-store.ts';
import { parseBlockInput } from '../blocks/entry-input.ts';
import { narrowedFields } from '../blocks/narrowing.ts';
import { ServiceError } from '../blocks/service-error.ts';
import { sameSecret } from '../crypto/secrets.ts';
import { formToBody, newBlockId, recordToFields, type FormFields } from './block-form.ts';
import { PAGE_CSS } from './page-style.ts';
import { approvalsPage, blockPage, listPage, loginPage } from './views.ts';

const COOKIE = 'mailroom_session';
const LIST_PAGE_SIZE = 50;
const enc = encodeURIComponent;

// No script, no inline style, no framing, forms only to ourselves.
const CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

function cookieValue(request: FastifyRequest, name: string): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function sendPage(reply: FastifyReply, page: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(page);
}

const seeOther = (reply: FastifyReply, location: string): FastifyReply => reply.code(303).header('location', location).send();

function describeWrite(id: string, result: WriteResult | { status: 'stale' }): string {
  switch (result.status) {
    case 'applied':
      return `Block ${id} saved; the list is now at version ${result.version}.`;
    case 'unchanged':
      return `Nothing changed in block ${id}.`;
    case 'pending-approval':
      return `Saved what adds protection to ${id}; removing ${result.narrowed.join(', ')} waits for a second case handler's approval.`;
    case 'stale':
      return `Block ${id} changed after this was proposed, so it was not applied; propose it again if still needed.`;
    default: {
      const never: never = result;
      return never;
    }
  }
}

export function registerWebRoutes(app: FastifyInstance, deps: { blocks: BlockStore; handlers: CaseHandlers; secureCookies: boolean }): void {
  const { blocks, handlers } = deps;
  const cookie = (token: string, maxAge: number) =>
    `${COOKIE}=${enc(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${deps.secureCookies ? '; Secure' : ''}`;

  const sessionOf = async (request: FastifyRequest): Promise<Session | null> => {
    const token = cookieValue(request, COOKIE);
    return token ? handlers.session(token) : null;
  };

  /** The signed-in case handler, checking the form's CSRF token on posts; null after replying. */
  const requireSession = async (request: FastifyRequest, reply: FastifyReply): Promise<Session | null> => {
    const session = await sessionOf(request);
    if (!session) {
      await seeOther(reply, '/login');
      return null;
    }
    if (request.method === 'POST') {
      const form = (request.body ?? {}) as FormFields;
      if (!form._csrf || !sameSecret(form._csrf, session.csrfToken)) {
        await sendPage(reply, loginPage('Your session form expired; please try again.'), 403);
        return null;
      }
    }
    return session;
  };

  const handlerActor = (s: Session) => ({ kind: 'handler', username: s.handler.username }) as const;
  const flashOf = (request: FastifyRequest) => {
    const q = request.query as Record<string, string | undefined>;
    return q.msg ? q.msg.slice(0, 300) : null;
  };

  app.get('/static/page.css', async (_request, reply) => reply.type('text/css').header('cache-control', 'max-age=3600').send(PAGE_CSS));

  app.get('/', async (request, reply) => seeOther(reply, (await sessionOf(request)) ? '/blocks' : '/login'));

  app.get('/login', async (_request, reply) => sendPage(reply, loginPage(null)));

  app.post('/login', async (request, reply) => {
    const form = (request.body ?? {}) as FormFields;
    const signedIn = await handlers.signIn((form.username ?? '').trim(), form.password ?? '');
    if (!signedIn) return sendPage(reply, loginPage('Wrong username or password, or too many tries: wait a minute and try again.'), 401);
    return reply.header('set-cookie', cookie(signedIn.token, 8 * 60 * 60)).code(303).header('location', '/blocks').send();
  });

  app.post('/logout', async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const token = cookieValue(request, COOKIE);
    if (token) await handlers.signOut(token);
    return reply.header('set-cookie', cookie('', 0)).code(303).header('location', '/login').send();
  });

  app.get('/blocks', async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const q = request.query as Record<string, string | undefined>;
    const query = (q.q ?? '').trim();
    const found = await blocks.list({ idPrefix: query || undefined, afterId: q.after || undefined, limit: LIST_PAGE_SIZE + 1 });
    const shown = found.slice(0, LIST_PAGE_SIZE);
    const next = found.length > LIST_PAGE_SIZE ? shown[shown.length - 1]!.entry.id : null;
    return sendPage(reply, listPage(session, shown, await blocks.count(), query, next, flashOf(request)));
  });

  app.get('/blocks/new', async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    return sendPage(reply, blockPage(session, { isNew: true, fields: {}, block: null, error: null, flash: null }));
  });

  app.post('/blocks', async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const form = request.body as FormFields;
    const id = (form.id ?? '').trim() || newBlockId();
    try {
      const input = parseBlockInput(formToBody(form, id));
      const result = await blocks.add(input.record, handlerActor(session), input.reason);
      return seeOther(reply, `/blocks/${enc(id)}?msg=${enc(describeWrite(id, result))}`);
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      return sendPage(reply, blockPage(session, { isNew: true, fields: form, block: null, error: e.message, flash: null }), 400);
    }
  });

  app.get<{ Params: { id: string } }>('/blocks/:id', async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const block = await blocks.get(request.params.id);
    if (!block) return seeOther(reply, `/blocks?msg=${enc(`No block ${request.params.id}.`)}`);
    return sendPage(reply, blockPage(session, { isNew: false, fields: recordToFields(block), block, error: null, flash: flashOf(request) }));
  });

  app.post<{ Params: { id: string } }>('/blocks/:id', async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const id = request.params.id;
    const form = request.body as FormFields;
    const block = await blocks.get(id);
    if (!block) return seeOther(reply, `/blocks?msg=${enc(`No block ${id}.`)}`);
    try {
      const input = parseBlockInput(formToBody(form, id));
      const baseVersion = Number(form.baseVersion);
      const result = await blocks.update(id, input.record, handlerActor(session), input.reason, {
        ...(Number.isSafeInteger(baseVersion) ? { ifVersion: baseVersion } : {}),
      });
      return seeOther(reply, `/blocks/${enc(id)}?msg=${enc(describeWrite(id, result))}`);
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      const message = e.code === 'edit-conflict' ? 'Someone changed this block while you were editing it. Your changes are below; the current block is saved. Reload it and apply them again.' : e.message;
      return sendPage(reply, blockPage(session, { isNew: false, fields: form, block, error: message, flash: null }), e.code === 'edit-conflict' ? 409 : 400);
    }
  });

  app.post<{ Params: { id: string } }>('/blocks/:id/remove', async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const id = request.params.id;
    const form = request.body as FormFields;
    const baseVersion = Number(form.baseVersion);
    try {
      const result = await blocks.remove(id, handlerActor(session), (form.reason ?? '').trim() || null, {
        ...(Number.isSafeInteger(baseVersion) ? { ifVersion: baseVersion } : {}),
      });
      return seeOther(reply, `/blocks/${enc(id)}?msg=${enc(describeWrite(id, result))}`);
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      return seeOther(reply, `/blocks/${enc(id)}?msg=${enc(e.message)}`);
    }
  });

  app.get('/approvals', async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    const pending = await blocks.proposals('pending');
    const rows = await Promise.all(
      pending.map(async (proposal) => {
        const current = await blocks.get(proposal.entryId);
        const narrowed = proposal.proposed && current ? narrowedFields(current.entry, proposal.proposed.entry) : ['entry'];
        return { proposal, current, narrowed };
      }),
    );
    return sendPage(reply, approvalsPage(session, rows, flashOf(request), null));
  });

  app.post<{ Params: { id: string } }>('/approvals/:id/approve', async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    try {
      const result = await blocks.approve(request.params.id, handlerActor(session));
      return seeOther(reply, `/approvals?msg=${enc(result.status === 'stale' ? 'The block changed since this was proposed; it was not applied.' : `Approved; the list is now at version ${result.status === 'applied' ? result.version : '?'}.`)}`);
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      return seeOther(reply, `/approvals?msg=${enc(e.message)}`);
    }
  });

  app.post<{ Params: { id: string } }>('/approvals/:id/reject', async (request, reply) => {
    const session = await requireSession(request, reply);
    if (!session) return reply;
    try {
      await blocks.reject(request.params.id, handlerActor(session), null);
      return seeOther(reply, `/approvals?msg=${enc('Rejected; the block stays as it is.')}`);
    } catch (e) {
      if (!(e instanceof ServiceError)) throw e;
      return seeOther(reply, `/approvals?msg=${enc(e.message)}`);
    }
  });
}
