// The task-level API the renderer sees as `window.mailroom`, built once over any transport: the
// Electron preload passes ipcRenderer.invoke, the web harness passes fetch and Server-Sent Events.
import type { Channel, EventName, EventOf, RequestOf, ResponseOf } from './contract.ts';
import { unwrap, type IpcResult } from './result.ts';

export interface Transport {
  invoke(channel: Channel, request: unknown): Promise<IpcResult<unknown>>;
  /** Starts delivering one event kind to `listener`; returns the function that stops it. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export type Unsubscribe = () => void;

export interface MailroomApi {
  readonly app: { info(): Promise<ResponseOf<'app:info'>> };
  readonly blocklist: { current(): Promise<ResponseOf<'blocklist:current'>> };
  readonly scan: { read(name: string, bytes: Uint8Array): Promise<ResponseOf<'scan:read'>> };
  /** The scanner's hot folder: scans main has read, waiting for the station to screen and record. */
  readonly intake: {
    pending(): Promise<ResponseOf<'intake:pending'>>;
    take(id: string): Promise<ResponseOf<'intake:take'>>;
    done(id: string, verdict: RequestOf<'intake:done'>['verdict']): Promise<ResponseOf<'intake:done'>>;
  };
  readonly keys: { dataKey(): Promise<ResponseOf<'keys:dataKey'>> };
  readonly audit: {
    signHead(head: RequestOf<'audit:signHead'>['head']): Promise<ResponseOf<'audit:signHead'>>;
    latestHead(): Promise<ResponseOf<'audit:latestHead'>>;
    publicKey(): Promise<ResponseOf<'audit:publicKey'>>;
  };
  /** The central service, through main: the device token never reaches the renderer. */
  readonly sync: {
    enrol(request: RequestOf<'sync:enrol'>): Promise<ResponseOf<'sync:enrol'>>;
    enrolment(): Promise<ResponseOf<'sync:enrolment'>>;
    request(request: RequestOf<'sync:request'>): Promise<ResponseOf<'sync:request'>>;
  };
  readonly on: {
    batchProgress(listener: (e: EventOf<'batch:progress'>) => void): Unsubscribe;
    intakeFile(listener: (e: EventOf<'intake:file'>) => void): Unsubscribe;
  };
}

export function createApi(transport: Transport): MailroomApi {
  const call = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> =>
    unwrap(await transport.invoke(channel, request)) as ResponseOf<C>;
  const on =
    <E extends EventName>(event: E) =>
    (listener: (payload: EventOf<E>) => void): Unsubscribe =>
      transport.subscribe(event, (payload) => listener(payload as EventOf<E>));
  return {
    app: { info: () => call('app:info', {}) },
    blocklist: { current: () => call('blocklist:current', {}) },
    scan: { read: (name, bytes) => call('scan:read', { name, bytes }) },
    intake: {
      pending: () => call('intake:pending', {}),
      take: (id) => call('intake:take', { id }),
      done: (id, verdict) => call('intake:done', { id, verdict }),
    },
    keys: { dataKey: () => call('keys:dataKey', {}) },
    audit: {
      signHead: (head) => call('audit:signHead', { head }),
      latestHead: () => call('audit:latestHead', {}),
      publicKey: () => call('audit:publicKey', {}),
    },
    sync: {
      enrol: (request) => call('sync:enrol', request),
      enrolment: () => call('sync:enrolment', {}),
      request: (request) => call('sync:request', request),
    },
    on: {
      batchProgress: on('batch:progress'),
      intakeFile: on('intake:file'),
    },
  };
}
