// The officer's tray as a queue: envelopes are screened one after another; a HOLD or REVIEW stops
// the queue until the officer acknowledges it, so a stopped letter is never lost in the pile.
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { Verdict } from '../../../shared/screening/types.ts';

export interface BatchProgress {
  readonly batchId: string | null;
  readonly total: number;
  readonly done: number;
  readonly waiting: number;
  readonly counts: Readonly<Record<Verdict, number>>;
  readonly startedAt: number | null;
  /** When the last envelope was screened: the rate is measured up to it. */
  readonly lastDoneAt: number | null;
  readonly paused: boolean;
  readonly working: boolean;
}

const NONE: Readonly<Record<Verdict, number>> = { CLEAR: 0, HOLD: 0, REVIEW: 0 };
const IDLE: BatchProgress = { batchId: null, total: 0, done: 0, waiting: 0, counts: NONE, startedAt: null, lastDoneAt: null, paused: false, working: false };

/** Reads and screens one envelope (OCR is the slow part); may run while the officer acts. */
export type ReadOne<R> = (file: File) => Promise<R>;
/** Records what was read and says its verdict; throws when the station cannot go on (signed out). */
export type RecordOne<R> = (read: R, batchId: string) => Promise<Verdict>;

export function useBatch<R>(readOne: ReadOne<R>, recordOne: RecordOne<R>) {
  const [progress, setProgress] = useState<BatchProgress>(IDLE);
  const [problem, setProblem] = useState<string | null>(null);
  const queue = useRef<File[]>([]);
  const running = useRef(false);
  const paused = useRef(false);
  const batchId = useRef<string | null>(null);
  const steps = useRef({ readOne, recordOne });
  useLayoutEffect(() => {
    steps.current = { readOne, recordOne };
  });
  // The next envelope is read while this one is recorded or waits for the officer: the verdict
  // after an acknowledgement is then there at once.
  const ahead = useRef<{ readonly file: File; readonly read: Promise<R> } | null>(null);
  const readOf = useCallback((file: File): Promise<R> => {
    const read = ahead.current?.file === file ? ahead.current.read : steps.current.readOne(file);
    const next = queue.current[0];
    ahead.current = next ? { file: next, read: steps.current.readOne(next) } : null;
    ahead.current?.read.catch(() => undefined);
    return read;
  }, []);

  const pump = useCallback(async () => {
    if (running.current || paused.current) return;
    running.current = true;
    setProgress((p) => ({ ...p, working: true }));
    try {
      for (let file = queue.current.shift(); file; file = paused.current ? undefined : queue.current.shift()) {
        setProgress((p) => ({ ...p, waiting: queue.current.length }));
        const verdict = await steps.current.recordOne(await readOf(file), batchId.current ?? '');
        const stop = verdict !== 'CLEAR';
        paused.current = stop;
        const at = Date.now();
        setProgress((p) => ({ ...p, done: p.done + 1, lastDoneAt: at, counts: { ...p.counts, [verdict]: p.counts[verdict] + 1 }, paused: stop }));
      }
    } catch (e) {
      queue.current = [];
      ahead.current = null;
      setProblem(e instanceof Error ? e.message : 'the batch stopped');
    } finally {
      running.current = false;
      setProgress((p) => ({ ...p, working: false, waiting: queue.current.length }));
    }
  }, [readOf]);

  const add = useCallback(
    (files: readonly File[]) => {
      if (files.length === 0) return;
      setProblem(null);
      const fresh = !running.current && !paused.current && queue.current.length === 0;
      if (fresh) batchId.current = crypto.randomUUID();
      queue.current.push(...files);
      setProgress((p) => ({
        ...(fresh ? { ...IDLE, batchId: batchId.current, startedAt: Date.now() } : p),
        total: (fresh ? 0 : p.total) + files.length,
        waiting: queue.current.length,
        paused: paused.current,
        working: running.current,
      }));
      void pump();
    },
    [pump],
  );

  const acknowledge = useCallback(() => {
    if (!paused.current) return;
    paused.current = false;
    setProgress((p) => ({ ...p, paused: false }));
    void pump();
  }, [pump]);

  return { progress, problem, add, acknowledge };
}
