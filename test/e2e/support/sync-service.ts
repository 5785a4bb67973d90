// The central service a sync spec talks to, on loopback with a PGlite store of its own, and the
// case handler who keeps its blocklist. No Playwright here: a vitest file may use it as well.
import { signInOnPage } from '../../../server/test-support/case-handler-session.ts';
import { createTestStore, startTestService, type TestService } from '../../../server/test-support/test-service.ts';

export const CASE_HANDLER = { username: 'alice', displayName: 'Alice Adams', password: 'correct horse battery' } as const;

export interface SyncService {
  readonly server: TestService;
  /** Closes the service, then drops its store. */
  stop(): Promise<void>;
}

/** Starts the service; with `caseHandler`, the case handler's account exists on it. */
export async function startSyncService(options: { caseHandler?: boolean } = {}): Promise<SyncService> {
  const db = await createTestStore('pglite');
  const server = await startTestService(db);
  if (options.caseHandler) {
    const created = await server.admin('POST', '/v1/admin/handlers', CASE_HANDLER);
    if (created.status !== 201) throw new Error(`creating the case handler failed: ${created.status}`);
  }
  return {
    server,
    stop: async () => {
      await server.close();
      await db.dispose();
    },
  };
}

export interface ServiceBlock {
  readonly id: string;
  readonly names: string;
  /** The address lines, one per line, as typed in the form. */
  readonly lines: string;
  readonly town: string;
  readonly postcode: string;
}

/** The case handler adds a block, at the victim's request, through the service's own form. */
export async function addBlockOnServicePage(serviceUrl: string, block: ServiceBlock): Promise<void> {
  const handler = await signInOnPage(serviceUrl, CASE_HANDLER.username, CASE_HANDLER.password);
  const saved = await handler.post('/blocks', {
    _csrf: await handler.csrf('/blocks/new'),
    addressSlots: '1',
    id: block.id,
    names: block.names,
    addr0_lines: block.lines,
    addr0_town: block.town,
    addr0_postcode: block.postcode,
    phones: '',
    emails: '',
    scope: 'all-prisoners',
    requestedBy: 'victim',
    validFrom: '',
    validUntil: '',
    reason: 'request from the victim',
  });
  if (saved.status !== 303) throw new Error(`saving block ${block.id} failed: ${saved.status}`);
}
