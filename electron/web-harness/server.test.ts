import { mkdtemp, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJson, encodeJson } from '../../shared/ipc/codec.ts';
import { createDispatcher } from '../services/dispatcher.ts';
import { fakeHandlers } from '../services/fake-handlers.ts';
import { EventBus } from '../services/events.ts';
import { startHarness, type Harness } from './server.ts';

const bus = new EventBus();
let harness: Harness;
let received: Uint8Array | null = null;

beforeAll(async () => {
  const staticDir = await mkdtemp(path.join(tmpdir(), 'harness-'));
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  const dispatch = createDispatcher(
    fakeHandlers({
      'scan:read': async ({ bytes }) => {
        received = bytes;
        return { pages: [], sha256: 'h', format: 'jpeg' };
      },
    }),
  );
  harness = await startHarness({ dispatch, bus, staticDir, port: 0 });
});
afterAll(() => harness.close());

const post = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${harness.url}/api/invoke/${encodeURIComponent(channel)}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: encodeJson(body) });

describe('the web harness', () => {
  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${harness.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('dispatches a call through the contract, bytes included', async () => {
    const res = await post('scan:read', { name: 'a.jpg', bytes: new Uint8Array([1, 2, 3]) });
    expect(decodeJson(await res.text())).toEqual({ ok: true, value: { pages: [], sha256: 'h', format: 'jpeg' } });
    expect([...(received ?? [])]).toEqual([1, 2, 3]);
  });

  it('validates payloads exactly as Electron IPC does', async () => {
    const res = await post('scan:read', { name: 'a.jpg' });
    expect(decodeJson(await res.text())).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('refuses calls from another origin and requests for another host', async () => {
    expect((await post('app:info', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    // fetch may not set Host, so the DNS-rebinding case goes through node:http.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.get(`${harness.url}/api/health`, { headers: { Host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    expect(status).toBe(421);
  });

  it('does not serve files outside the renderer folder', async () => {
    const res = await fetch(`${harness.url}/..%2f..%2fetc%2fpasswd`);
    expect(await res.text()).not.toContain('root:');
  });

  it('delivers main-side events over Server-Sent Events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${harness.url}/api/events`, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read(); // the ": connected" comment
    bus.emit('intake:file', { id: 'f1', name: 'letter-1.jpg', receivedAt: '2026-11-28T09:00:00.000Z' });
    const { value } = await reader.read();
    controller.abort();
    const text = new TextDecoder().decode(value);
    expect(text).toContain('event: intake:file');
    expect(text).toContain('"letter-1.jpg"');
  });
});
