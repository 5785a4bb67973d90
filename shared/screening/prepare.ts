// Blocklist entries and envelope blocks brought into the one comparable form the scorer and the
// candidate index both read: postcode units and readings, premises, street and town skeletons, names.
import type { BlockEntry } from '../blocklist/format.ts';
import { parseAddressLines, parseListedAddress, townWords, type ParsedAddress } from './address/parse.ts';
import { looksLikeAddress, type EnvelopeBlock } from './envelope/read.ts';
import { parseEntryName, parseLetterName, type EntryName, type LetterName } from './names/parse.ts';
import { normaliseListedPostcode, type PostcodeReading } from './postcode/postcode.ts';
import { fingerprint, foldText, wordTokens } from './text/fold.ts';
import { boundedMemo } from './text/memo.ts';

/** A listed address: its reading (the ParsedAddress fields, in the one object: a letter's candidates are
 * scattered over a national list's heap, and each object the scorer reaches costs a cache miss), less the
 * letter-side word lists a listed reading never has (so that it cannot pass for a letter's address). */
export interface PreparedAddress extends Omit<ParsedAddress, 'words' | 'placeWords'> {
  readonly addressIndex: number;
  /** Listed postcode without a space, or null when the entry gave none. */
  readonly unit: string | null;
  readonly town: readonly string[];
  /** Street and house-name skeletons: the words the street key of the index is built on. */
  readonly coreWords: readonly string[];
  /** The premises keys of the index: every house number, or "-" when the address has none. */
  readonly premisesKeys: readonly string[];
}

export interface PreparedEntry {
  readonly position: number;
  readonly entry: BlockEntry;
  /** Set on first use by preparedFingerprint: most entries never match, and hashing every entry would
   * slow the build. */
  fingerprintValue: string | null;
  /** Parsed names (shared between entries with the same name) and where each stands in entry.names. */
  readonly names: readonly EntryName[];
  readonly nameIndexes: readonly number[];
  readonly addresses: readonly PreparedAddress[];
  /** The prison numbers a prisoner-scoped entry applies to; null when it applies to every prisoner. Kept
   * here so that checking a candidate's scope does not reach into the entry. */
  readonly prisonNumbers: readonly string[] | null;
  /** validFrom / validUntil as epoch milliseconds, null when open. */
  readonly validFrom: number | null;
  readonly validUntil: number | null;
}

export const NO_NUMBER = '-';
const NO_NUMBER_KEYS: readonly string[] = [NO_NUMBER];
const NONE: readonly string[] = [];
const IDENTITY: readonly (readonly number[])[] = [[], [0], [0, 1], [0, 1, 2], [0, 1, 2, 3]];

/** A stable fingerprint of what the entry blocks: a change to its names, addresses, scope or dates makes a
 * remembered release of it lapse. */
export function entryFingerprint(entry: BlockEntry): string {
  return fingerprint(JSON.stringify([entry.id, entry.names, entry.addresses, entry.scope, entry.validFrom ?? null, entry.validUntil ?? null]));
}

/** Entry dates repeat (a list is loaded in batches, one date after another): each is parsed once, and a
 * date equal to the one before is not even looked up. */
const parseDateOnce = boundedMemo(10_000, (iso: string) => Date.parse(iso));
let lastDate = '';
let lastTime = Number.NaN;
function parseDate(iso: string): number {
  if (iso !== lastDate) {
    lastTime = parseDateOnce(iso);
    lastDate = iso;
  }
  return lastTime;
}

export function preparedFingerprint(e: PreparedEntry): string {
  e.fingerprintValue ??= entryFingerprint(e.entry);
  return e.fingerprintValue;
}

/** Cheap enough to run on demand for the few candidates of a letter: the readers it calls remember
 * streets, towns and name halves, so an entry costs little more than the objects it returns. */
export function prepareEntry(entry: BlockEntry, position: number): PreparedEntry {
  const names: EntryName[] = [];
  let nameIndexes: number[] = [];
  for (let nameIndex = 0; nameIndex < entry.names.length; nameIndex++) {
    const raw = entry.names[nameIndex] ?? '';
    const p = parseEntryName(raw);
    if (p) {
      names.push(p);
      nameIndexes.push(nameIndex);
    }
  }
  // Usually every name parses: share one index list then. An array grown by push keeps room for 17
  // elements: the kept copies are exact (slice), which at a million entries is some 130 MB less heap for
  // every scavenge and mark to walk.
  nameIndexes = nameIndexes.length === entry.names.length && nameIndexes.length <= IDENTITY.length ? IDENTITY[nameIndexes.length] as number[] : nameIndexes.slice();
  const addresses = entry.addresses.map((a, addressIndex): PreparedAddress => {
    const parsed = parseListedAddress(a.lines);
    const town = a.town ? townWords(a.town) : NONE;
    return {
      addressIndex,
      unit: a.postcode ? normaliseListedPostcode(a.postcode) : null,
      flat: parsed.flat, numbers: parsed.numbers, houseName: parsed.houseName, street: parsed.street, streetType: parsed.streetType,
      streetText: parsed.streetText, streetWritten: parsed.streetWritten,
      town,
      coreWords: parsed.houseName.length === 0 ? parsed.street : [...new Set([...parsed.street, ...parsed.houseName])].slice(),
      premisesKeys: parsed.numbers.length > 0 ? parsed.numbers : NO_NUMBER_KEYS,
    };
  });
  return {
    position, entry, fingerprintValue: null, names: names.slice(), nameIndexes, addresses,
    prisonNumbers: entry.scope.kind === 'prisoners' ? entry.scope.prisonNumbers : null,
    validFrom: entry.validFrom ? parseDate(entry.validFrom) : null,
    validUntil: entry.validUntil ? parseDate(entry.validUntil) : null,
  };
}

