// A new installation: the first run creates the first administrator, who then creates the others.
import { useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../records/index.ts';
import { useStation } from '../station/station-context.tsx';
import { problemText } from '../common/problem.ts';

export function FirstAdministrator({ onCreated }: { onCreated(): void }) {
  const { records } = useStation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await records.accounts.createFirstAdministrator({ username, password });
      onCreated();
    } catch (e) {
      setProblem(problemText(e, 'the account could not be created'));
    }
  };

  return (
    <section className="sign-in">
      <form onSubmit={(e) => void submit(e)}>
        <h1>New installation: create the first administrator</h1>
        <p>This account creates the officers' and supervisors' accounts. Choose a passphrase of at least {MIN_PASSWORD_LENGTH} characters.</p>
        <label>
          User name
          <input value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label>
          Passphrase
          <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {problem && <p className="problem" role="alert">{problem}</p>}
        <button type="submit">Create administrator</button>
      </form>
    </section>
  );
}
