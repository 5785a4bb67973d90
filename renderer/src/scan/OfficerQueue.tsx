// Letters waiting for an officer: unreadable ones not yet checked, and those a supervisor returned
// to be scanned again. Live, so a return made on the review desk shows up here at once.
import { useLiveQuery } from 'dexie-react-hooks';
import type { LetterSummary } from '../../records/index.ts';
import { useSignedIn, useStation } from '../station/station-context.tsx';

export function OfficerQueue({ onOpen }: { onOpen(letter: LetterSummary): void }) {
  const { records } = useStation();
  const { session } = useSignedIn();
  const waiting = useLiveQuery(() => records.letters.officerQueue(session).catch(() => []), [records, session]);
  if (!waiting || waiting.length === 0) return null;
  return (
    <section className="officer-queue" aria-label="Letters waiting for an officer">
      <h2>Waiting for an officer ({waiting.length})</h2>
      <ul>
        {waiting.map((l) => (
          <li key={l.id}>
            <button type="button" onClick={() => onOpen(l)} data-testid="officer-queue-item">
              #{l.sequence} · {l.state === 'rescan' ? 'returned by a supervisor: scan again or check by hand' : 'address not read: check by hand'}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
