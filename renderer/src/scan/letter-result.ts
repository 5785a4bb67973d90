// From what main read off an envelope and what the engine found, page by page, to the one reading
// and one result the records keep for the letter. Whatever could not be read is REVIEW, never CLEAR.
import type { EnvelopeReading, PageReading } from '../../../shared/ipc/contract.ts';
import type { LetterScreening } from '../../../shared/letters/screen-pages.ts';
import type { MatchEvidence, ReviewReason, ScreeningResult } from '../../../shared/screening/types.ts';
import type { LetterReading } from '../../records/index.ts';

/** The OCR page size kept with the reading, so boxes can be drawn over the image later. */
export interface PageSize {
  readonly width: number;
  readonly height: number;
}

/** A reading as the station stores it: the layer's LetterReading plus word boxes and page size. */
export interface StoredReading extends LetterReading {
  readonly lines: readonly (LetterReading['lines'][number] & { readonly words?: PageReading['lines'][number]['words'] })[];
  readonly page?: PageSize;
}

export function readingOf(envelope: EnvelopeReading): StoredReading {
  const first = envelope.pages[0];
  const addressees = envelope.pages.map((p) => p.addresseeText).filter((t): t is string => t !== null && t.length > 0);
  return {
    text: envelope.pages.map((p) => p.text).join('\n\n— next page —\n\n'),
    addresseeText: addressees.length > 0 ? addressees.join('\n— next page —\n') : null,
    addresseeBox: first?.addresseeBox ?? null,
    lines: (first?.lines ?? []).map((l) => ({ text: l.text, confidence: l.confidence, box: l.box, words: l.words })),
    confidence: envelope.pages.length > 0 ? Math.min(...envelope.pages.map((p) => p.confidence)) : null,
    source: 'ocr',
    ...(first ? { page: { width: first.width, height: first.height } } : {}),
  };
}

export const emptyReading = (source: LetterReading['source'] = 'ocr'): StoredReading => ({
  text: '',
  addresseeText: null,
  addresseeBox: null,
  lines: [],
  confidence: null,
  source,
});

/** What the officer typed, put together as an envelope would read: corrections, house, postcode. */
export function checkedText(postcode: string, house: string, corrected: string): string {
  return [corrected.trim(), house.trim(), postcode.trim().toUpperCase()].filter((l) => l.length > 0).join('\n');
}

export function typedReading(text: string): StoredReading {
  return { ...emptyReading('officer-check'), text, addresseeText: text, confidence: 1 };
}

export function failedResult(matcher: string, reviewReason: ReviewReason): ScreeningResult {
  return { verdict: 'REVIEW', reviewReason, addressee: null, matches: [], sender: null, matcher };
}

/** The letter's result: the worst page's, with every page's matches (best first, one per entry). */
export function resultOf(screening: LetterScreening, matcher: string): ScreeningResult {
  const worst = screening.pages.find((p) => p.verdict === screening.verdict);
  if (!worst) return failedResult(matcher, 'unreadable');
  const best = new Map<string, MatchEvidence>();
  for (const m of screening.pages.flatMap((p) => p.matches)) {
    const seen = best.get(m.entryId);
    if (!seen || m.score > seen.score) best.set(m.entryId, m);
  }
  return { ...worst, matches: [...best.values()].sort((a, b) => b.score - a.score) };
}

/**
 * Past the hard age limit a CLEAR cannot be trusted (the list may lack new entries): REVIEW with
 * the reason `list-stale`, for a supervisor. HOLD and REVIEW stand as they are.
 */
export function withListAge(result: ScreeningResult, listTime: string | null, hardLimitMs: number | null, now: number): ScreeningResult {
  if (hardLimitMs === null || result.verdict !== 'CLEAR') return result;
  const age = listTime ? now - Date.parse(listTime) : Number.POSITIVE_INFINITY;
  return age > hardLimitMs ? { ...result, verdict: 'REVIEW', reviewReason: 'list-stale' } : result;
}

const TYPES: Readonly<Record<string, string>> = { jpeg: 'image/jpeg', jpg: 'image/jpeg', png: 'image/png', tiff: 'image/tiff', webp: 'image/webp', pdf: 'application/pdf' };

export function imageTypeOf(file: File, format: string | null): string {
  if (file.type) return file.type;
  const ext = (format ?? file.name.split('.').pop() ?? '').toLowerCase();
  return TYPES[ext] ?? 'application/octet-stream';
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes.slice().buffer);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
