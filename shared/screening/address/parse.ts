// Reads premises and street out of address lines, the same way for a blocklist entry and for what was
// read off an envelope: flat, house number (14, 14A, 14-16), house name, street words, locality words.
import { foldText, skeleton, wordTokens } from '../text/fold.ts';
import { boundedMemo } from '../text/memo.ts';
import { BUILDING_WORDS, FILLER_WORDS, FLAT_WORDS, STREET_TYPES, canonicalWord } from './words.ts';

export interface ParsedAddress {
  /** Flat or unit inside the building ("2", "2A"), when written. */
  readonly flat: string | null;
  /** House numbers written: "14", "14A"; a range "14-16" lists 14-16 itself and its ends. */
  readonly numbers: readonly string[];
  /** Skeletons of the identity words of the house name (ROSE in "Rose Cottage"). */
  readonly houseName: readonly string[];
  /** Skeletons of the identity words of the street (ACACIA in "Acacia Rd"). */
  readonly street: readonly string[];
  /** Canonical street-type word, e.g. ROAD, HEOL. */
  readonly streetType: string | null;
  /** Skeletons of every identity word on every line (street, house name, locality, town). */
  readonly words: readonly string[];
  /** Skeletons of the words below the street line (locality, town): where a town name may stand. A word
   * of the street itself (MANCHESTER in "Manchester Road") never counts as the town. */
  readonly placeWords: readonly string[];
  /** Display forms of the street line for evidence, without numbers: canonical words (ACACIA ROAD) and
   * the words as written (ACACIA RD). */
  readonly streetText: string | null;
  readonly streetWritten: string | null;
}

const DIGIT_TWIN: Readonly<Record<string, string>> = { O: '0', D: '0', I: '1', L: '1', S: '5', Z: '2', B: '8', G: '6' };

/** A house or flat number as OCR may have left it: "l4" → 14, "1O" → 10; a trailing letter stays (14A). */
export function repairNumber(token: string): string | null {
  const first = token.charCodeAt(0);
  if (first >= 65 && first <= 90 && !/\d/.test(token)) return null; // a word
  if (/^\d+[A-Z]?$/.test(token)) return token;
  if (token.length > 5 || !/\d/.test(token)) return null;
  let out = '';
  for (let i = 0; i < token.length; i++) {
    const c = token[i] ?? '';
    if (c >= '0' && c <= '9') out += c;
    else if (i === token.length - 1 && i > 0 && !'OIL'.includes(c)) out += c;
    else if (DIGIT_TWIN[c]) out += DIGIT_TWIN[c];
    else return null;
  }
  return /^\d+[A-Z]?$/.test(out) ? out : null;
}

const TITLED = /^\s*(MR|MRS|MS|MISS|MX|DR|MASTER|REV|SIR|LADY|DAME|PROF)\b/;

/** Welsh street types come first ("Heol y Bont"), so they are types wherever they stand. */
const WELSH_LEADING_TYPES: ReadonlySet<string> = new Set(['HEOL', 'FFORDD', 'STRYD', 'LON', 'RHODFA', 'CLOS', 'LLYS', 'MAES']);

function expandRange(a: string, b: string): string[] {
  const lo = parseInt(a, 10);
  const hi = parseInt(b, 10);
  const out = [`${a}-${b}`, a, b];
  if (hi > lo && hi - lo <= 10) for (let n = lo + 1; n < hi; n++) out.push(String(n));
  return out;
}

interface LineParse {
  readonly flat: string | null;
  readonly numbers: readonly string[];
  readonly words: readonly string[];
  readonly streetType: string | null;
  /** The line's canonical words without numbers and FLAT (ACACIA ROAD), and its words as written. */
  readonly text: string;
  readonly writtenText: string;
}

function parseLine(line: string): LineParse {
  return parseFolded(foldText(line));
}

/** What a street alone looks like after a house number: two capitals first, no digit, slash or hyphen. */
const STREET_PART = '[A-Z]{2}[^\\d/-]*';
/** "14 Acacia Road" is "14" and "ACACIA ROAD": when nothing in the rest of the line can join the number
 * (a range, a slash, "14 A Acacia") the rest parses alone, and one parse serves every house on the street. */
const NUMBER_THEN_STREET = new RegExp(`^(\\d+[A-Z]?)[ ,]+(${STREET_PART})$`);
const STREET_ALONE = new RegExp(`^${STREET_PART}$`);
const streetParse = boundedMemo(200_000, parseFolded);
/** A listed line's one house number: a few hundred numbers serve a national list, so each list is shared.
 * Plain numbers (1 to 9999, as most are) are found by value, without hashing the string: the build looks
 * up a million of them. */
const byValue: (readonly string[] | undefined)[] = [];
const otherNumbers = boundedMemo(10_000, (n: string): readonly string[] => [n]);
function oneNumber(n: string): readonly string[] {
  let value = 0;
  for (let i = 0; i < n.length; i++) {
    const d = n.charCodeAt(i) - 48;
    if (d < 0 || d > 9 || (i === 0 && d === 0) || i >= 4) return otherNumbers(n);
    value = value * 10 + d;
  }
  if (value === 0) return otherNumbers(n);
  return (byValue[value] ??= [n]);
}

