import { beforeEach, describe, expect, it } from 'vitest';
import { verifySignedPage, type ChangesPage } from '../../shared/sync/index.ts';
import { signInOnPage } from '../test-support/case-handler-session.ts';
import { TEST_DATABASES } from '../test-support/test-service.ts';
import { useTestService } from '../test-support/use-test-service.ts';

const PASSWORD = 'correct horse battery';

describe.each(TEST_DATABASES)("the case handlers' page on %s", (database) => {
  const server = useTestService(database);
  beforeEach(async () => {
    for (const [username, displayName] of [['alice', 'Alice Adams'], ['bob', 'Bob Brown']]) {
      const res = await server.admin('POST', '/v1/admin/handlers', { username, displayName, password: PASSWORD });
      expect(res.status).toBe(201);
    }
  });

  it('lets a case handler sign in and add a block that appears at once in the signed feed', async () => {
    const { token, serverKey } = await server.enrol();
    const alice = await signInOnPage(server.url, 'alice', PASSWORD);
    const csrf = await alice.csrf('/blocks/new');
    const saved = await alice.post('/blocks', {
      _csrf: csrf,
      addressSlots: '2',
      id: 'UPC-555001',
      names: 'Mary Victimson\nMary V',
      addr0_lines: 'Flat 9\n3 Orchard Lane',
      addr0_town: 'York',
      addr0_postcode: 'YO1 7HH',
      phones: '07700 900777',
      emails: '',
      scope: 'prisoners',
      prisonNumbers: 'a1234bc, B2345CD',
      requestedBy: 'on-behalf-with-consent',
      consentGiven: 'yes',
      validFrom: '2026-11-01',
      validUntil: '',
      reason: 'request from victim services',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toMatch(/^\/blocks\/UPC-555001\?msg=/);
    const shown = await alice.get(saved.location!);
    expect(shown.html).toContain('data-testid="flash"');
    expect(shown.html).toContain('Mary Victimson');
    expect(shown.html).toContain('Entered by handler:alice');

    const res = await server.device(token, 'GET', '/v1/blocklist/changes?since=0');
    const verified = verifySignedPage(await res.json(), serverKey, { now: new Date() });
    if (!verified.ok) throw new Error(verified.error.message);
    const page = verified.page as ChangesPage;
    expect(page.changes).toHaveLength(1);
    expect(page.changes[0]).toMatchObject({
      op: 'upsert',
      version: 1,
      entry: {
        id: 'UPC-555001',
        names: ['Mary Victimson', 'Mary V'],
        addresses: [{ lines: ['Flat 9', '3 Orchard Lane'], town: 'York', postcode: 'YO1 7HH' }],
        phones: ['07700 900777'],
        scope: { kind: 'prisoners', prisonNumbers: ['A1234BC', 'B2345CD'] },
        requestedBy: 'on-behalf-with-consent',
        validFrom: '2026-11-01T00:00:00Z',
        validUntil: null,
      },
    });
    // Consent and who entered it stay at the centre; mailrooms get only what they screen with.
    expect(JSON.stringify(page)).not.toMatch(/consentGiven|alice/);
    expect(server.logs()).not.toMatch(/Victimson|Orchard|YO1 7HH|900777/);
  });

  it('needs a second case handler to remove a block, on the page', async () => {
    const alice = await signInOnPage(server.url, 'alice', PASSWORD);
    await alice.post('/blocks', { _csrf: await alice.csrf('/blocks/new'), id: 'UPC-2', names: 'Ann Other', scope: 'all-prisoners' });
    const page = await alice.get('/blocks/UPC-2');
    const baseVersion = /name="baseVersion" value="(\d+)"/.exec(page.html)![1]!;
    const removal = await alice.post('/blocks/UPC-2/remove', { _csrf: await alice.csrf('/blocks/UPC-2'), baseVersion, reason: 'withdrawn' });
    expect(removal.status).toBe(303);
    expect(await server.service.blocks.get('UPC-2')).not.toBeNull();

    const own = await alice.get('/approvals');
    const proposalId = /data-proposal-id="([^"]+)"/.exec(own.html)![1]!;
    await alice.post(`/approvals/${proposalId}/approve`, { _csrf: await alice.csrf('/approvals') });
    expect(await server.service.blocks.get('UPC-2')).not.toBeNull();

    const bob = await signInOnPage(server.url, 'bob', PASSWORD);
    const approved = await bob.post(`/approvals/${proposalId}/approve`, { _csrf: await bob.csrf('/approvals') });
    expect(approved.status).toBe(303);
    expect(await server.service.blocks.get('UPC-2')).toBeNull();
  });

  it('refuses wrong passwords, pages without a session, and forms without the session token', async () => {
    const wrong = await fetch(`${server.url}/login`, {
      method: 'POST', redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'alice', password: 'not the password' }).toString(),
    });
    expect(wrong.status).toBe(401);
    const anonymous = await fetch(`${server.url}/blocks`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/login');

    const alice = await signInOnPage(server.url, 'alice', PASSWORD);
    const forged = await alice.post('/blocks', { id: 'UPC-3', names: 'Ann Other', scope: 'all-prisoners' });
    expect(forged.status).toBe(403);
    expect(await server.service.blocks.get('UPC-3')).toBeNull();
    const page = await fetch(`${server.url}/login`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('shows a form error naming the field, keeping what was typed', async () => {
    const alice = await signInOnPage(server.url, 'alice', PASSWORD);
    const res = await alice.post('/blocks', {
      _csrf: await alice.csrf('/blocks/new'), id: 'UPC-4', names: 'Typed <b>Name</b>', scope: 'prisoners', prisonNumbers: 'not-a-number',
    });
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/data-testid="form-error">field scope\.prisonNumbers\.0 /);
    expect(res.html).toContain('Typed &lt;b&gt;Name&lt;/b&gt;');
  });
});
