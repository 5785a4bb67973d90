// The window: starts the station (main's info and list, the records, the screening engine), then
// hands over to sign-in and the signed-in workspace. Anything that fails here fails closed.
import { useCallback, useEffect, useState } from 'react';
import { startStation, type StartedStation } from './station/start-station.ts';
import { loadEngine, type EngineState } from './station/screening-engine.ts';
import { StationContext, type Station } from './station/station-context.tsx';
import { SessionGate } from './session/SessionGate.tsx';
import { problemText } from './common/problem.ts';

type Starting = { readonly kind: 'starting' } | { readonly kind: 'failed'; readonly reason: string } | { readonly kind: 'ready'; readonly started: StartedStation };

const engineFailed = (e: unknown): EngineState => ({ kind: 'unavailable', reason: problemText(e, 'the screening engine did not start') });

export function App() {
  const [starting, setStarting] = useState<Starting>({ kind: 'starting' });
  const [engineState, setEngineState] = useState<EngineState>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    let stopListening: (() => void) | null = null;
    startStation()
      .then(async (started) => {
        if (!live) return;
        setStarting({ kind: 'ready', started });
        // A synced list replaces the one screening as soon as it is stored.
        stopListening = started.sync.onListChanged(async () => {
          const state = await loadEngine(started.engine, started.opened, started.mainList.list === null).catch(engineFailed);
          if (live) setEngineState(state);
        });
        const state = await loadEngine(started.engine, started.opened, started.mainList.list === null).catch(engineFailed);
        if (live) setEngineState(state);
        void started.sync.start();
      })
      .catch((e: unknown) => live && setStarting({ kind: 'failed', reason: problemText(e, 'the records could not be opened') }));
    return () => {
      live = false;
      stopListening?.();
    };
  }, []);

  const ready = starting.kind === 'ready' ? starting.started : null;
  const reloadEngine = useCallback(async () => {
    if (!ready) return;
    setEngineState({ kind: 'loading' });
    setEngineState(await loadEngine(ready.engine, ready.opened, ready.mainList.list === null).catch(engineFailed));
  }, [ready]);

  if (starting.kind === 'starting') return <main className="app loading">Starting Mailroom Screen…</main>;
  if (starting.kind === 'failed' || !ready) {
    return (
      <main className="app">
        <p role="alert" className="fatal">
          Screening is not available: {starting.kind === 'failed' ? starting.reason : 'the station did not start'}. Hold every letter until this is fixed.
        </p>
      </main>
    );
  }
  const station: Station = { ...ready, records: ready.opened.records, engineState, reloadEngine };
  return (
    <StationContext.Provider value={station}>
      <SessionGate />
    </StationContext.Provider>
  );
}
