// Which blocklist the station screens with: its version, its age, and whether it is demo data.
// Red when the list is older than the configured limit; loud when the records are not encrypted.
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useStation } from '../station/station-context.tsx';
import { SyncStatusLine } from '../sync/SyncStatusLine.tsx';
import { useSyncStatus } from '../sync/use-sync-status.ts';

function ageText(hours: number): string {
  if (hours < 1) return 'less than an hour old';
  if (hours < 48) return `${Math.floor(hours)} h old`;
  return `${Math.floor(hours / 24)} days old`;
}

export function ListBanner() {
  const { records, info, mainList, positiveControl, engineState, sync } = useStation();
  const syncStatus = useSyncStatus(sync);
  // Once a verified list from the service (or its signed file) is held, the station screens with it.
  const synced = syncStatus.list !== null;
  const status = useLiveQuery(() => records.blocklist.status(), [records]);
  const settings = useLiveQuery(() => records.settings.read(), [records]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const demo = !synced && info.demoMode && mainList.source === 'demo';
  // An enrolled station screens with the service's list alone: a list held from before is not shown as screening.
  const held = mainList.list === null && !synced ? null : status;
  const version = held?.version ?? mainList.list?.version ?? 'none';
  const generatedAt = held?.signature?.signedAt ?? held?.generatedAt ?? mainList.list?.generatedAt ?? null;
  const hours = generatedAt ? (now - Date.parse(generatedAt)) / 3_600_000 : null;
  const limit = settings?.listWarnAgeHours ?? 24;
  // A synced list's age is judged on the service's signed time (the sync line says how old it is).
  const stale = synced ? syncStatus.freshness?.level === 'warning' || syncStatus.freshness?.level === 'expired' : hours === null || hours > limit;
  const entries = held?.entryCount ?? mainList.list?.entries.length ?? 0;
  const age = hours === null ? 'age unknown' : ageText(hours);

  return (
    <header className={`banner ${stale && !demo ? 'stale' : demo ? 'demo' : 'current'}`}>
      <strong>Mailroom Screen</strong>
      {demo && <span className="demo-flag">DEMO MODE: invented people, not a real blocklist</span>}
      {positiveControl && <span className="control-flag">TEST POSITIVE CONTROL: RECORDS STORED UNENCRYPTED</span>}
      <span data-testid="list-version" className={stale ? 'list-stale' : undefined}>
        Blocklist version {version} ({entries} entries, {age}
        {demo ? ', demo data' : ''})
      </span>
      {stale && !synced && <span role="alert">{demo ? 'Demo list: ' : ''}the blocklist is older than {limit} h: sync before trusting CLEAR.</span>}
      {records.storageRefusal && <span role="alert">Victim data is not stored on this PC: {records.storageRefusal}</span>}
      {engineState.kind === 'unavailable' && <span role="alert">Screening unavailable: {engineState.reason}</span>}
      <SyncStatusLine sync={sync} />
      <span className="shell">
        {info.station} · v{info.version} · {info.shell}
      </span>
    </header>
  );
}
