// The officer check for a letter the scanner could not read: the officer types the postcode and
// house number (or corrects the text) and the letter is screened again at once. Only what is
// still uncertain goes on to a supervisor.
import { useState, type FormEvent } from 'react';
import type { OfficerLetterView } from '../../records/index.ts';
import { useSignedIn, useStation } from '../station/station-context.tsx';
import { problemText } from '../common/problem.ts';
import { guardWithFreshness } from '../sync/freshness-guard.ts';
import { checkedText, resultOf, typedReading, withListAge } from './letter-result.ts';

interface Props {
  readonly view: OfficerLetterView;
  readonly sender: string | undefined;
  readonly hardLimitMs: number | null;
  onChecked(view: OfficerLetterView): void;
}

export function OfficerCheck({ view, sender, hardLimitMs, onChecked }: Props) {
  const { records, engine, engineState, sync } = useStation();
  const { session } = useSignedIn();
  const [postcode, setPostcode] = useState('');
  const [house, setHouse] = useState('');
  const [corrected, setCorrected] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (engineState.kind !== 'ready') return setProblem('the screening engine is not ready');
    const text = checkedText(postcode, house, corrected);
    try {
      const screening = await engine.screen([{ text, unreadable: null, confidence: 1 }], sender ?? view.sender ?? undefined);
      const checked = await records.letters.officerCheck(session, view.id, typedReading(text), guardWithFreshness(withListAge(resultOf(screening, engineState.matcher), engineState.listTime, hardLimitMs, Date.now()), sync.freshnessNow()), engineState.listVersion);
      onChecked(checked);
    } catch (e) {
      setProblem(problemText(e, 'the check could not be recorded'));
    }
  };

  return (
    <form className="officer-check" onSubmit={(e) => void submit(e)} aria-label="Officer check">
      <h2>Officer check for letter #{view.sequence}</h2>
      <label>
        Postcode
        <input data-testid="officer-check-postcode" value={postcode} onChange={(e) => setPostcode(e.target.value)} autoFocus required placeholder="LS6 2AB" />
      </label>
      <label>
        House number or name
        <input data-testid="officer-check-house" value={house} onChange={(e) => setHouse(e.target.value)} placeholder="14" />
      </label>
      <label className="wide">
        Corrected address (optional)
        <textarea value={corrected} onChange={(e) => setCorrected(e.target.value)} rows={3} />
      </label>
      <button data-testid="officer-check-submit" type="submit">
        Screen again
      </button>
      {problem && <p className="problem" role="alert">{problem}</p>}
    </form>
  );
}
