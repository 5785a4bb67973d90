// The administrator's link to the central service: enrol the station once (server address, device
// token, server key: main checks them with the service and keeps the token), sync on demand, and,
// for an air-gapped mailroom, enrol with the server key and site alone and import the service's
// signed snapshot file (verified with the key main pinned). Either enrolment ends demo mode.
import { useState, type FormEvent } from 'react';
import { useSignedIn, useStation } from '../station/station-context.tsx';
import { problemText } from '../common/problem.ts';
import { useSyncStatus } from '../sync/use-sync-status.ts';
import { SyncProblem, type EnrolRequest } from '../sync/sync-controller.ts';
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
  const [fileServerKey, setFileServerKey] = useState('');
  const [site, setSite] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message>(null);
  const enrolment = status.enrolment?.enrolled ? status.enrolment : null;

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

  const enrolWith = (request: EnrolRequest, what: string) =>
    run(async () => {
      const after = await sync.enrol(session, request);
      setToken('');
      // Enrolled, the station is a real one: main leaves demo mode, so the window starts again
      // without the demo accounts (the first administrator is created next) and without the demo list.
      if (info.demoMode && !(await mailroom().app.info()).demoMode) {
        window.location.reload();
        return `Enrolled ${what}: the station leaves demo mode and starts again.`;
      }
      if ('mode' in request) return `Enrolled ${what}: import the service's signed snapshot file; until then every letter is REVIEW.`;
      return after.lastError
        ? `Enrolled with ${server}, but the first sync did not complete: ${after.lastError}`
        : `Enrolled with ${server}; list version ${after.list?.version ?? 'none'} is verified and screening uses it.`;
    });

  const enrol = (event: FormEvent) => {
    event.preventDefault();
    void enrolWith({ server, token, serverKey }, `with ${server}`);
  };

  const enrolAirGapped = (event: FormEvent) => {
    event.preventDefault();
    void enrolWith({ mode: 'file', serverKey: fileServerKey, site }, `air-gapped for site ${site.trim()}`);
  };

  const syncNow = () =>
    run(async () => {
      const after = await sync.syncNow();
      if (after.lastError) throw new SyncProblem(after.lastError);
      return `Synced: list version ${after.list?.version ?? 'none'}.`;
    });

  const importFile = (file: File) =>
    run(async () => {
      const outcome = await sync.importSnapshotFile(session, await file.text());
      if (!outcome.ok) throw new SyncProblem(`The file was refused and the list held before keeps screening: ${outcome.error.message}`);
      return `Snapshot file verified: list version ${outcome.version} installed; screening uses it now.`;
    });

  return (
    <section aria-labelledby="sync-title" className="sync-admin">
      <h2 id="sync-title">Central service</h2>
      <p data-testid="sync-enrolment">
        {!enrolment
          ? 'This station is not enrolled with the central service.'
          : enrolment.mode === 'file'
            ? `Enrolled air-gapped for site ${enrolment.site ?? ''} (server key ${enrolment.keyId}) since ${clockWords(Date.parse(enrolment.enrolledAt))}: the list comes only from the service's signed snapshot file, verified with that key.`
            : `Enrolled with ${enrolment.server ?? ''} (server key ${enrolment.keyId}) since ${clockWords(Date.parse(enrolment.enrolledAt))}. Sync: ${phaseWords(status.phase)}.`}
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
      <form className="inline-form" onSubmit={enrolAirGapped} aria-label="Air-gapped enrolment">
        <label>
          Server key (air-gapped)
          <input data-testid="sync-file-server-key" value={fileServerKey} onChange={(e) => setFileServerKey(e.target.value)} size={48} required />
        </label>
        <label>
          Site
          <input data-testid="sync-file-site" value={site} onChange={(e) => setSite(e.target.value)} size={8} placeholder="LEI" required />
        </label>
        <button type="submit" data-testid="sync-enrol-file" disabled={busy}>
          Enrol air-gapped (no network)
        </button>
      </form>
      {enrolment?.mode === 'network' && (
        <button type="button" data-testid="sync-now" disabled={busy} onClick={() => void syncNow()}>
          Sync now
        </button>
      )}
      <div className="inline-form">
        {!enrolment && <p data-testid="sync-import-needs-enrolment">To import a signed snapshot file, enrol the station first (air-gapped: its server key and site).</p>}
        <label className="file-import">
          Import a signed snapshot file (air-gapped mailrooms)
          <input
            type="file"
            accept=".json,application/json"
            data-testid="sync-import-file"
            disabled={busy || !enrolment}
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
