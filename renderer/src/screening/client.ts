// The UI thread's handle on the screening worker: promises in, verdicts out.
import type { Blocklist } from '../../../shared/blocklist/format.ts';
import type { LetterScreening, ReadPage } from '../../../shared/letters/screen-pages.ts';
import type { RememberedRelease } from '../../../shared/screening/types.ts';
import type { WorkerRequest, WorkerResponse } from './messages.ts';

type Pending = { resolve: (r: WorkerResponse) => void; reject: (e: Error) => void };
type Outgoing = WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never;

export class ScreeningClient {
  private readonly worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor() {
    this.worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const waiting = this.pending.get(event.data.id);
      this.pending.delete(event.data.id);
      waiting?.resolve(event.data);
    };
    this.worker.onerror = () => {
      for (const p of this.pending.values()) p.reject(new Error('the screening worker stopped'));
      this.pending.clear();
    };
  }

  private send(request: Outgoing): Promise<WorkerResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id });
    });
  }

  /** Builds the engine over `list`; `remembered` are supervisors' releases it must not match again. */
  async load(list: Blocklist, remembered: readonly RememberedRelease[] = []): Promise<{ entries: number; matcher: string }> {
    const r = await this.send({ kind: 'load', list, remembered });
    if (!r.ok) throw new Error(r.message);
    if (r.kind !== 'loaded') throw new Error('unexpected reply from the screening worker');
    return { entries: r.entries, matcher: r.matcher };
  }

  stop(): void {
    this.worker.terminate();
  }

  async screen(pages: readonly ReadPage[], sender?: string): Promise<LetterScreening> {
    const r = await this.send({ kind: 'screen', pages, sender });
    if (!r.ok) throw new Error(r.message);
    if (r.kind !== 'screened') throw new Error('unexpected reply from the screening worker');
    return r.screening;
  }
}
