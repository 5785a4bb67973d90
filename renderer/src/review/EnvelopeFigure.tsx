// The envelope as scanned, with what OCR found drawn over it: every line read (thin), the
// addressee block (dashed) and the words that matched the block entry (filled red).
import { useEffect, useMemo } from 'react';
import type { BlockEntry } from '../../../shared/blocklist/format.ts';
import type { EnvelopeImage, LetterReading } from '../../records/index.ts';
import type { StoredReading } from '../scan/letter-result.ts';

const norm = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** The words of the matched entries, as OCR words would read them. */
export function entryWords(entries: readonly BlockEntry[]): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => text.split(/[\s,]+/).map(norm).filter((w) => w.length >= 2).forEach((w) => words.add(w));
  for (const e of entries) {
    e.names.forEach(add);
    for (const a of e.addresses) {
      a.lines.forEach(add);
      if (a.town) add(a.town);
      if (a.postcode) add(a.postcode);
    }
  }
  return words;
}

export function EnvelopeFigure({ image, reading, entries }: { image: EnvelopeImage | null; reading: LetterReading; entries: readonly BlockEntry[] }) {
  const url = useMemo(() => (image && image.type.startsWith('image/') ? URL.createObjectURL(new Blob([image.bytes.slice()], { type: image.type })) : null), [image]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const stored = reading as StoredReading;
  const matched = entryWords(entries);
  const box = stored.addresseeBox;
  // Only the addressee's words: a town in the prison's return address is not evidence.
  const inAddressee = (b: { x: number; y: number; width: number; height: number }) =>
    !box || (b.x + b.width / 2 >= box.x && b.x + b.width / 2 <= box.x + box.width && b.y + b.height / 2 >= box.y && b.y + b.height / 2 <= box.y + box.height);
  const words = stored.lines.flatMap((l) => l.words ?? []).filter((w) => inAddressee(w.box));
  const size = stored.page;

  if (!url) return <div className="no-image">No image kept for this letter</div>;
  return (
    <figure className="envelope-figure" data-testid="envelope-figure">
      <div className="overlay-frame">
        <img src={url} alt="The envelope as scanned" />
        {size && (
          <svg viewBox={`0 0 ${size.width} ${size.height}`} preserveAspectRatio="none" aria-hidden="true">
            {stored.lines.map((l, i) => (
              <rect key={`l${i}`} className="ocr-line" x={l.box.x} y={l.box.y} width={l.box.width} height={l.box.height} />
            ))}
            {stored.addresseeBox && <rect className="ocr-addressee" x={stored.addresseeBox.x} y={stored.addresseeBox.y} width={stored.addresseeBox.width} height={stored.addresseeBox.height} />}
            {words
              .filter((w) => matched.has(norm(w.text)))
              .map((w, i) => (
                <rect key={`w${i}`} className="ocr-match" data-testid="matched-word" x={w.box.x} y={w.box.y} width={w.box.width} height={w.box.height} />
              ))}
          </svg>
        )}
      </div>
      <figcaption>Boxes: lines read (blue), the addressee (dashed), words that match the entry (red).</figcaption>
    </figure>
  );
}
