import { describe, expect, it, vi } from 'vitest';
import { UnreadableInputError } from '../ocr/types.ts';
import { createDispatcher } from './dispatcher.ts';
import { fakeHandlers } from './fake-handlers.ts';

const handlers = fakeHandlers;

describe('the main-side dispatcher', () => {
  it('runs a valid request and wraps the value', async () => {
    expect(await createDispatcher(handlers())('app:info', {})).toEqual({ ok: true, value: { version: '1', station: 'ST-TEST', demoMode: true, shell: 'web-harness', testSwitches: { plaintextRecordsControl: false } } });
  });

  it('refuses an unknown channel', async () => {
    const r = await createDispatcher(handlers())('fs:readFile', { path: '/etc/passwd' });
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('validates the payload before the handler runs, naming the field but not the value', async () => {
    let ran = false;
    const dispatch = createDispatcher(handlers({ 'scan:read': async () => ((ran = true), { pages: [], sha256: '', format: '' }) }));
    const r = await dispatch('scan:read', { name: 'Jane Smith 14 Acacia Road', bytes: 'Jane Smith' });
    expect(ran).toBe(false);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_REQUEST');
      expect(r.error.message).toContain('bytes');
      expect(r.error.message).not.toContain('Jane');
    }
  });

  it('refuses extra fields on a request that takes none', async () => {
    expect(await createDispatcher(handlers())('app:info', { admin: true })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('turns an unreadable input into a clear error code with its reason', async () => {
    const dispatch = createDispatcher(handlers({ 'scan:read': async () => { throw new UnreadableInputError('not an image file'); } }));
    expect(await dispatch('scan:read', { name: 'a.jpg', bytes: new Uint8Array(3) })).toEqual({ ok: false, error: { code: 'UNREADABLE_INPUT', message: 'not an image file' } });
  });

  it('hides an internal failure behind an incident id, without the stack or the message, in the answer and in the log', async () => {
    const dispatch = createDispatcher(handlers({ 'app:info': async () => { throw new Error('secret at /home/victim.json'); } }));
    const logged: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (logged.push(String(chunk)), true));
    const r = await dispatch('app:info', {}).finally(() => spy.mockRestore());
    expect(logged.join('')).toMatch(/incident [0-9a-f]{8}/);
    expect(logged.join('')).not.toContain('secret');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INTERNAL');
      expect(r.error.message).toMatch(/incident [0-9a-f]{8}/);
      expect(r.error.message).not.toContain('secret');
    }
  });
});
