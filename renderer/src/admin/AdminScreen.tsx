// Administration: accounts, the central service (enrolment, snapshot files), the blocklist file, station settings and retention.
import { Accounts } from './Accounts.tsx';
import { ListAndSettings } from './ListAndSettings.tsx';
import { SyncAdmin } from './SyncAdmin.tsx';

export function AdminScreen() {
  return (
    <section className="admin" aria-labelledby="admin-title">
      <h1 id="admin-title">Administration</h1>
      <Accounts />
      <SyncAdmin />
      <ListAndSettings />
    </section>
  );
}
