// The web harness: the built renderer and the main-side services over HTTP on loopback, so the UI
// can run and be tested in a plain browser. A thin adapter over the one contract, not a backend.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { decodeJson, encodeJson } from '../../shared/ipc/codec.ts';
import { MAX_SCAN_BYTES } from '../../shared/ipc/contract.ts';
import { fail } from '../../shared/ipc/result.ts';
import type { Dispatch } from '../services/dispatcher.ts';
import type { EventBus } from '../services/events.ts';
import { CONTENT_SECURITY_POLICY } from '../services/security.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
};

// Base64 in JSON is a third larger than the bytes, plus the envelope.
const MAX_BODY = Math.ceil(MAX_SCAN_BYTES * 1.4) + 1024;

export interface HarnessOptions {
  readonly dispatch: Dispatch;
  readonly bus: EventBus;
  readonly staticDir: string;
  readonly host?: string;
  readonly port?: number;
}

export interface Harness {
  readonly url: string;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: string, type = 'application/json'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const host = options.host ?? '127.0.0.1';
  const staticDir = path.resolve(options.staticDir);
  const streams = new Set<http.ServerResponse>();
  const detach = options.bus.connect((event, payload) => {
    for (const res of streams) res.write(`event: ${event}\ndata: ${encodeJson(payload)}\n\n`);
  });

  const server = http.createServer((req, res) => {
    void (async () => {
      const address = server.address() as AddressInfo;
      // Refuse other hosts (DNS rebinding) and other origins (a web page posting to loopback).
      const allowedHosts = [`127.0.0.1:${address.port}`, `localhost:${address.port}`, `[::1]:${address.port}`];
      if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 421, '{"error":"wrong host"}');
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      if (url.pathname.startsWith('/api/')) {
        const origin = req.headers.origin;
        if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`)) return send(res, 403, '{"error":"wrong origin"}');
        if (url.pathname === '/api/events' && req.method === 'GET') {
          res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
          res.write(': connected\n\n');
          streams.add(res);
          req.on('close', () => streams.delete(res));
          return;
        }
        const invoke = /^\/api\/invoke\/([^/]+)$/.exec(url.pathname);
        if (invoke && req.method === 'POST') {
          if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, encodeJson(fail('INVALID_REQUEST', 'expected JSON')));
          const body = await readBody(req);
          if (body === null) return send(res, 413, encodeJson(fail('INVALID_REQUEST', 'the request is too large')));
          let payload: unknown;
          try {
            payload = decodeJson(body);
          } catch {
            return send(res, 400, encodeJson(fail('INVALID_REQUEST', 'the request is not valid JSON')));
          }
          const result = await options.dispatch(decodeURIComponent(invoke[1] ?? ''), payload);
          return send(res, 200, encodeJson(result));
        }
        if (url.pathname === '/api/health') return send(res, 200, '{"ok":true}');
        return send(res, 404, encodeJson(fail('UNKNOWN_CHANNEL', 'no such route')));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed', 'text/plain');
      const relative = path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
      const file = path.join(staticDir, relative);
      if (!file.startsWith(staticDir + path.sep)) return send(res, 404, 'not found', 'text/plain');
      const info = await stat(file).catch(() => null);
      const target = info?.isFile() ? file : path.join(staticDir, 'index.html');
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(target)] ?? 'application/octet-stream',
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(target).pipe(res);
    })().catch(() => {
      if (!res.headersSent) send(res, 500, encodeJson(fail('INTERNAL', 'the harness failed')));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: async () => {
      detach();
      for (const res of streams) res.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
