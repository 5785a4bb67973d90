// The administrator's accounts: who may sign in at this station, with which role; unlock after a
// lock-out, disable, reset a password, create a new account. The layer keeps the last administrator.
import { useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { ROLES, roleLabel, type Role, type UserSummary } from '../../records/index.ts';
import { useSignedIn, useStation } from '../station/station-context.tsx';
import { problemText } from '../common/problem.ts';

export function Accounts() {
  const { records } = useStation();
  const { session } = useSignedIn();
  const [changed, setChanged] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const users = useLiveQuery(() => records.accounts.list(session).catch(() => null), [records, session, changed]);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('officer');
  const [password, setPassword] = useState('');

  const act = async (work: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await work();
      setChanged((c) => c + 1);
    } catch (e) {
      setProblem(problemText(e, 'the change was not made'));
    }
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      await records.accounts.create(session, { username, role, password });
      setUsername('');
      setPassword('');
    });
  };
  const resetPassword = (u: UserSummary) => {
    const next = window.prompt(`New password for ${u.username} (they should change it at the next sign-in):`);
    if (next) void act(() => records.accounts.resetPassword(session, u.id, next));
  };

  return (
    <section aria-labelledby="accounts-title">
      <h2 id="accounts-title">Accounts</h2>
      {problem && <p className="problem" role="alert">{problem}</p>}
      <table>
        <thead>
          <tr>
            <th>User name</th>
            <th>Role</th>
            <th>State</th>
            <th>Last sign-in</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {(users ?? []).map((u) => (
            <tr key={u.id} data-testid="account-row">
              <td>
                {u.username}
                {u.demo ? ' (demo)' : ''}
              </td>
              <td>
                <select value={u.role} onChange={(e) => void act(() => records.accounts.setRole(session, u.id, e.target.value as Role))} aria-label={`Role of ${u.username}`}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {roleLabel(r)}
                    </option>
                  ))}
                </select>
              </td>
              <td>{u.disabled ? 'disabled' : u.locked ? 'LOCKED' : 'active'}</td>
              <td>{u.lastSignInAt ? new Date(u.lastSignInAt).toLocaleString('en-GB') : 'never'}</td>
              <td className="row-actions">
                {u.locked && (
                  <button type="button" onClick={() => void act(() => records.accounts.unlock(session, u.id))} data-testid="account-unlock">
                    Unlock
                  </button>
                )}
                <button type="button" onClick={() => void act(() => records.accounts.setDisabled(session, u.id, !u.disabled))}>
                  {u.disabled ? 'Enable' : 'Disable'}
                </button>
                <button type="button" onClick={() => resetPassword(u)}>
                  Reset password
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="inline-form" onSubmit={create}>
        <h3>New account</h3>
        <label>
          User name <input value={username} onChange={(e) => setUsername(e.target.value)} required data-testid="account-username" />
        </label>
        <label>
          Role
          <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="account-role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Password <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required data-testid="account-password" />
        </label>
        <button type="submit" data-testid="account-create">
          Create account
        </button>
      </form>
    </section>
  );
}
