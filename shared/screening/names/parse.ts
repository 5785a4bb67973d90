// Reads a personal name as written on an envelope or a blocklist entry: titles dropped, "SMITH, JANE"
// turned round, initials split ("J.Smith"), Mc/Mac/O' and ap/van/de forms joined, hyphenated parts kept.
import { foldText, skeleton } from '../text/fold.ts';
import { boundedMemo } from '../text/memo.ts';
import { nameForms } from './nicknames.ts';
import { soundOf } from './phonetic.ts';

const TITLES = new Set([
  'MR', 'MRS', 'MS', 'MISS', 'MX', 'DR', 'MASTER', 'REV', 'REVD', 'SIR', 'LADY', 'DAME', 'PROF', 'LORD', 'MADAM',
  'JR', 'JNR', 'SNR', 'SR', 'ESQ', 'II', 'III', 'FAO', 'ATTN', 'TO',
]);
/** Joined to the next word: O BRIEN → OBRIEN, MC ALLISTER → MCALLISTER. */
const JOINERS = new Set(['O', 'MC', 'MAC', 'M']);
/** Dropped from the surname, which is kept both with and without them: ap Rhys → RHYS / APRHYS. */
const PARTICLES = new Set(['AP', 'AB', 'VAN', 'VON', 'DE', 'DI', 'DA', 'DU', 'LE', 'LA', 'DEL', 'DER', 'DOS', 'BIN', 'BINTI', 'AL', 'EL', 'UI', 'NI']);

/** Words that say "whoever lives there": a letter to them has no name to match. */
const OCCUPIER_WORDS = new Set(['OCCUPIER', 'OCCUPIERS', 'OCCUPANT', 'RESIDENT', 'RESIDENTS', 'HOUSEHOLDER', 'HOMEOWNER', 'HOUSEHOLD']);

export interface NameTokens {
  /** Word groups in written order; a hyphenated surname is one group of several parts. */
  readonly groups: readonly (readonly string[])[];
  /** The writer put the surname first ("SMITH, JANE"). */
  readonly surnameFirst: boolean;
  readonly occupier: boolean;
}

function normaliseWord(w: string): string {
  if (w.startsWith('MAC') && w.length >= 6) return `MC${w.slice(3)}`;
  return w;
}

