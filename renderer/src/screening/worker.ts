/// <reference lib="webworker" />
// The screening engine in a Web Worker, next to the records: a large list never blocks the UI.
import { buildEngine } from '../../../shared/screening/engine.ts';
import { screenPages } from '../../../shared/letters/screen-pages.ts';
import { knowledgeOf, withSecondLook, type BlocklistKnowledge } from '../../../shared/reading/second-look.ts';
import type { ScreeningEngine } from '../../../shared/screening/types.ts';
import type { WorkerRequest, WorkerResponse } from './messages.ts';

declare const self: DedicatedWorkerGlobalScope;
let engine: ScreeningEngine | null = null;
/** What the list holds, for a second look at low-confidence handwriting (main reads without the list). */
let knowledge: BlocklistKnowledge | null = null;

const reply = (message: WorkerResponse) => self.postMessage(message);

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    switch (request.kind) {
      case 'load':
        engine = buildEngine(request.list, { remembered: request.remembered });
        knowledge = knowledgeOf(request.list);
        reply({ id: request.id, ok: true, kind: 'loaded', entries: engine.entryCount, matcher: engine.matcher });
        return;
      case 'screen': {
        if (!engine || !knowledge) throw new Error('no blocklist is loaded');
        const looked = knowledge;
        const pages = request.pages.map((page) => withSecondLook(page, looked));
        reply({ id: request.id, ok: true, kind: 'screened', screening: screenPages(engine, pages, request.sender) });
        return;
      }
      default: {
        const never: never = request;
        throw new Error(`unknown request ${String(never)}`);
      }
    }
  } catch (e) {
    reply({ id: request.id, ok: false, message: e instanceof Error ? e.message : 'screening failed' });
  }
};
