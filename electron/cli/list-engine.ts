// `--blocklist FILE` on both CPUs: zod validates the file in a worker thread while this thread builds the
// engine from the same text. That engine is kept only when the validated list, as JSON, is exactly the
// text as parsed (the list it was built from); a file zod rejects or had to normalise (untrimmed text, defaults filled in) takes
// the ordinary path, which reports or normalises it as before. Same engine, same errors, less waiting.
import { readFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { Blocklist } from '../../shared/blocklist/format.ts';
import { buildEngine } from '../../shared/screening/engine.ts';
import type { ScreeningEngine } from '../../shared/screening/types.ts';
import type { LoadedList } from '../services/list-source.ts';
import { loadList } from './options.ts';

export interface ListEngine {
  readonly loaded: LoadedList;
  readonly engine: ScreeningEngine;
}

/** True when the text is a valid list that validation leaves exactly as parsed; false when it is not
 * valid, needed normalising, or the worker could not run. */
function validateInWorker(text: string): Promise<boolean> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./list-check-worker.mjs', import.meta.url), { workerData: { text } });
    } catch {
      resolve(false);
      return;
    }
    worker.once('message', (m: unknown) => {
      resolve(m === true);
      void worker.terminate();
    });
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
}

export async function loadFileEngine(file: string): Promise<ListEngine> {
  const text = await readFile(file, 'utf8').catch(() => null);
  if (text !== null) {
    const validated = validateInWorker(text);
    let raw: unknown = null;
    let engine: ScreeningEngine | null = null;
    try {
      raw = JSON.parse(text);
      engine = buildEngine(raw as Blocklist);
    } catch {
      // Not a list this thread can build from: the worker's answer and the ordinary path decide.
      engine = null;
    }
    const sameAsValidated = await validated;
    if (engine && sameAsValidated) {
      return { loaded: { source: 'file', list: raw as Blocklist }, engine };
    }
  }
  const loaded = await loadList(file);
  return { loaded, engine: buildEngine(loaded.list) };
}
