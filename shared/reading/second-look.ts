// A second look at an addressee OCR read with low confidence, using what the blocklist knows. A read
// that comes near any listed postcode, street word or name (even through heavy OCR damage) stays
// REVIEW; only a read that is full enough (several lines, a house number and street, enough
// confidence) and far from every entry is let through to be screened as read. Fail closed: anything
// thin, ambiguous or close stays REVIEW.
import type { Blocklist } from '../blocklist/format.ts';

/** The blocklist's words and postcodes, folded to OCR look-alikes, for damaged reads. */
export interface BlocklistKnowledge {
  /** Distinct name and street words (4+ letters, not street types, titles or towns), folded. */
  readonly words: readonly string[];
  /** Distinct listed postcodes, compact and folded. */
  readonly postcodes: readonly string[];
}

export type SecondLook =
  | { readonly decision: 'screen-as-read'; readonly reason: string }
  | { readonly decision: 'review'; readonly reason: string };

/**
 * Below this mean confidence nothing is trusted at all, however far from the list it looks: the
 * characters are mostly guesses (mirror-read or upside-down text scores about 0.2).
 */
export const MIN_SECOND_LOOK_CONFIDENCE = 0.3;

/**
 * A read word of six letters or more is near a listed word within this share of the listed word's
 * length in edits (after folding look-alikes): "Retry" is near RECTORY, "Mooclad" near MOORLAND,
 * "Toundey" near FOUNDRY. Shorter words allow one edit: two would make most of them alike.
 */
export const NEAR_WORD_EDITS = 0.34;

/**
 * A read postcode is near a listed one within two edits (after folding look-alikes) when it is not
 * a well-formed postcode as read, within one (the engine's own gate) when it is.
 */
export const NEAR_POSTCODE_EDITS = 2;

/** Words that say nothing about who or where: street types, titles, the occupier. */
const FILLER = new Set(
  'ROAD STREET AVENUE LANE CLOSE GROVE WAY DRIVE CRESCENT GARDENS TERRACE HILL SIDE FOLD WALK VIEW PLACE COURT SQUARE PARK FLAT APARTMENT HOUSE THE MR MRS MS MISS DR MX OCCUPIER AND UPON'.split(' '),
);

/** In words: digits and strokes OCR reads for letters, folded to the letter. */
const WORD_FOLD: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', L: 'I', '|': 'I', '5': 'S', '8': 'B', '2': 'Z', '6': 'G', '4': 'A', '7': 'T' };

/** In postcodes, where letters and digits share shapes by design, more look-alikes fold together. */
const POSTCODE_FOLD: Readonly<Record<string, string>> = { ...WORD_FOLD, D: 'O', Q: 'O', J: 'I', '9': 'G', V: 'U' };

function folded(text: string, table: Readonly<Record<string, string>>): string {
  let out = '';
  for (const c of text.toUpperCase()) {
    if (!/[A-Z0-9|]/.test(c)) continue;
    out += table[c] ?? c;
  }
  return out;
}

export const foldWord = (text: string): string => folded(text, WORD_FOLD);
export const foldPostcode = (text: string): string => folded(text, POSTCODE_FOLD);

/** Edits allowed between a read word and a listed one: one up to five letters, then a third. */
export function wordLimit(length: number): number {
  return length <= 5 ? 1 : Math.floor(NEAR_WORD_EDITS * length);
}

const WELL_FORMED_POSTCODE = /^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/;

const wordsOf = (text: string): string[] => text.toUpperCase().split(/[^A-Z0-9|]+/).filter((w) => w.length > 0);

