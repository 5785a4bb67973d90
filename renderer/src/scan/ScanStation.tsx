// The officer's scan station: envelopes in (file picker, drag and drop, document camera), screened
// as a batch with one big verdict for the envelope in hand, a pause on every stopped letter, the
// officer check for unreadable addresses and a hold slip to print. Works by keyboard alone.
import { useRef, useState, type DragEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { LetterSummary } from '../../records/index.ts';
import { useSignedIn, useStation } from '../station/station-context.tsx';
import { problemText } from '../common/problem.ts';
import { useBatch } from './batch.ts';
import { BatchProgress } from './BatchProgress.tsx';
import { VerdictPanel } from './VerdictPanel.tsx';
import { OfficerCheck } from './OfficerCheck.tsx';
import { OfficerQueue } from './OfficerQueue.tsx';
import { HoldSlip } from './HoldSlip.tsx';
import { DocumentCamera } from './DocumentCamera.tsx';
import { readEnvelope, recordEnvelope, type ScreenedEnvelope } from './screen-envelope.ts';
import { saveSoundPreference, soundFor, soundPreference } from './alert-sound.ts';
import { useStationKeys, type StationAction } from './station-keys.ts';
import { useHotFolder } from './hot-folder.ts';
import { mailroom } from '../platform/bridge.ts';

const ACCEPT = 'image/jpeg,image/png,image/tiff,image/webp,application/pdf,.jpg,.jpeg,.png,.tif,.tiff,.webp,.pdf';
const PRISON_NUMBER = /^[A-Z]\d{4}[A-Z]{2}$/;

export function ScanStation() {
  const { records, engine, engineState, info, mainList, sync } = useStation();
  const settings = useLiveQuery(() => records.settings.read(), [records]);
  // The demo list is not a real list: its age is shown on the banner but does not stop letters. A
  // list synced from the service is judged by its freshness (the service's signed time) instead.
  const synced = sync.freshnessNow() !== null;
  const hardLimitMs = synced || (info.demoMode && mainList.source === 'demo') ? null : (settings?.listHardLimitDays ?? 7) * 86_400_000;
  const { session } = useSignedIn();
  const [current, setCurrent] = useState<ScreenedEnvelope | null>(null);
  const [history, setHistory] = useState<readonly LetterSummary[]>([]);
  const [sender, setSender] = useState('');
  const [sound, setSound] = useState(soundPreference);
  const [camera, setCamera] = useState(false);
  const [slip, setSlip] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const typedSender = PRISON_NUMBER.test(sender.trim().toUpperCase()) ? sender.trim().toUpperCase() : undefined;

  const show = (screened: ScreenedEnvelope) => {
    setCurrent(screened);
    setSlip(false);
    setHistory((h) => [screened.view, ...h.filter((l) => l.id !== screened.view.id)].slice(0, 40));
    if (sound) soundFor(screened.view.verdict);
  };

  const batch = useBatch(
    (file) => {
      if (engineState.kind !== 'ready') return Promise.reject(new Error('screening is not ready'));
      const { matcher, listVersion, listTime } = engineState;
      return readEnvelope({ engine, matcher, listVersion, listTime, hardLimitMs, freshness: sync.freshnessNow(), sender: typedSender }, file);
    },
    async (read, batchId) => {
      const screened = await recordEnvelope({ records, session, batchId }, read).catch((e: unknown) => {
        throw new Error(problemText(e, 'the envelope could not be recorded'));
      });
      show(screened);
      if (read.intakeId) void mailroom().intake.done(read.intakeId, screened.view.verdict).catch(() => undefined);
      return screened.view.verdict;
    },
  );
  useHotFolder(engineState.kind === 'ready', batch.add);

  const openWaiting = async (letter: LetterSummary) => {
    try {
      show({ view: await records.letters.officerView(session, letter.id), fileName: null, problem: null, scannedBefore: null });
    } catch (e) {
      setProblem(problemText(e));
    }
  };

  const toggleSound = () =>
    setSound((on) => {
      saveSoundPreference(!on);
      return !on;
    });

  const stopped = current !== null && current.view.verdict !== 'CLEAR' && current.view.state !== 'officer-check' && current.view.state !== 'rescan';
  const act = (action: StationAction) => {
    switch (action) {
      case 'acknowledge':
        return batch.acknowledge();
      case 'open-files':
        return fileInput.current?.click();
      case 'camera':
        return setCamera((c) => !c);
      case 'slip':
        return stopped && setSlip(true);
      case 'sound':
        return toggleSound();
      case 'close':
        return setSlip(false);
      default: {
        const never: never = action;
        return never;
      }
    }
  };
  useStationKeys(!camera, act);

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    batch.add([...event.dataTransfer.files]);
  };
  const ready = engineState.kind === 'ready';
  const needsCheck = current && (current.view.state === 'officer-check' || current.view.state === 'rescan');

  return (
    <section className="station" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <div className="intake">
        <label className="scan-button">
          Scan or import envelopes (O)
          <input
            ref={fileInput}
            data-testid="scan-input"
            type="file"
            accept={ACCEPT}
            multiple
            disabled={!ready}
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])];
              e.currentTarget.value = '';
              batch.add(files);
            }}
          />
        </label>
        <button type="button" onClick={() => setCamera((c) => !c)} disabled={!ready}>
          Document camera (D)
        </button>
        <label>
          Sender's prison number
          <input data-testid="sender" value={sender} onChange={(e) => setSender(e.target.value)} placeholder="A1234BC" size={9} />
        </label>
        <label className="sound-toggle">
          <input type="checkbox" checked={sound} onChange={toggleSound} data-testid="sound-toggle" /> Sound on HOLD and REVIEW (M)
        </label>
        <span className="status" role="status">
          {engineState.kind === 'loading' ? 'Loading the blocklist…' : !ready ? 'Screening unavailable' : batch.progress.working ? 'Reading envelope…' : 'Ready for the next envelope'}
        </span>
      </div>
      {camera && <DocumentCamera onCapture={(f) => batch.add([f])} onClose={() => setCamera(false)} />}
      <BatchProgress progress={batch.progress} />
      {(batch.problem ?? problem) && <p className="problem" role="alert">{batch.problem ?? problem}</p>}
      {current ? (
        <VerdictPanel view={current.view} fileName={current.fileName} problem={current.problem} scannedBefore={current.scannedBefore} />
      ) : (
        <div className="verdict-panel idle">Scan an envelope to screen it. Drop files here, press O to choose files or D for the document camera.</div>
      )}
      {needsCheck && <OfficerCheck key={current.view.id} view={current.view} sender={typedSender} hardLimitMs={hardLimitMs} onChecked={(view) => show({ ...current, view, problem: null })} />}
      <div className="station-actions">
        {stopped && (
          <button type="button" data-testid="hold-slip-open" onClick={() => setSlip(true)}>
            Hold slip (S)
          </button>
        )}
        {batch.progress.paused && (
          <button type="button" className="acknowledge" data-testid="acknowledge" onClick={batch.acknowledge} autoFocus>
            Letter put aside: next envelope (Enter)
          </button>
        )}
      </div>
      {slip && current && <HoldSlip letter={current.view} station={info.station} onClose={() => setSlip(false)} />}
      <p className="keys">Keys: O choose files · D document camera · Enter next envelope after a stopped letter · S hold slip · M sound on or off · Esc close</p>
      <OfficerQueue onOpen={(l) => void openWaiting(l)} />
      {history.length > 1 && (
        <ol className="history" aria-label="Earlier envelopes in this session">
          {history.slice(1).map((h) => (
            <li key={h.id} className={`verdict-${h.verdict.toLowerCase()}`}>
              #{h.sequence} {h.verdict} {h.entryRefs.length > 0 ? `(${h.entryRefs.join(', ')})` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
