// One big verdict for the envelope in the officer's hand: the word, an icon and a colour (never
// colour alone), the running sequence number, what was read, and what to do with the letter.
import type { LetterScreening } from '../../../shared/letters/screen-pages.ts';
import type { Verdict } from '../../../shared/screening/types.ts';

export interface Screened {
  readonly sequence: number;
  readonly fileName: string;
  readonly imageUrl: string;
  readonly verdict: Verdict;
  readonly screening: LetterScreening | null;
  readonly readText: string;
  readonly problem: string | null;
}

const ICON: Record<Verdict, string> = { CLEAR: '✔', HOLD: '✖', REVIEW: '⚠' };

function instruction(s: Screened): string {
  const refs = [...new Set(s.screening?.pages.flatMap((p) => p.matches.map((m) => m.entryId)) ?? [])];
  switch (s.verdict) {
    case 'HOLD':
      return `Put this letter in the hold tray. It is addressed to a protected person or address (block ${refs.join(', ')}).`;
    case 'REVIEW':
      if (s.problem) return `Put this letter aside for a supervisor: ${s.problem}.`;
      if (refs.length > 0) return `Put this letter aside for a supervisor: it may match block ${refs.join(', ')}.`;
      return 'Put this letter aside: the addressee could not be read with confidence.';
    case 'CLEAR':
      return 'No match on the blocklist. The letter can go.';
    default: {
      const never: never = s.verdict;
      return never;
    }
  }
}

export function VerdictPanel({ current }: { current: Screened | null }) {
  if (!current) {
    return <div className="verdict-panel idle">Scan an envelope to screen it.</div>;
  }
  return (
    <div className={`verdict-panel verdict-${current.verdict.toLowerCase()}`}>
      <div className="sequence" data-testid="sequence-number" aria-label="Envelope number">
        #{current.sequence}
      </div>
      <div className="verdict" data-testid="verdict" role="status" aria-live="assertive">
        <span aria-hidden="true" className="icon">
          {ICON[current.verdict]}
        </span>{' '}
        {current.verdict}
      </div>
      <p className="instruction">{instruction(current)}</p>
      <div className="reading">
        <img src={current.imageUrl} alt={`Envelope ${current.sequence} as scanned`} />
        <figure>
          <figcaption>Read from the envelope ({current.fileName})</figcaption>
          <pre data-testid="addressee-text">{current.readText || '(nothing could be read)'}</pre>
        </figure>
      </div>
    </div>
  );
}