export interface PreparedBlock {
  readonly block: EnvelopeBlock;
  readonly names: readonly LetterName[];
  /** Lines among the address lines that read as a full name ("Ruby Mbeki" under a return address the
   * reader ran into the addressee's block): the finder may have taken another line as the name, and a
   * wrong guess must not lose a blocked name. They only ever count as the `possible-name` REVIEW. */
  readonly buriedNames: readonly LetterName[];
  readonly occupier: boolean;
  readonly readings: readonly PostcodeReading[];
  /** When no postcode could be read: the last line's postcode-shaped writing as it stands ("OL2 6mF",
   * upper case, no space: 5 to 7 letters and digits, one digit at least, the last part three long). The
   * scorer compares it character by character with a listed postcode (POSTCODE_RAW rule). */
  readonly rawPostcode: string | null;
  readonly address: ParsedAddress;
  /** Every identity word of the address lines (street, building, locality, town), as skeletons. */
  readonly words: readonly string[];
  readonly wordSet: ReadonlySet<string>;
  /** The words above the locality and town lines: where the street and house name are written. */
  readonly streetWords: readonly string[];
  readonly streetWordSet: ReadonlySet<string>;
  /** Per-letter memo: whether a listed word agrees with a street word / a place word of this block.
   * Listed words repeat across entries (ACACIA, LEEDS), so each is compared once per letter. */
  readonly streetAgrees: Map<string, boolean>;
  readonly placeAgrees: Map<string, boolean>;
  readonly readable: boolean;
  readonly fingerprint: string;
}

export function prepareBlock(block: EnvelopeBlock): PreparedBlock {
  const names: LetterName[] = [];
  let occupier = false;
  for (const line of block.nameLines) {
    const n = parseLetterName(line);
    if (!n) continue;
    if (n.occupier) occupier = true;
    else names.push(n);
  }
  const buriedNames: LetterName[] = [];
  for (const line of block.addressLines) {
    if (block.nameLines.includes(line)) continue;
    const folded = foldText(line);
    if (/\d/.test(folded) || looksLikeAddress(folded)) continue;
    const count = wordTokens(folded).length;
    if (count < 2 || count > 4) continue;
    const n = parseLetterName(line);
    if (n && !n.occupier) buriedNames.push(n);
  }
  const address = parseAddressLines(block.addressLines);
  const readings = block.postcode?.readings ?? [];
  let rawPostcode: string | null = null;
  if (readings.length === 0) {
    const tokens = wordTokens(foldText(block.addressLines[block.addressLines.length - 1] ?? ''));
    const last = tokens[tokens.length - 1] ?? '';
    const compact = (tokens[tokens.length - 2] ?? '') + last;
    if (tokens.length >= 2 && last.length === 3 && compact.length >= 5 && compact.length <= 7 && /\d/.test(compact)) rawPostcode = compact;
  }
  // Readable: a postcode, or a street with a house number, a house name or a place below it.
  const readable = readings.length > 0 || (address.street.length > 0 &&
    (address.numbers.length > 0 || address.houseName.length > 0 || address.placeWords.length > 0));
  const fp = fingerprint(
    [
      occupier ? 'OCCUPIER' : names.map((n) => n.tokens.join(' ')).join('/'),
      address.flat ?? '',
      address.numbers.join(','),
      address.words.join(' '),
      readings[0]?.unit ?? '',
    ].join('|'),
  );
  const place = new Set(address.placeWords);
  const above = address.words.filter((w) => !place.has(w));
  const streetWords = above.length > 0 ? above : address.words;
  return {
    block, names, buriedNames, occupier, readings, rawPostcode, address, words: address.words, wordSet: new Set(address.words),
    streetWords, streetWordSet: new Set(streetWords), streetAgrees: new Map(), placeAgrees: new Map(), readable, fingerprint: fp,
  };
}

export function displayName(block: PreparedBlock): string | null {
  if (block.occupier) return block.block.nameLines[0] ?? 'Occupier';
  return block.block.nameLines[0] ?? null;
}

export function foldedLines(lines: readonly string[]): string[] {
  return lines.map(foldText);
}