/** Splits a name into word groups; hyphens join parts of one group. */
export function tokeniseName(raw: string): NameTokens {
  // Most names on a list are capitalised words and single spaces ("Jane Smith"): nothing to fold, split
  // or strip, so they go straight to the word loop.
  if (PLAIN_NAME.test(raw)) return tokenWords(raw.toUpperCase().split(' '), false);
  // Words run together ("SergeiLavrov", "PolPot") split where a capital follows a small letter; Mc/Mac
  // prefixes split this way are joined again below.
  // The replacements run only where the name needs them: a national list parses a million names.
  let s = foldText(/[a-z][A-Z]/.test(raw) ? raw.replace(/([a-z])([A-Z])/g, '$1 $2') : raw);
  if (s.includes("'")) s = s.replace(/'/g, '');
  if (s.includes('.')) s = s.replace(/[.]/g, ' ');
  let surnameFirst = false;
  const comma = s.indexOf(',');
  if (comma > 0) {
    const before = s.slice(0, comma).trim();
    const after = s.slice(comma + 1).trim();
    if (before && after && !/\d/.test(after)) {
      s = `${after} ${before}`;
      surnameFirst = true;
    }
  }
  if (s.includes('-')) s = s.replace(/\s*-\s*/g, '-');
  if (/[^A-Z0-9 -]/.test(s)) s = s.replace(/[^A-Z0-9 -]/g, ' ');
  return tokenWords(s.split(' ').filter((w) => w.length > 0), surnameFirst);
}

/** Capitalised words of letters and single spaces, none run together (no small letter before a capital). */
const PLAIN_NAME = /^[A-Z][a-z]*(?: [A-Z][a-z]*)*$/;

/** Word groups of a folded name's words: titles dropped, Mc/O' joiners joined, hyphenated parts kept. */
function tokenWords(words: readonly string[], surnameFirst: boolean): NameTokens {
  const groups: string[][] = [];
  let occupier = false;
  for (let i = 0; i < words.length; i++) {
    let w = words[i] ?? '';
    if (OCCUPIER_WORDS.has(w)) occupier = true;
    if (TITLES.has(w) && (i < words.length - 1 || groups.length > 0)) continue;
    if (JOINERS.has(w) && i + 1 < words.length && (words[i + 1]?.length ?? 0) > 1) {
      w = w + (words[++i] ?? '');
    }
    const parts = w.includes('-') ? w.split('-').filter((p) => p.length > 0).map(normaliseWord) : [normaliseWord(w)];
    if (parts.length > 0) groups.push(parts);
  }
  return { groups, surnameFirst, occupier };
}

export interface EntryName {
  readonly display: string;
  /** Folded given names, first then middle, and their skeletons. */
  readonly given: readonly string[];
  readonly givenSkeletons: readonly string[];
  /** Skeletons the surname may be written as: each part of a double-barrelled name and the whole. */
  readonly surnameParts: readonly string[];
  /** The surname folded, as a whole (for the common-surname check). */
  readonly surname: string;
  /** How the surname's parts and the whole sound (double metaphone): a second, spelling-free key. */
  readonly surnameSounds: readonly string[];
  /** Skeleton initials of every given name and its short forms: what the index keys on. */
  readonly initials: readonly string[];
  /** Ids of the surname half and the given-name half (each shared by every entry that writes it alike):
   * the keys of the scorer's per-letter memo of agreements. */
  readonly surnameId: number;
  readonly givenId: number;
}

/** The initials a given name can be written or read with: the first letter of its skeleton (CLARE is DARE
 * to a reader that takes cl for d) and the skeleton of its first letter alone (a writer puts C for Clare).
 * They differ only where a two-letter confusion (CL, RN, VV) opens the name. */
export function writtenInitials(given: string): readonly string[] {
  const read = skeleton(given)[0] ?? '';
  const written = skeleton(given[0] ?? '');
  return read === written ? (read ? [read] : []) : [read, written].filter((i) => i.length > 0);
}

const initialCache = new Map<string, readonly string[]>();
/** Skeleton initials of a given name and every form of it (Margaret: M, P for Peggy...). */
function initialsOf(given: string): readonly string[] {
  let known = initialCache.get(given);
  if (!known) {
    const set = new Set<string>();
    for (const f of nameForms(given)) for (const i of writtenInitials(f)) set.add(i);
    set.delete('');
    known = [...set];
    initialCache.set(given, known);
  }
  return known;
}

export function isOccupierName(raw: string): boolean {
  return tokeniseName(raw).occupier;
}

/** Reads a name on a blocklist entry: the last group is the surname, the others given names. A reading
 * is immutable and made of two halves (surname, given names) that every entry writing them alike shares. */
export function parseEntryName(raw: string): EntryName | null {
  // Most names on a list are two plain words ("Jane Smith"): read directly, without folding, splitting
  // or a memo of whole names (a national list's names are mostly unique, so such a memo mostly misses).
  if (TWO_PLAIN_WORDS.test(raw)) {
    const space = raw.indexOf(' ');
    const given = normaliseWord(raw.slice(0, space).toUpperCase());
    const surname = normaliseWord(raw.slice(space + 1).toUpperCase());
    // What tokenWords and readEntryName would do otherwise: drop a title, join a joiner, take a particle
    // into the surname. Such names take the general path.
    if (!TITLES.has(given) && !JOINERS.has(given) && !PARTICLES.has(given) && !TITLES.has(surname)) {
      return new ListedName(raw, surnameOf(surname), givenOf(given));
    }
  }
  return parseOtherEntryName(raw);
}

/** Two capitalised words of two letters or more and one space. */
const TWO_PLAIN_WORDS = /^[A-Z][a-z]+ [A-Z][a-z]+$/;

const parseOtherEntryName = boundedMemo(200_000, readEntryName);

/** parseEntryName for any writing of a name: exported for the test that compares the quick path with it. */
export function readEntryName(raw: string): EntryName | null {
  const { groups } = tokeniseName(raw);
  if (groups.length === 0) return null;
  let surnameAt = groups.length - 1;
  while (surnameAt > 0 && groups[surnameAt - 1]?.length === 1 && PARTICLES.has(groups[surnameAt - 1]?.[0] ?? '')) surnameAt--;
  const surname = surnameOf(groups.slice(surnameAt).map((g) => g.join('-')).join(' '));
  const given = givenOf(groups.slice(0, surnameAt).map((g) => g.join('')).join(' '));
  return new ListedName(raw, surname, given);
}

interface SurnameHalf { readonly parts: readonly string[]; readonly surname: string; readonly sounds: readonly string[]; readonly id: number }
interface GivenHalf { readonly given: readonly string[]; readonly skeletons: readonly string[]; readonly initials: readonly string[]; readonly id: number }

/** An entry name: its display form and its two shared halves, read through (a million names cost three
 * fields each, not eleven). */
class ListedName implements EntryName {
  constructor(readonly display: string, private readonly s: SurnameHalf, private readonly g: GivenHalf) {}
  get given(): readonly string[] { return this.g.given; }
  get givenSkeletons(): readonly string[] { return this.g.skeletons; }
  get initials(): readonly string[] { return this.g.initials; }
  get givenId(): number { return this.g.id; }
  get surnameParts(): readonly string[] { return this.s.parts; }
  get surname(): string { return this.s.surname; }
  get surnameSounds(): readonly string[] { return this.s.sounds; }
  get surnameId(): number { return this.s.id; }
}

/** Numbers each surname half and given-name half as it is read (a double never wraps). */
let nextHalfId = 0;

/** The surname half of an entry name, from its groups written "PART-PART PART": surnames repeat across a
 * list, and one reading serves every entry. */
const surnameOf = boundedMemo(200_000, (written: string): SurnameHalf => {
  const flat = written.split(/[ -]/);
  const core = flat.filter((p) => !PARTICLES.has(p));
  const whole = flat.join('');
  const parts = [...new Set<string>([...core, core.join(''), whole].filter((p) => p.length > 0).map(skeleton))];
  const sounds = [...new Set([...core, core.join('')].map(soundOf).filter((c) => c.length > 0))];
  return { parts, surname: core.join('') || whole, sounds, id: nextHalfId++ };
});

/** The given-name half of an entry name (given names joined by spaces), shared the same way. */
const givenOf = boundedMemo(100_000, (joined: string): GivenHalf => {
  const given = joined.length > 0 ? joined.split(' ') : [];
  const initials = new Set<string>();
  for (const g of given) for (const i of initialsOf(g)) initials.add(i);
  const sorted = [...initials].sort();
  return { given, skeletons: given.map(skeleton), initials: sorted, id: nextHalfId++ };
});

/** One way of reading a written name: which words are the surname and which the given name. */
export interface NameReading {
  /** Skeletons the surname may be in this reading, and how it sounds. */
  readonly surnameForms: readonly string[];
  readonly surnameSounds: readonly string[];
  /** Words between the given name and the surname: middle names. */
  readonly middles: readonly string[];
  readonly middleSkeletons: readonly string[];
  readonly given: string | undefined;
  readonly givenSkeleton: string;
  /** writtenInitials of the given name: what the index looks the reading up under. */
  readonly givenInitials: readonly string[];
  /** The surname as written, for evidence. */
  readonly written: string;
  /** Unique to this reading (a double never wraps): the scorer's per-letter memo of agreements is keyed by
   * it and a listed name half's id. */
  readonly serial: number;
}

export interface LetterName {
  readonly tokens: readonly string[];
  /** Skeletons of every word and of each adjacent pair joined: the forms looked up as a surname. */
  readonly surnameCandidates: readonly string[];
  readonly occupier: boolean;
  readonly surnameFirst: boolean;
  readonly groups: readonly (readonly string[])[];
  readonly readings: readonly NameReading[];
}

let readingSerial = 0;

/** The readings of a written name: surname last (Jane Smith); surname first when marked by a comma or
 * when there are two words (SMITH JANE); a double-barrelled name written as two words; and a first word
 * of two or three letters taken as a title OCR damaged past recognition ("Mf Nicholas Baker"). */
function nameReadings(groups: readonly (readonly string[])[], surnameFirst: boolean): NameReading[] {
  const out: NameReading[] = [];
  const reading = (surnameIdx: readonly number[], givenIdx: number | undefined): void => {
    const forms = new Set<string>();
    const sounds = new Set<string>();
    const folded: string[] = [];
    if (surnameIdx.length === 1) {
      const g = groups[surnameIdx[0] ?? 0] ?? [];
      folded.push(...g, g.join(''));
    } else {
      // Two words read as one double-barrelled surname: only the pair counts, not the first word alone.
      folded.push(surnameIdx.map((i) => (groups[i] ?? []).join('')).join(''));
    }
    for (const f of folded) {
      forms.add(skeleton(f));
      const c = soundOf(f);
      if (c) sounds.add(c);
    }
    const given = givenIdx === undefined ? undefined : (groups[givenIdx] ?? []).join('');
    const lo = (givenIdx ?? -1) + 1;
    const hi = Math.min(...surnameIdx);
    const middles = lo > 0 && hi > lo ? groups.slice(lo, hi).map((g) => g.join('')) : [];
    out.push({
      surnameForms: [...forms],
      surnameSounds: [...sounds],
      middles,
      middleSkeletons: middles.map(skeleton),
      given,
      givenSkeleton: given ? skeleton(given) : '',
      givenInitials: given ? writtenInitials(given) : [],
      written: surnameIdx.map((i) => (groups[i] ?? []).join('-')).join(' '),
      serial: ++readingSerial,
    });
  };
  const n = groups.length;
  reading([n - 1], n > 1 ? 0 : undefined);
  if (surnameFirst || n === 2) reading([0], 1);
  if (n > 2) {
    reading([n - 2, n - 1], 0);
    const first = groups[0]?.join('').length ?? 0;
    if (first >= 2 && first <= 3) reading([n - 1], 1);
  }
  return out;
}

export function parseLetterName(raw: string): LetterName | null {
  const t = tokeniseName(raw);
  if (t.occupier) return { tokens: [], surnameCandidates: [], occupier: true, surnameFirst: false, groups: [], readings: [] };
  const tokens = t.groups.map((g) => g.join(''));
  if (tokens.length === 0) return null;
  const cands = new Set<string>();
  for (const g of t.groups) {
    for (const p of g) cands.add(skeleton(p));
    if (g.length > 1) cands.add(skeleton(g.join('')));
  }
  for (let i = 0; i + 1 < tokens.length; i++) cands.add(skeleton((tokens[i] ?? '') + (tokens[i + 1] ?? '')));
  return {
    tokens, surnameCandidates: [...cands], occupier: t.occupier, surnameFirst: t.surnameFirst, groups: t.groups,
    readings: nameReadings(t.groups, t.surnameFirst),
  };
}
