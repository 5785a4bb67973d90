// Sign-in on the shared station, also used for a quick user switch (the current user stays signed
// in if the new one's password is wrong). Failures and lock-outs are said plainly.
import { useState, type FormEvent } from 'react';
import { roleLabel, type Session } from '../../records/index.ts';
import { useStation } from '../station/station-context.tsx';
import { problemText } from '../common/problem.ts';

interface Props {
  readonly notice: string | null;
  readonly switchingFrom: Session | null;
  onSignedIn(session: Session): void;
  onCancel(): void;
}

export function SignIn({ notice, switchingFrom, onSignedIn, onCancel }: Props) {
  const { records, info } = useStation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const session = switchingFrom ? await records.accounts.switchUser(username, password) : await records.accounts.signIn(username, password);
      setPassword('');
      onSignedIn(session);
    } catch (e) {
      setProblem(problemText(e, 'the sign-in did not work'));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <form onSubmit={(e) => void submit(e)}>
        <h1 id="sign-in-title">{switchingFrom ? 'Switch user' : 'Sign in to screen letters'}</h1>
        {switchingFrom && (
          <p>
            {switchingFrom.displayName} ({roleLabel(switchingFrom.role)}) stays signed in until the new user's password is accepted.
          </p>
        )}
        {notice && <p className="notice" role="status">{notice}</p>}
        <label>
          User name
          <input data-testid="login-user" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label>
          Password
          <input data-testid="login-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {problem && (
          <p className="problem" role="alert" data-testid="login-problem">
            {problem}
          </p>
        )}
        <div className="actions">
          <button data-testid="login-submit" type="submit" disabled={busy}>
            {busy ? 'Checking…' : 'Sign in'}
          </button>
          {switchingFrom && (
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
        {info.demoMode && (
          <p className="demo-accounts">
            Demo accounts: <code>officer</code> / <code>officer-demo</code>, <code>supervisor</code> / <code>supervisor-demo</code>, <code>admin</code> / <code>admin-demo</code>.
          </p>
        )}
      </form>
    </section>
  );
}
