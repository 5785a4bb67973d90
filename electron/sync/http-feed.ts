// The HTTP port for the main side and the CLI: Node's fetch, with the device token, a deadline for the
// whole response, and a size limit enforced while the body streams (a 50 MB page is never buffered).
import type { FeedHttp, HttpResponse, RequestLimits } from '../../shared/sync-client/index.ts';
import { TransportError } from '../../shared/sync-client/index.ts';

export interface HttpFeedOptions {
  /** The service address, e.g. https://blocklist.example.gov.uk or http://127.0.0.1:8080. */
  readonly server: string;
  readonly token: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

/** Checks the address: https anywhere, plain http only on loopback (the token would travel in clear). */
export function parseServerAddress(server: string): URL {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new Error(`--server ${JSON.stringify(server)} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('--server must be an http(s) address');
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) throw new Error('--server must use https unless it is on this machine (loopback)');
  return url;
}

function describeCause(e: unknown): string {
  const cause = (e as { cause?: { code?: string } }).cause;
  return cause?.code ?? (e instanceof Error ? e.name : 'error');
}

export function createHttpFeed(options: HttpFeedOptions): FeedHttp {
  const base = parseServerAddress(options.server);
  const request = async (method: 'GET' | 'POST', path: string, body: unknown, limits: RequestLimits): Promise<HttpResponse> => {
    const url = new URL(path, base);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, limits.timeoutMs);
    try {
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers: {
            authorization: `Bearer ${options.token}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          redirect: 'error',
          signal: controller.signal,
        });
      } catch (e) {
        if (timedOut) throw new TransportError('timeout', `no answer from ${base.host} within ${limits.timeoutMs} ms`);
        throw new TransportError('unreachable', `the service at ${base.host} could not be reached (${describeCause(e)})`);
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        controller.abort();
        throw new TransportError('too-large', `the response is ${declared} bytes, over the ${limits.maxBytes} byte limit`);
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      try {
        if (res.body) {
          for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
            size += chunk.byteLength;
            if (size > limits.maxBytes) {
              controller.abort();
              throw new TransportError('too-large', `the response is over the ${limits.maxBytes} byte limit`);
            }
            chunks.push(chunk);
          }
        }
      } catch (e) {
        if (e instanceof TransportError) throw e;
        if (timedOut) throw new TransportError('timeout', `the answer from ${base.host} did not complete within ${limits.timeoutMs} ms`);
        throw new TransportError('interrupted', `the connection to ${base.host} closed part-way through the answer (${describeCause(e)})`);
      }
      return { status: res.status, body: Buffer.concat(chunks, size).toString('utf8') };
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    get: (path, limits) => request('GET', path, undefined, limits),
    postJson: (path, body, limits) => request('POST', path, body, limits),
  };
}
