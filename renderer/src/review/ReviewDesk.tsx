// The supervisor's review desk: HOLD and REVIEW letters waiting for a decision, oldest first,
// filtered by day, verdict and officer, with counts. Live: a letter scanned now appears at once.
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ReviewFilter, ReviewQueue } from '../../records/index.ts';
import { useSignedIn, useStation } from '../station/station-context.tsx';
import { problemText } from '../common/problem.ts';
import { hrefOf } from '../shell/routes.ts';
import { useOfficerNames } from './officer-names.ts';

type Loaded = { readonly queue: ReviewQueue } | { readonly problem: string };
const STATE_WORDS = { held: 'held', 'awaiting-review': 'awaiting review' } as const;

export function ReviewDesk() {
  const { records } = useStation();
  const { session } = useSignedIn();
  const officerName = useOfficerNames();
  const [day, setDay] = useState('');
  const [verdict, setVerdict] = useState<'' | 'HOLD' | 'REVIEW'>('');
  const [officerId, setOfficerId] = useState('');
  const filter: ReviewFilter = { ...(day ? { day } : {}), ...(verdict ? { verdict } : {}), ...(officerId ? { officerId } : {}) };
  const loaded = useLiveQuery<Loaded>(
    () => records.review.queue(session, filter).then((queue) => ({ queue }), (e: unknown) => ({ problem: problemText(e) })),
    [records, session, day, verdict, officerId],
  );
  const all = useLiveQuery(() => records.review.queue(session).catch(() => null), [records, session]);
  const officers = [...new Set(all?.items.map((i) => i.officerId) ?? [])];

  if (loaded && 'problem' in loaded) return <p className="problem" role="alert" data-testid="review-refused">{loaded.problem}</p>;
  const queue = loaded?.queue;
  return (
    <section className="review-desk" aria-labelledby="review-title">
      <h1 id="review-title">Review desk</h1>
      <div className="filters">
        <label>
          Day <input type="date" value={day} onChange={(e) => setDay(e.target.value)} data-testid="filter-day" />
        </label>
        <label>
          Verdict
          <select value={verdict} onChange={(e) => setVerdict(e.target.value as '' | 'HOLD' | 'REVIEW')} data-testid="filter-verdict">
            <option value="">HOLD and REVIEW</option>
            <option value="HOLD">HOLD only</option>
            <option value="REVIEW">REVIEW only</option>
          </select>
        </label>
        <label>
          Officer
          <select value={officerId} onChange={(e) => setOfficerId(e.target.value)} data-testid="filter-officer">
            <option value="">every officer</option>
            {officers.map((id) => (
              <option key={id} value={id}>
                {officerName(id)}
              </option>
            ))}
          </select>
        </label>
        {queue && (
          <p className="counts" data-testid="review-counts">
            {queue.counts.total} waiting: <span className="count-hold">✖ {queue.counts.HOLD} HOLD</span> · <span className="count-review">⚠ {queue.counts.REVIEW} REVIEW</span>
            {queue.counts.alreadyDispatched > 0 && <strong> · {queue.counts.alreadyDispatched} already sent before a list update</strong>}
          </p>
        )}
      </div>
      {!queue ? (
        <p>Loading the queue…</p>
      ) : queue.items.length === 0 ? (
        <p className="empty">Nothing is waiting for a decision.</p>
      ) : (
        <table className="queue">
          <thead>
            <tr>
              <th>#</th>
              <th>Verdict</th>
              <th>Scanned</th>
              <th>Officer</th>
              <th>Block</th>
              <th>Why</th>
              <th>State</th>
            </tr>
          </thead>
          <tbody>
            {queue.items.map((item) => (
              <tr key={item.id} className={`verdict-${item.verdict.toLowerCase()}`} data-testid="review-queue-item" data-letter-id={item.id}>
                <td>
                  <a href={hrefOf({ screen: 'letter', letterId: item.id })}>#{item.sequence}</a>
                </td>
                <td className="verdict-word">
                  {item.verdict === 'HOLD' ? '✖' : '⚠'} {item.verdict}
                </td>
                <td>{new Date(item.scannedAt).toLocaleString('en-GB')}</td>
                <td>{officerName(item.officerId)}</td>
                <td>{item.entryRefs.join(', ') || '—'}</td>
                <td>{item.why}</td>
                <td>{item.state === 'held' || item.state === 'awaiting-review' ? STATE_WORDS[item.state] : item.state}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
