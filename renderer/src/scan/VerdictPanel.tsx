// One big verdict for the envelope in the officer's hand: the word, an icon and a colour (never
// colour alone), the running sequence number, what was read, and what to do with the letter.
// Officers see block references and why in words, never the victim's name or address.
import { useEffect, useMemo } from 'react';
import type { Verdict } from '../../../shared/screening/types.ts';
import type { OfficerLetterView } from '../../records/index.ts';

const ICON: Record<Verdict, string> = { CLEAR: '✔', HOLD: '✖', REVIEW: '⚠' };

export function instruction(view: OfficerLetterView, problem: string | null): string {
  const refs = view.entryRefs.join(', ');
  switch (view.verdict) {
    case 'HOLD':
      return `Put this letter in the hold tray: ${view.why} (block ${refs}).`;
    case 'REVIEW':
      if (view.state === 'officer-check') return 'Check the address by hand: type the postcode and house number below.';
      if (problem) return `Put this letter aside for a supervisor: ${problem}.`;
      return `Put this letter aside for a supervisor: ${view.why}${refs ? ` (block ${refs})` : ''}.`;
    case 'CLEAR':
      return 'No match on the protected list. The letter can go.';
    default: {
      const never: never = view.verdict;
      return never;
    }
  }
}

function useImageUrl(view: OfficerLetterView): string | null {
  const url = useMemo(() => (view.image && view.image.type.startsWith('image/') ? URL.createObjectURL(new Blob([view.image.bytes.slice()], { type: view.image.type })) : null), [view.image]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  return url;
}

interface Props {
  readonly view: OfficerLetterView;
  readonly fileName: string | null;
  readonly problem: string | null;
  readonly scannedBefore: number | null;
}

export function VerdictPanel({ view, fileName, problem, scannedBefore }: Props) {
  const imageUrl = useImageUrl(view);
  const read = view.reading.addresseeText ?? view.reading.text;
  return (
    <div className={`verdict-panel verdict-${view.verdict.toLowerCase()}`} data-testid="current-letter" data-letter-id={view.id}>
      <div className="sequence" data-testid="sequence-number" aria-label="Envelope number">
        #{view.sequence}
      </div>
      <div className="verdict" data-testid="verdict" role="status" aria-live="assertive">
        <span aria-hidden="true" className="icon">
          {ICON[view.verdict]}
        </span>{' '}
        {view.verdict}
      </div>
      <p className="instruction" data-testid="instruction">
        {instruction(view, problem)}
      </p>
      {scannedBefore !== null && <p className="notice">This image was scanned before, as letter #{scannedBefore}.</p>}
      {view.sender && <p>Sender: {view.sender}</p>}
      <div className="reading">
        {imageUrl ? <img src={imageUrl} alt={`Envelope ${view.sequence} as scanned`} /> : <div className="no-image">No preview</div>}
        <figure>
          <figcaption>Read from the envelope{fileName ? ` (${fileName})` : ''}</figcaption>
          <pre data-testid="addressee-text">{read || '(nothing could be read)'}</pre>
        </figure>
      </div>
    </div>
  );
}
