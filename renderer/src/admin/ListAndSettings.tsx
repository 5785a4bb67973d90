// The administrator's list import and station settings (each change audited by the layer), and
// the retention purge on demand.
import { useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { StationSettings } from '../../records/index.ts';
import { useSignedIn, useStation } from '../station/station-context.tsx';
import { problemText } from '../common/problem.ts';

type NumberSetting = 'inactivityMinutes' | 'listWarnAgeHours' | 'retentionDays' | 'lockoutThreshold' | 'lockoutMinutes';
const NUMBERS: readonly { readonly key: NumberSetting; readonly label: string }[] = [
  { key: 'inactivityMinutes', label: 'Sign out after minutes without input' },
  { key: 'listWarnAgeHours', label: 'Banner turns red when the list is older than (hours)' },
  { key: 'retentionDays', label: 'Keep letters and images for (days)' },
  { key: 'lockoutThreshold', label: 'Lock an account after failed sign-ins' },
  { key: 'lockoutMinutes', label: 'Lock for (minutes)' },
];

export function ListAndSettings() {
  const { records, reloadEngine } = useStation();
  const { session } = useSignedIn();
  const settings = useLiveQuery(() => records.settings.read(), [records]);
  const [draft, setDraft] = useState<Partial<StationSettings>>({});
  const [message, setMessage] = useState<{ readonly ok: boolean; readonly text: string } | null>(null);

  const run = async (work: () => Promise<string>) => {
    setMessage(null);
    try {
      setMessage({ ok: true, text: await work() });
    } catch (e) {
      setMessage({ ok: false, text: problemText(e, 'the change was not made') });
    }
  };
  const importList = (file: File) =>
    run(async () => {
      const status = await records.blocklist.importFile(session, await file.text());
      await reloadEngine();
      return `List version ${status.version} installed (${status.entryCount} entries); screening uses it now.`;
    });
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await records.settings.update(session, draft);
      setDraft({});
      return 'Settings saved.';
    });
  };
  const purge = () =>
    run(async () => {
      const report = await records.retention.purgeNow(session);
      return `Purged ${report.lettersPurged} letters older than ${new Date(report.cutoff).toLocaleDateString('en-GB')}; ${report.keptOpen} still open were kept.`;
    });

  return (
    <section aria-labelledby="list-title">
      <h2 id="list-title">Blocklist and settings</h2>
      {message && (
        <p className={message.ok ? 'notice' : 'problem'} role="status" data-testid="admin-message">
          {message.text}
        </p>
      )}
      <label className="file-import">
        Import a blocklist file (mailroom-blocklist/v1)
        <input type="file" accept=".json,application/json" data-testid="list-import" onChange={(e) => e.target.files?.[0] && void importList(e.target.files[0])} />
      </label>
      {settings && (
        <form className="inline-form" onSubmit={save}>
          {NUMBERS.map(({ key, label }) => (
            <label key={key}>
              {label}
              <input type="number" value={draft[key] ?? settings[key]} onChange={(e) => setDraft((d) => ({ ...d, [key]: Number(e.target.value) }))} data-testid={`setting-${key}`} />
            </label>
          ))}
          <button type="submit" data-testid="settings-save">
            Save settings
          </button>
        </form>
      )}
      <button type="button" onClick={() => void purge()}>
        Purge old letters now
      </button>
    </section>
  );
}
