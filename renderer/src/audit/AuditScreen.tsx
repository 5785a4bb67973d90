// The audit trail: recent events, "Verify audit trail" (every edited, moved or deleted event is
// named, including the newest through the signed head) and the CSV export with the result.
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { AuditVerification } from '../../records/index.ts';
import { useSignedIn, useStation } from '../station/station-context.tsx';
import { problemText } from '../common/problem.ts';
import { downloadText } from '../common/download.ts';

function detailsText(details: Readonly<Record<string, string | number | boolean | null>>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

function VerificationResult({ run, verification }: { run: number; verification: AuditVerification }) {
  return (
    <div className={`verification ${verification.status === 'VALID' ? 'valid' : 'broken'}`} data-testid="audit-verify-result" data-run={run} role="status">
      <strong>
        {verification.status === 'VALID' ? '✔' : '✖'} {verification.status}
      </strong>{' '}
      {verification.summary}
      {verification.problems.length > 0 && (
        <ul>
          {verification.problems.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function AuditScreen() {
  const { records, info } = useStation();
  const { session } = useSignedIn();
  const [verification, setVerification] = useState<{ readonly run: number; readonly result: AuditVerification } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const events = useLiveQuery(() => records.audit.recent(session, 100).catch(() => null), [records, session]);
  const signing = records.audit.signingProblem();

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (e) {
      setProblem(problemText(e, 'the audit trail could not be read'));
    } finally {
      setBusy(false);
    }
  };
  const show = (result: AuditVerification) => setVerification((v) => ({ run: (v?.run ?? 0) + 1, result }));
  const verify = () => run(async () => show(await records.audit.verify(session)));
  const exportCsv = () =>
    run(async () => {
      const out = await records.audit.exportCsv(session);
      show(out.verification);
      downloadText(`audit-${info.station}-${new Date().toISOString().slice(0, 10)}.csv`, out.csv);
    });

  return (
    <section className="audit-screen" aria-labelledby="audit-title">
      <h1 id="audit-title">Audit trail</h1>
      <div className="actions">
        <button type="button" data-testid="audit-verify" onClick={() => void verify()} disabled={busy}>
          Verify audit trail
        </button>{' '}
        <button type="button" data-testid="audit-export" onClick={() => void exportCsv()} disabled={busy}>
          Export CSV (with the verification)
        </button>
      </div>
      {problem && <p className="problem" role="alert">{problem}</p>}
      {signing && <p className="problem">The newest events are not yet signed by the station: {signing}</p>}
      {verification && (
        <VerificationResult run={verification.run} verification={verification.result} />
      )}
      <table className="audit-events">
        <thead>
          <tr>
            <th>#</th>
            <th>When</th>
            <th>What</th>
            <th>Who</th>
            <th>About</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          {(events ?? []).map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{new Date(e.at).toLocaleString('en-GB')}</td>
              <td>{e.kind}</td>
              <td>{e.actor ? e.actor.slice(0, 13) : '—'}</td>
              <td>{e.subject ? e.subject.slice(0, 13) : '—'}</td>
              <td>{detailsText(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
