// The administrator's link to the central service: enrol the station once (server address, device
// token, server key: main checks them with the service and keeps the token), sync on demand, and,
// for an air-gapped mailroom, import the service's signed snapshot file.
import { useState, type FormEvent } from 'react';
import { useSignedIn, useStation } from '../station/station-context.tsx';
import { problemText } from '../common/problem.ts';
import { useSyncStatus } from '../sync/use-sync-status.ts';
import { SyncProblem } from '../sync/sync-controller.ts';
import { clockWords, phaseWords } from '../sync/sync-words.ts';
import { mailroom } from '../platform/bridge.ts';

type Message = { readonly ok: boolean; readonly text: string } | null;

export function SyncAdmin() {
  const { sync, info } = useStation();
  const { session } = useSignedIn();
  const status = useSyncStatus(sync);
  const [server, setServer] = useState('');
  const [token, setToken] = useState('');
  const [serverKey, setServerKey] = useState('');
  const [fileKey, setFileKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const enrolment = status.enrolment?.enrolled ? status.enrolment : null;
  // A file is verified with the key pinned at enrolment (or by an earlier file); only a station
  // with neither needs the key typed in.
  const needsFileKey = !enrolment && !status.list;

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ ok: true, text: await work() });
    } catch (e) {
      setMessage({ ok: false, text: e instanceof SyncProblem ? e.message : problemText(e, 'the change was not made') });
    } finally {
      setBusy(false);
    }
  };

  const enrol = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const after = await sync.enrol(session, { server, token, serverKey });
      setToken('');
      // Enrolled, the station is a real one: main leaves demo mode, so the window starts again
      // without the demo accounts (the first administrator is created next) and without the demo list.
      if (info.demoMode && !(await mailroom().app.info()).demoMode) {
        window.location.reload();
        return `Enrolled with ${server}: the station leaves demo mode and starts again.`;
      }
      return after.lastError
        ? `Enrolled with ${server}, but the first sync did not complete: ${after.lastError}`
        : `Enrolled with ${server}; list version ${after.list?.version ?? 'none'} is verified and screening uses it.`;
    });
  };

  const syncNow = () =>
    run(async () => {
      const after = await sync.syncNow();
      if (after.lastError) throw new SyncProblem(after.lastError);
      return `Synced: list version ${after.list?.version ?? 'none'}.`;
    });

  const importFile = (file: File) =>
    run(async () => {
      const outcome = await sync.importSnapshotFile(session, await file.text(), needsFileKey ? fileKey : null);
      if (!outcome.ok) throw new SyncProblem(`The file was refused and the list held before keeps screening: ${outcome.error.message}`);
      return `Snapshot file verified: list version ${outcome.version} installed; screening uses it now.`;
    });

  return (
    <section aria-labelledby="sync-title" className="sync-admin">
      <h2 id="sync-title">Central service</h2>
      <p data-testid="sync-enrolment">
        {enrolment
          ? `Enrolled with ${enrolment.server} (server key ${enrolment.keyId}) since ${clockWords(Date.parse(enrolment.enrolledAt))}. Sync: ${phaseWords(status.phase)}.`
          : 'This station is not enrolled with the central service.'}
      </p>
      {message && (
        <p className={message.ok ? 'notice' : 'problem'} role={message.ok ? 'status' : 'alert'} data-testid="sync-message">
          {message.text}
        </p>
      )}
      <form className="inline-form" onSubmit={enrol} aria-label="Enrol this station">
        <label>
          Server address
          <input data-testid="sync-server" value={server} onChange={(e) => setServer(e.target.value)} placeholder="https://blocklist.example.gov.uk" required />
        </label>
        <label>
          Device token
          <input data-testid="sync-token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} required />
        </label>
        <label>
          Server key
          <input data-testid="sync-server-key" value={serverKey} onChange={(e) => setServerKey(e.target.value)} size={48} required />
        </label>
        <button type="submit" data-testid="sync-enrol" disabled={busy}>
          {enrolment ? 'Enrol again' : 'Enrol station'}
        </button>
      </form>
      {enrolment && (
        <button type="button" data-testid="sync-now" disabled={busy} onClick={() => void syncNow()}>
          Sync now
        </button>
      )}
      <div className="inline-form">
        {needsFileKey && (
          <label>
            Server key for the file
            <input data-testid="sync-file-key" value={fileKey} onChange={(e) => setFileKey(e.target.value)} size={48} />
          </label>
        )}
        <label className="file-import">
          Import a signed snapshot file (air-gapped mailrooms)
          <input
            type="file"
            accept=".json,application/json"
            data-testid="sync-import-file"
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importFile(file);
            }}
          />
        </label>
      </div>
    </section>
  );
}
