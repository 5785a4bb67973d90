import { describe, expect, it } from 'vitest';
import { createApi, type Transport } from './api.ts';
import { decodeJson, encodeJson } from './codec.ts';
import { CHANNELS, EVENTS, channels, events, invokeChannel } from './contract.ts';
import { IpcCallError, fail, ok } from './result.ts';

describe('the IPC contract', () => {
  it('gives every channel a request and a response schema, and namespaces its IPC name', () => {
    for (const c of CHANNELS) {
      expect(channels[c].request).toBeDefined();
      expect(channels[c].response).toBeDefined();
      expect(invokeChannel(c)).toBe(`mailroom:${c}`);
    }
    // The sync's status lives in the renderer (its controller); main sends no event for it.
    expect([...EVENTS].sort()).toEqual(['batch:progress', 'intake:file']);
  });

  it('refuses a scan request without bytes, or with bytes over the limit', () => {
    expect(channels['scan:read'].request.safeParse({ name: 'a.jpg', bytes: 'not bytes' }).success).toBe(false);
    expect(channels['scan:read'].request.safeParse({ name: '', bytes: new Uint8Array(1) }).success).toBe(false);
    expect(channels['scan:read'].request.safeParse({ name: 'a.jpg', bytes: new Uint8Array(65 * 1024 * 1024) }).success).toBe(false);
    expect(channels['scan:read'].request.safeParse({ name: 'a.jpg', bytes: new Uint8Array(10) }).success).toBe(true);
  });

  it('refuses a malformed event payload', () => {
    expect(events['batch:progress'].safeParse({ batchId: 'b', done: -1, total: 3, perMinute: 0, msLeft: null }).success).toBe(false);
  });

  it('carries bytes through JSON for the web harness unchanged', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    const back = decodeJson(encodeJson({ name: 'a.jpg', bytes, nested: [{ bytes: new Uint8Array([1, 2]) }] })) as { bytes: Uint8Array; nested: { bytes: Uint8Array }[] };
    expect(back.bytes).toBeInstanceOf(Uint8Array);
    expect([...back.bytes]).toEqual([...bytes]);
    expect([...(back.nested[0]?.bytes ?? [])]).toEqual([1, 2]);
  });

  it('builds the task-level API over a transport: values unwrap, errors throw with their code', async () => {
    const calls: [string, unknown][] = [];
    const transport: Transport = {
      invoke: async (channel, request) => {
        calls.push([channel, request]);
        return channel === 'app:info' ? ok({ version: '1', station: 'ST-1', demoMode: true, shell: 'web-harness', testSwitches: { plaintextRecordsControl: false } }) : fail('UNREADABLE_INPUT', 'not an image');
      },
      subscribe: () => () => undefined,
    };
    const api = createApi(transport);
    await expect(api.app.info()).resolves.toEqual({ version: '1', station: 'ST-1', demoMode: true, shell: 'web-harness', testSwitches: { plaintextRecordsControl: false } });
    const error = await api.scan.read('a.jpg', new Uint8Array([1])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcCallError);
    expect((error as IpcCallError).code).toBe('UNREADABLE_INPUT');
    expect(calls.map((c) => c[0])).toEqual(['app:info', 'scan:read']);
  });

  it('subscriptions return a function that stops delivery', () => {
    const listeners = new Set<(p: unknown) => void>();
    const api = createApi({
      invoke: async () => ok(null),
      subscribe: (_event, listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
    const seen: unknown[] = [];
    const stop = api.on.intakeFile((e) => seen.push(e));
    for (const l of listeners) l({ id: 'f1', name: 'a.jpg', receivedAt: '2026-11-28T09:00:00.000Z' });
    stop();
    for (const l of listeners) l({ id: 'f2', name: 'b.jpg', receivedAt: '2026-11-28T09:00:01.000Z' });
    expect(seen).toHaveLength(1);
  });
});
