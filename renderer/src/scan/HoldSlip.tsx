// The hold slip that goes into the hold tray with the letter: sequence number, the letter's
// reference with its barcode, date, verdict and block reference. Never a victim's name or address.
import { useMemo } from 'react';
import bwipjs from 'bwip-js/browser';
import type { LetterSummary } from '../../records/index.ts';

export const letterReference = (station: string, sequence: number): string => `${station}-${String(sequence).padStart(6, '0')}`;

function barcodeSvg(text: string): string | null {
  try {
    return bwipjs.toSVG({ bcid: 'code128', text, scale: 2, height: 12, includetext: true, textxalign: 'center' });
  } catch {
    return null;
  }
}

export function HoldSlip({ letter, station, onClose }: { letter: LetterSummary; station: string; onClose(): void }) {
  const reference = letterReference(station, letter.sequence);
  const barcode = useMemo(() => barcodeSvg(reference), [reference]);
  const src = barcode ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(barcode)}` : null;
  return (
    <div className="slip-backdrop">
      <article className="hold-slip" data-testid="hold-slip" aria-label={`Hold slip for letter ${letter.sequence}`}>
        <h2>HOLD SLIP — do not send</h2>
        <p className="slip-sequence">#{letter.sequence}</p>
        <dl>
          <dt>Reference</dt>
          <dd data-testid="hold-slip-reference">{reference}</dd>
          <dt>Scanned</dt>
          <dd>{new Date(letter.scannedAt).toLocaleString('en-GB')}</dd>
          <dt>Verdict</dt>
          <dd>{letter.verdict}</dd>
          <dt>Block reference</dt>
          <dd>{letter.entryRefs.length > 0 ? letter.entryRefs.join(', ') : 'none (address not read)'}</dd>
          <dt>Why</dt>
          <dd>{letter.why}</dd>
        </dl>
        {src ? <img className="barcode" data-testid="hold-slip-barcode" src={src} alt={`Barcode of ${reference}`} /> : <p>Barcode unavailable: write the reference by hand.</p>}
        <p className="slip-note">Keep this slip with the letter in the hold tray until a supervisor decides.</p>
        <div className="slip-actions">
          <button type="button" onClick={() => window.print()} autoFocus>
            Print (Enter)
          </button>
          <button type="button" onClick={onClose}>
            Close (Esc)
          </button>
        </div>
      </article>
    </div>
  );
}
