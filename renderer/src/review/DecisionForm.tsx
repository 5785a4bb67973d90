// A supervisor's decision on a stopped letter, each with a mandatory reason: confirm the hold (and
// refer it, with a reference), release it (optionally remembered, so this addressee stops matching
// this entry), or return it to the officer to scan again.
import { useState } from 'react';
import type { DecisionInput, ReviewLetterView } from '../../records/index.ts';
import { useSignedIn, useStation } from '../station/station-context.tsx';
import { problemText } from '../common/problem.ts';

type Referral = '' | 'case-handler' | 'police';

export function rememberable(letter: ReviewLetterView) {
  return letter.result.matches.flatMap((m) =>
    m.entryFingerprint && m.addresseeFingerprint ? [{ entryId: m.entryId, entryFingerprint: m.entryFingerprint, addresseeFingerprint: m.addresseeFingerprint }] : [],
  );
}

export function DecisionForm({ letter, onDecided }: { letter: ReviewLetterView; onDecided(remembered: boolean): void }) {
  const { records } = useStation();
  const { session } = useSignedIn();
  const [reason, setReason] = useState('');
  const [referral, setReferral] = useState<Referral>('case-handler');
  const [reference, setReference] = useState('');
  const [remember, setRemember] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canRemember = rememberable(letter);

  const decide = async (input: DecisionInput) => {
    if (reason.trim().length < 5) return setProblem('Write the reason for this decision (at least 5 characters): it is kept with the decision.');
    if (input.kind === 'confirm-hold' && referral && !reference.trim()) return setProblem(`Give the ${referral === 'police' ? 'police' : "case handler's"} reference, or choose "no referral".`);
    setBusy(true);
    setProblem(null);
    try {
      await records.review.decide(session, letter.id, input);
      onDecided(input.kind === 'release' && (input.remember?.length ?? 0) > 0);
    } catch (e) {
      setProblem(problemText(e, 'the decision was not recorded'));
    } finally {
      setBusy(false);
    }
  };

  const text = reason.trim();
  return (
    <section className="decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Decision on letter #{letter.sequence}</h2>
      <label className="wide">
        Reason (required, kept with the decision)
        <textarea data-testid="decision-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} required />
      </label>
      <fieldset>
        <legend>Confirm the hold</legend>
        <label>
          Refer to
          <select value={referral} onChange={(e) => setReferral(e.target.value as Referral)} data-testid="decision-referral">
            <option value="case-handler">the case handler</option>
            <option value="police">the police</option>
            <option value="">no referral</option>
          </select>
        </label>
        {referral && (
          <label>
            Reference
            <input value={reference} onChange={(e) => setReference(e.target.value)} data-testid="decision-reference" />
          </label>
        )}
        <button
          type="button"
          className="danger"
          data-testid="decision-confirm"
          disabled={busy}
          onClick={() => void decide({ kind: 'confirm-hold', reason: text, ...(referral ? { referral: { to: referral, reference: reference.trim() } } : {}) })}
        >
          ✖ Confirm hold: withhold the letter
        </button>
      </fieldset>
      <fieldset>
        <legend>Release (a false match)</legend>
        {canRemember.length > 0 && (
          <label>
            <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} data-testid="decision-remember" /> Remember: this addressee no longer matches{' '}
            {canRemember.map((r) => r.entryId).join(', ')}
          </label>
        )}
        <button type="button" data-testid="decision-release" disabled={busy} onClick={() => void decide({ kind: 'release', reason: text, remember: remember ? canRemember : [] })}>
          ✔ Release the letter
        </button>
      </fieldset>
      <fieldset>
        <legend>Return to the officer</legend>
        <button type="button" data-testid="decision-return" disabled={busy} onClick={() => void decide({ kind: 'return-to-officer', reason: text })}>
          ↺ Return: scan again
        </button>
      </fieldset>
      {problem && (
        <p className="problem" role="alert" data-testid="decision-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
