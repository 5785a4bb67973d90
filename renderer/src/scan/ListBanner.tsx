// Which blocklist the station screens with: its version, its age, and whether it is demo data.
import { useEffect, useState } from 'react';
import type { AppInfo, CurrentList } from '../../../shared/ipc/contract.ts';

const STALE_HOURS = 24;

function age(generatedAt: string | undefined, now: number): { text: string; stale: boolean } {
  if (!generatedAt) return { text: 'age unknown', stale: true };
  const hours = (now - Date.parse(generatedAt)) / 3_600_000;
  const text = hours < 1 ? 'less than an hour old' : hours < 48 ? `${Math.floor(hours)} h old` : `${Math.floor(hours / 24)} days old`;
  return { text, stale: hours > STALE_HOURS };
}

export function ListBanner({ info, current }: { info: AppInfo; current: CurrentList }) {
  const demo = current.source === 'demo';
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const { text, stale } = age(current.list.generatedAt, now);
  return (
    <header className={`banner ${demo ? 'demo' : stale ? 'stale' : 'current'}`}>
      <strong>Mailroom Screen</strong>
      {demo && <span className="demo-flag">DEMO MODE: invented people, not a real blocklist</span>}
      <span data-testid="list-version">
        Blocklist version {current.list.version} ({current.list.entries.length} entries, {demo ? 'demo data' : text})
      </span>
      {!demo && stale && <span role="alert">The blocklist is out of date: sync before trusting CLEAR.</span>}
      <span className="shell">v{info.version} · {info.shell}</span>
    </header>
  );
}