export function knowledgeOf(list: Blocklist): BlocklistKnowledge {
  const words = new Set<string>();
  const postcodes = new Set<string>();
  const addWords = (text: string): void => {
    for (const w of wordsOf(text)) if (w.length >= 4 && !FILLER.has(w) && /^[A-Z]+$/.test(w)) words.add(foldWord(w));
  };
  for (const entry of list.entries) {
    for (const name of entry.names) addWords(name);
    for (const address of entry.addresses) {
      // Not the town: every letter to that town shares it, so it tells nobody apart.
      for (const line of address.lines) addWords(line);
      if (address.postcode) postcodes.add(foldPostcode(address.postcode));
    }
  }
  return { words: [...words], postcodes: [...postcodes] };
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
export function editsWithin(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > limit) return limit + 1;
    prev = cur;
  }
  return prev[b.length] as number;
}

/** The first listed word or postcode the read comes near, described without its value; null if none. */
export function nearestListed(addressee: string, knowledge: BlocklistKnowledge): string | null {
  const read = wordsOf(addressee).filter((w) => w.length >= 3 && !FILLER.has(w)).map(foldWord);
  for (const listed of knowledge.words) {
    const limit = wordLimit(listed.length);
    for (const w of read) if (editsWithin(w, listed, limit) <= limit) return 'a word near a listed name or street';
  }
  // A postcode is the last one to three tokens of a line, 4 to 8 characters once compacted.
  const candidates = new Map<string, number>();
  for (const line of addressee.split('\n')) {
    const tokens = wordsOf(line);
    for (let take = 1; take <= 3 && take <= tokens.length; take++) {
      const written = tokens.slice(tokens.length - take).join('');
      if (written.length < 4 || written.length > 8) continue;
      const limit = WELL_FORMED_POSTCODE.test(written) ? 1 : NEAR_POSTCODE_EDITS;
      const key = foldPostcode(written);
      candidates.set(key, Math.max(limit, candidates.get(key) ?? 0));
    }
  }
  for (const listed of knowledge.postcodes) {
    for (const [c, limit] of candidates) if (editsWithin(c, listed, limit) <= limit) return 'a postcode near a listed postcode';
  }
  return null;
}

/** Enough was read to judge: three lines or more and a street line (a house number, then a word). */
export function readEnough(addressee: string, confidence: number): string | null {
  if (confidence < MIN_SECOND_LOOK_CONFIDENCE) return 'confidence too low to judge';
  const lines = addressee.split('\n').filter((l) => l.replace(/[^A-Za-z0-9]/g, '').length >= 2);
  if (lines.length < 3) return 'too few lines read';
  if (!lines.some((l) => /\b\d+[A-Za-z]?\s+[A-Za-z]{3,}/.test(l))) return 'no street line read';
  return null;
}

/** The decision on one low-confidence addressee read: screened as read only when full enough and far from the list. */
export function secondLook(read: { readonly addresseeText: string | null; readonly confidence: number }, knowledge: BlocklistKnowledge): SecondLook {
  const text = read.addresseeText ?? '';
  const thin = readEnough(text, read.confidence);
  if (thin) return { decision: 'review', reason: thin };
  const near = nearestListed(text, knowledge);
  if (near) return { decision: 'review', reason: near };
  return { decision: 'screen-as-read', reason: 'far from every listed postcode, street and name' };
}

/** The reason the OCR pipeline gives an addressee it read with low confidence (electron/ocr/read-page.ts). */
export const LOW_CONFIDENCE_ADDRESSEE = 'addressee read with low confidence';

/**
 * A page as read, given the second look where one applies: a low-confidence addressee that is full
 * enough and far from the list loses its `unreadable` mark so that it is screened as read. Any other
 * page (no addressee found, confident, or near the list) is returned as it is. Used where the list
 * is known only after reading: the app's screening worker holds the synced list, main does not.
 */
export function withSecondLook<P extends { readonly unreadable: string | null; readonly confidence: number; readonly addresseeText?: string | null }>(
  page: P,
  knowledge: BlocklistKnowledge,
): P {
  if (page.unreadable !== LOW_CONFIDENCE_ADDRESSEE || !page.addresseeText) return page;
  return secondLook({ addresseeText: page.addresseeText, confidence: page.confidence }, knowledge).decision === 'screen-as-read' ? { ...page, unreadable: null } : page;
}
