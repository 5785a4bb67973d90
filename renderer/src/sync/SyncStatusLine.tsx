// The banner's sync line: connected or not, the list version, its age by the service's signed time,
// the last successful sync, a clock far from the service's, and any failure in words; any user of an
// enrolled station may ask for a sync at once. An air-gapped station says when its last file was
// imported instead (the age still by the file's signed time) and never offers a network sync.
import { useEffect, useState } from 'react';
import { assessFreshness } from '../../../shared/sync-client/index.ts';
import type { SyncController } from './sync-controller.ts';
import { useSyncStatus } from './use-sync-status.ts';
import { isAirGapped } from './sync-controller.ts';
import { AIR_GAPPED_NO_LIST, ageWords, clockWords, phaseWords, syncNeedsAttention } from './sync-words.ts';

export function SyncStatusLine({ sync }: { readonly sync: SyncController }) {
  const status = useSyncStatus(sync);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const freshness = status.list && status.freshness ? assessFreshness(status.list, now, status.freshnessPolicy) : status.freshness;
  const attention = syncNeedsAttention({ ...status, freshness });
  const airGapped = isAirGapped(status.enrolment);
  const freshnessMessage = airGapped && freshness?.level === 'no-list' ? AIR_GAPPED_NO_LIST : freshness?.message;

  return (
    <span className={attention ? 'sync-line list-stale' : 'sync-line'} data-testid="sync-status" data-phase={status.phase}>
      <span data-testid="sync-state">
        Sync: {phaseWords(status.phase)}
        {airGapped && `: last import ${status.list ? clockWords(status.list.checkedAt) : 'none yet'}`}
      </span>
      {status.list && (
        <>
          {' · '}
          <span data-testid="sync-list-version">list version {status.list.version}</span>
          {freshness && <span data-testid="sync-age"> · {ageWords(freshness.ageMs)} by the service&apos;s time</span>}
        </>
      )}
      {status.enrolment?.enrolled && !airGapped && <span data-testid="sync-last"> · last sync {clockWords(status.lastSuccessAt)}</span>}
      {status.enrolment?.enrolled && !airGapped && (
        <>
          {' '}
          <button type="button" className="sync-now" data-testid="sync-now-banner" disabled={status.phase === 'syncing'} onClick={() => void sync.syncNow().catch(() => undefined)}>
            Sync now
          </button>
        </>
      )}
      {status.pendingEvents > 0 && <span data-testid="sync-pending"> · {status.pendingEvents} event(s) waiting to send</span>}
      {freshnessMessage && (
        <span role="alert" data-testid="sync-freshness">
          {' '}
          {freshnessMessage}
        </span>
      )}
      {status.recheckProblem && (
        <span role="alert" data-testid="sync-recheck-problem">
          {' '}
          {status.recheckProblem}
        </span>
      )}
      {status.lastError && (
        <span role="alert" data-testid="sync-error">
          {' '}
          {status.lastError}
        </span>
      )}
    </span>
  );
}