/** parseLine for a listed line, remembered: a national list repeats its streets, towns and flat lines. */
function parseListedLine(line: string): LineParse {
  const folded = foldText(line);
  const m = NUMBER_THEN_STREET.exec(folded);
  if (!m) return streetParse(folded);
  const rest = streetParse(m[2] ?? '');
  const n = m[1] ?? '';
  return { flat: rest.flat, numbers: rest.numbers.length === 0 ? oneNumber(n) : [n, ...rest.numbers], words: rest.words,
    streetType: rest.streetType, text: rest.text, writtenText: rest.writtenText };
}

function parseFolded(input: string): LineParse {
  let folded = input;
  // The regular expressions below only run on lines that can need them (the build parses every line).
  if (folded.includes('-')) folded = folded.replace(/(\d)\s*-\s*(\d)/g, '$1-$2');
  if (/\d\s+[A-HJ-Z]\b/.test(folded)) folded = folded.replace(/\b(\d+)\s+([A-HJ-Z])\b(?=\s+[A-Z]{2,})/g, '$1$2');
  let flat: string | null = null;
  const numbers: string[] = [];
  // 2/14 Acacia Road: flat 2 of number 14.
  const slash = folded.includes('/') ? /(^|\s)([0-9A-Z]{1,4})\s*\/\s*([0-9A-Z]{1,4})(?=\s|$)/.exec(folded) : null;
  if (slash) {
    const f = repairNumber(slash[2] ?? '');
    const n = repairNumber(slash[3] ?? '');
    if (f && n) {
      flat = f;
      numbers.push(n);
      folded = folded.replace(slash[0], ' ');
    }
  }
  // Welsh "'r" is the article ("Rhodfa'r Môr"): a word of its own, not the end of the street type.
  if (folded.includes("'")) folded = folded.replace(/'R\b/g, ' YR').replace(/'/g, '');
  const raw = folded.split(/[^A-Z0-9-]+/).filter((t) => t.length > 0 && t !== '-');
  const canonical: string[] = [];
  const written: string[] = [];
  const words: string[] = [];
  let streetType: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const t = raw[i] ?? '';
    if (FLAT_WORDS.has(t) && i + 1 < raw.length) {
      const f = repairNumber(raw[i + 1] ?? '') ?? raw[i + 1] ?? '';
      if (f.length <= 4) {
        flat = f;
        i++;
        canonical.push(t, f);
        continue;
      }
    }
    const range = t.includes('-') ? /^([0-9A-Z]{1,4})-([0-9A-Z]{1,4})$/.exec(t) : null;
    if (range) {
      const a = repairNumber(range[1] ?? '');
      const b = repairNumber(range[2] ?? '');
      if (a && b) {
        numbers.push(...expandRange(a, b));
        canonical.push(`${a}-${b}`);
        continue;
      }
    }
    const parts = t.includes('-') ? t.split('-').filter((p) => p.length > 0) : [t];
    for (let j = 0; j < parts.length; j++) {
      const p = parts[j] ?? '';
      const n = repairNumber(p);
      if (n) {
        numbers.push(n);
        canonical.push(n);
        continue;
      }
      const isLast = i === raw.length - 1 && j === parts.length - 1;
      const c = canonicalWord(p, isLast);
      canonical.push(c);
      written.push(p);
      if (STREET_TYPES.has(p) && (isLast || STREET_TYPES.get(p) === c)) {
        if (isLast || !streetType) streetType = c;
        if (isLast || WELSH_LEADING_TYPES.has(c)) continue;
      }
      if (FILLER_WORDS.has(c) || BUILDING_WORDS.has(c) || /^\d/.test(c)) continue;
      words.push(skeleton(c));
    }
  }
  return {
    flat, numbers, words, streetType,
    text: canonical.filter((w) => !/^\d/.test(w) && w !== 'FLAT').join(' '),
    writtenText: written.join(' '),
  };
}

/** Parses premises lines (no name line, no postcode). The street line is the first with a house number,
 * else the last ending in a street type; lines above it are the building, lines below the locality. */
const NONE: readonly string[] = [];

/** `listed`: the lines of a blocklist entry, which never need the letter-side word lists (words,
 * placeWords): leaving them out saves a third of the memory of a national list. */
