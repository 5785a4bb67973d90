// Handlers for every channel that answer with fixed data: tests of the transports (dispatcher,
// web harness) override the one they are about.
import type { Handlers } from './dispatcher.ts';

export function fakeHandlers(over: Partial<Handlers> = {}): Handlers {
  const head = { station: 'ST-TEST', seq: 1, hash: 'ab', at: '2026-11-28T09:00:00Z' };
  return {
    'app:info': async () => ({ version: '1', station: 'ST-TEST', demoMode: true, shell: 'web-harness', testSwitches: { plaintextRecordsControl: false } }),
    'blocklist:current': async () => ({ source: 'demo', list: { format: 'mailroom-blocklist/v1', version: 1, entries: [] } }),
    'scan:read': async () => ({ pages: [], sha256: 'x', format: 'jpeg' }),
    'intake:pending': async () => [],
    'intake:take': async () => ({ id: 'i', name: 'a.jpg', bytes: new Uint8Array([1]), reading: null, error: 'test' }),
    'intake:done': async () => false,
    'keys:dataKey': async () => ({ available: false, reason: 'test' }),
    'audit:signHead': async () => ({ head, algorithm: 'ed25519', keyId: 'k', signature: 'cd' }),
    'audit:latestHead': async () => null,
    'audit:publicKey': async () => ({ algorithm: 'ed25519', keyId: 'k', publicKey: 'ef' }),
    'sync:enrol': async () => ({ enrolled: false }),
    'sync:enrolment': async () => ({ enrolled: false }),
    'sync:request': async () => ({ kind: 'failure', failure: 'unreachable', message: 'test' }),
    ...over,
  };
}
