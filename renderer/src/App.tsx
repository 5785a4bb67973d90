// The window: the list banner and the scan station. Sign-in, the review desk and reports arrive
// with the records and station issues.
import { useEffect, useState } from 'react';
import type { AppInfo, CurrentList } from '../../shared/ipc/contract.ts';
import { mailroom } from './platform/bridge.ts';
import { ListBanner } from './scan/ListBanner.tsx';
import { ScanStation } from './scan/ScanStation.tsx';

type Loaded = { info: AppInfo; current: CurrentList } | { error: string } | null;

export function App() {
  const [loaded, setLoaded] = useState<Loaded>(null);
  useEffect(() => {
    let live = true;
    Promise.all([mailroom().app.info(), mailroom().blocklist.current()])
      .then(([info, current]) => live && setLoaded({ info, current }))
      .catch((e: unknown) => live && setLoaded({ error: e instanceof Error ? e.message : 'the service did not answer' }));
    return () => {
      live = false;
    };
  }, []);

  if (loaded === null) return <main className="app loading">Starting Mailroom Screen…</main>;
  if ('error' in loaded) {
    return (
      <main className="app">
        <p role="alert" className="fatal">
          Screening is not available: {loaded.error}. Hold every letter until this is fixed.
        </p>
      </main>
    );
  }
  return (
    <main className="app">
      <ListBanner info={loaded.info} current={loaded.current} />
      <ScanStation list={loaded.current.list} />
    </main>
  );
}
