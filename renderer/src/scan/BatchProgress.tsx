// The tray at a glance: how far through, how fast, and how many of each verdict.
import type { BatchProgress as Progress } from './batch.ts';

export function BatchProgress({ progress }: { progress: Progress }) {
  if (progress.total === 0) return null;
  const minutes = progress.startedAt && progress.lastDoneAt ? (progress.lastDoneAt - progress.startedAt) / 60_000 : 0;
  const rate = minutes > 0 && progress.done > 0 ? progress.done / minutes : null;
  const left = progress.total - progress.done;
  return (
    <section className="batch" data-testid="batch-progress" aria-label="Batch progress">
      <progress max={progress.total} value={progress.done} />
      <span>
        {progress.done} of {progress.total} screened
      </span>
      {rate !== null && <span>{rate.toFixed(1)} letters a minute</span>}
      {rate !== null && left > 0 && <span>about {Math.ceil(left / rate)} min left</span>}
      <span className="count-clear">✔ {progress.counts.CLEAR} clear</span>
      <span className="count-hold">✖ {progress.counts.HOLD} held</span>
      <span className="count-review">⚠ {progress.counts.REVIEW} review</span>
      {progress.paused && (
        <strong className="paused" data-testid="batch-paused">
          Paused: {progress.waiting} waiting until you acknowledge this letter
        </strong>
      )}
    </section>
  );
}
