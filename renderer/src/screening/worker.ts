/// <reference lib="webworker" />
// The screening engine in a Web Worker, next to the records: a large list never blocks the UI.
import { buildEngine } from '../../../shared/screening/engine.ts';
import { screenPages } from '../../../shared/letters/screen-pages.ts';
import type { ScreeningEngine } from '../../../shared/screening/types.ts';
import type { WorkerRequest, WorkerResponse } from './messages.ts';

declare const self: DedicatedWorkerGlobalScope;
let engine: ScreeningEngine | null = null;

const reply = (message: WorkerResponse) => self.postMessage(message);

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    switch (request.kind) {
      case 'load':
        engine = buildEngine(request.list, { remembered: request.remembered });
        reply({ id: request.id, ok: true, kind: 'loaded', entries: engine.entryCount, matcher: engine.matcher });
        return;
      case 'screen':
        if (!engine) throw new Error('no blocklist is loaded');
        reply({ id: request.id, ok: true, kind: 'screened', screening: screenPages(engine, request.pages, request.sender) });
        return;
      default: {
        const never: never = request;
        throw new Error(`unknown request ${String(never)}`);
      }
    }
  } catch (e) {
    reply({ id: request.id, ok: false, message: e instanceof Error ? e.message : 'screening failed' });
  }
};
