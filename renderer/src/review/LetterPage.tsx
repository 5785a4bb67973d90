// A stopped letter's page for the supervisor: the envelope with what was read drawn over it, the
// matched entry with the victim's details (this view is audited), the engine's evidence in words,
// earlier letters to the same address, earlier decisions, and the decision to make.
import { useEffect, useState } from 'react';
import type { ReviewLetterView } from '../../records/index.ts';
import { useSignedIn, useStation } from '../station/station-context.tsx';
import { problemText } from '../common/problem.ts';
import { hrefOf } from '../shell/routes.ts';
import { EnvelopeFigure } from './EnvelopeFigure.tsx';
import { VictimEntry } from './VictimEntry.tsx';
import { DecisionForm } from './DecisionForm.tsx';
import { useOfficerNames } from './officer-names.ts';

type Loaded = { readonly letter: ReviewLetterView } | { readonly problem: string } | null;

export function LetterPage({ letterId }: { letterId: string }) {
  const { records, reloadEngine } = useStation();
  const { session } = useSignedIn();
  const officerName = useOfficerNames();
  const [loaded, setLoaded] = useState<Loaded>(null);

  useEffect(() => {
    let live = true;
    records.review.openLetter(session, letterId).then(
      (letter) => live && setLoaded({ letter }),
      (e: unknown) => live && setLoaded({ problem: problemText(e, 'the letter could not be opened') }),
    );
    return () => {
      live = false;
    };
  }, [records, session, letterId]);

  if (loaded === null) return <p className="loading">Opening the letter…</p>;
  if ('problem' in loaded) {
    return (
      <section className="letter-page">
        <p className="problem" role="alert" data-testid="letter-refused">
          {loaded.problem}
        </p>
      </section>
    );
  }
  const { letter } = loaded;
  const open = letter.state === 'held' || letter.state === 'awaiting-review';
  const onDecided = async (remembered: boolean) => {
    // A remembered release changes what the engine matches: load it again before the next scan.
    if (remembered) await reloadEngine();
    window.location.hash = hrefOf({ screen: 'review' });
  };

  return (
    <section className="letter-page" aria-labelledby="letter-title">
      <a href={hrefOf({ screen: 'review' })}>← Back to the review desk</a>
      <h1 id="letter-title" className={`verdict-${letter.verdict.toLowerCase()}`}>
        <span data-testid="verdict">
          {letter.verdict === 'HOLD' ? '✖' : '⚠'} {letter.verdict}
        </span>{' '}
        · letter #{letter.sequence}
      </h1>
      <p>
        Scanned {new Date(letter.scannedAt).toLocaleString('en-GB')} by {officerName(letter.officerId)} · list version {letter.listVersion ?? 'unknown'} · {letter.why}
        {letter.sender ? ` · sender ${letter.sender}` : ''}
      </p>
      <p className="audit-note">Opening this page was recorded in the audit trail as a view of victim details.</p>
      <div className="letter-columns">
        <div>
          <EnvelopeFigure image={letter.image} reading={letter.reading} entries={letter.entries} />
          <h2>Text read ({letter.reading.source === 'ocr' ? 'by the scanner' : 'typed by the officer'})</h2>
          <pre data-testid="addressee-text">{letter.reading.text || '(nothing could be read)'}</pre>
        </div>
        <div>
          <h2>Matched entries</h2>
          {letter.entries.length === 0 && <p>No block entry matched{letter.entryRefs.length > 0 ? ` (${letter.entryRefs.join(', ')} is no longer on the list)` : ''}.</p>}
          {letter.entries.map((e) => (
            <VictimEntry key={e.id} entry={e} />
          ))}
          <h2>Evidence</h2>
          <ul className="evidence" data-testid="evidence">
            {letter.result.matches.map((m) => (
              <li key={m.entryId}>
                <strong>
                  {m.entryId}: {m.verdict} ({Math.round(m.score * 100)}%, {m.rule.replace(/-/g, ' ')})
                </strong>
                <ul>
                  {m.reasons.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ul>
              </li>
            ))}
            {letter.result.matches.length === 0 && <li>{letter.why}</li>}
          </ul>
          <h2>Earlier letters to this address</h2>
          {letter.earlier.length === 0 ? (
            <p data-testid="earlier-letters">None on this station.</p>
          ) : (
            <ul data-testid="earlier-letters">
              {letter.earlier.map((e) => (
                <li key={e.id}>
                  #{e.sequence} · {new Date(e.scannedAt).toLocaleDateString('en-GB')} · {e.verdict} · {e.state}
                </li>
              ))}
            </ul>
          )}
          {letter.decisions.length > 0 && (
            <>
              <h2>Decisions</h2>
              <ul>
                {letter.decisions.map((d) => (
                  <li key={d.id}>
                    {new Date(d.decidedAt).toLocaleString('en-GB')} · {d.kind} by {officerName(d.supervisorId)}: {d.reason}
                    {d.reference ? ` (ref. ${d.reference})` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
      {open ? <DecisionForm letter={letter} onDecided={(r) => void onDecided(r)} /> : <p>This letter has been decided ({letter.state}).</p>}
    </section>
  );
}
