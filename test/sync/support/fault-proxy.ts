// A loopback proxy in front of the real service, for the faults the service will not produce on its
// own: it can answer 500, hang, cut the body half-way, rewrite a page, or pour out a huge body.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Upstream {
  readonly status: number;
  readonly body: string;
}

/** Decides what the client gets for one request; `forward` asks the real service. */
export type Fault = (request: { path: string; method: string }, forward: () => Promise<Upstream>, res: ServerResponse) => Promise<void>;

export const passThrough: Fault = async (_req, forward, res) => send(res, await forward());

export function send(res: ServerResponse, upstream: Upstream): void {
  res.writeHead(upstream.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(upstream.body) });
  res.end(upstream.body);
}

export interface FaultProxy {
  readonly url: string;
  /** Bytes written by the `pour` fault before the client went away. */
  poured: number;
  fault: Fault;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    void (async () => {
      const body = req.method === 'POST' ? await readBody(req) : undefined;
      const forward = async (): Promise<Upstream> => {
        const upstream = await fetch(`${target}${req.url ?? '/'}`, {
          method: req.method ?? 'GET',
          headers: { authorization: req.headers.authorization ?? '', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(body !== undefined ? { body } : {}),
        });
        return { status: upstream.status, body: await upstream.text() };
      };
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      await proxy.fault({ path: req.url ?? '/', method: req.method ?? 'GET' }, forward, res);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    poured: 0,
    fault: passThrough,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}

/** Never answers (until the proxy closes): a service too slow for the client's deadline. */
export const hang: Fault = async () => new Promise<void>(() => undefined);

/** Sends the headers and half the page, then drops the connection. */
export const cutMidBody: Fault = async (_req, forward, res) => {
  const { status, body } = await forward();
  const bytes = Buffer.from(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': bytes.length });
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
  await new Promise((r) => setImmediate(r));
  res.socket?.destroy();
};

/** Streams `totalBytes` of a JSON-looking body without a length, counting what the client took. */
export function pour(proxy: FaultProxy, totalBytes: number): Fault {
  return async (_req, _forward, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    res.write('{"payload":{"entries":[');
    while (proxy.poured < totalBytes && !res.destroyed) {
      proxy.poured += chunk.length;
      if (!res.write(chunk)) await new Promise<void>((r) => { res.once('drain', r); res.once('close', r); });
    }
    res.end(']}}');
  };
}