export function parseAddressLines(lines: readonly string[], listed = false): ParsedAddress {
  const parsed = lines.map(listed ? parseListedLine : parseLine);
  let flat: string | null = null;
  const numbers: string[] = [];
  const words: string[] = [];
  for (const p of parsed) {
    if (p.flat !== null && flat === null) flat = p.flat;
    if (!listed) words.push(...p.words);
  }
  // A line opening with a title ("MISS 0 WALKER": an initial O read as a zero) is a name kept among the
  // address lines so that it is screened either way; another numbered line is the street when there is one.
  let streetIdx = parsed.findIndex((p, i) => p.numbers.length > 0 && p.words.length > 0 && (listed || !TITLED.test(foldText(lines[i] ?? ''))));
  if (streetIdx < 0) streetIdx = parsed.findIndex((p) => p.numbers.length > 0 && p.words.length > 0);
  if (streetIdx < 0) {
    for (let i = parsed.length - 1; i >= 0; i--) if (parsed[i]?.streetType) { streetIdx = i; break; }
  }
  // A flat line alone ("Flat 2") or a line of only a number ("14" above "Acacia Road") lends its number.
  for (const p of parsed) numbers.push(...p.numbers);
  const houseName: string[] = [];
  // Most listed addresses are one numbered line: its own (unique) numbers serve, with no copy.
  const single = parsed.length === 1 ? parsed[0] : undefined;
  const upto = streetIdx < 0 ? Math.min(1, parsed.length) : streetIdx;
  for (let i = 0; i < upto; i++) {
    const p = parsed[i];
    if (p && p.numbers.length === 0) houseName.push(...p.words);
  }
  // "15 The Street": the type is the street's only name.
  const streetLine = streetIdx >= 0 ? parsed[streetIdx] : undefined;
  const street = streetLine ? (streetLine.words.length > 0 ? streetLine.words : streetLine.streetType ? [skeleton(streetLine.streetType)] : []) : [];
  return {
    flat,
    numbers: single && single.numbers.length <= 1 ? single.numbers : [...new Set(numbers)],
    houseName: (streetIdx < 0 && upto === 0) || houseName.length === 0 ? NONE : houseName,
    street,
    streetType: streetIdx >= 0 ? (parsed[streetIdx]?.streetType ?? null) : null,
    words: listed ? NONE : [...new Set(words)],
    placeWords: listed ? NONE : [...new Set(parsed.slice(streetIdx < 0 ? upto : streetIdx + 1).flatMap((p) => p.words))],
    streetText: streetLine ? streetLine.text : null,
    streetWritten: streetLine ? streetLine.writtenText : null,
  };
}

/**
 * parseAddressLines(lines, true), quicker for a listed address's commonest forms: one line "14 Acacia Road"
 * (or "14A ..."), alone or under a flat line ("Flat 2"). Every house on a street then shares one reading of
 * the street (a template), and an address costs a slice, a memo look-up and the object it returns, where
 * the general path folds, matches and allocates per line. Any other form takes the general path; the
 * results are the same (test/eval/fast-paths.test.ts compares both on every listed address of the evaluation
 * set and the bench).
 */
export function parseListedAddress(lines: readonly string[]): ParsedAddress {
  const count = lines.length;
  if (count === 1 || count === 2) {
    const line = lines[count - 1] as string;
    const space = numberedStreetSpace(line);
    const t = space > 0 ? streetTemplate(line.slice(space + 1)) : null;
    if (t && (count === 1 || t.hasWords)) {
      let flat = t.parsed.flat;
      if (count === 2) {
        const first = parseListedLine(lines[0] as string);
        // Only a line that is nothing but a flat ("Flat 2") leaves the street line's reading as it is.
        if (first.flat === null || first.numbers.length > 0 || first.words.length > 0 || first.streetType !== null) return parseAddressLines(lines, true);
        flat = first.flat;
      }
      const p = t.parsed;
      return {
        flat, numbers: oneNumber(line.slice(0, space)), houseName: p.houseName, street: p.street, streetType: p.streetType,
        words: NONE, placeWords: NONE, streetText: p.streetText, streetWritten: p.streetWritten,
      };
    }
  }
  return parseAddressLines(lines, true);
}

/** Where a line written "14 Acacia Road" or "14A Acacia Road" (digits, one capital at most, one space)
 * has its space; -1 for any other line. */
function numberedStreetSpace(line: string): number {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++;
  if (i === 0) return -1;
  const c = line.charCodeAt(i);
  if (c >= 65 && c <= 90) i++;
  return line.charCodeAt(i) === 32 ? i : -1;
}

interface StreetTemplate {
  /** The reading of "1 <street>": the same as any house number's on that street but for `numbers`. */
  readonly parsed: ParsedAddress;
  /** The street line has identity words (then a flat line above it cannot change the reading). */
  readonly hasWords: boolean;
}

/** The street part of a numbered line, as written; null when parseListedLine would not read the line as
 * a number and a street alone (NUMBER_THEN_STREET: two capitals first, no digit, slash or hyphen). */
const streetTemplate = boundedMemo(200_000, (rest: string): StreetTemplate | null => {
  const folded = foldText(rest);
  if (!STREET_ALONE.test(folded)) return null;
  return { parsed: parseAddressLines([`1 ${folded}`], true), hasWords: streetParse(folded).words.length > 0 };
});

/** Skeletons of the identity words of a town or locality name ("Newcastle upon Tyne" → NEWCASTLE, UPON, TYNE). */
export const townWords: (town: string) => readonly string[] = boundedMemo(50_000, (town) =>
  wordTokens(foldText(town))
    .filter((t) => !FILLER_WORDS.has(t) && !/^\d/.test(t))
    .map(skeleton));
