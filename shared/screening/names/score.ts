// Scores a name read off an envelope against a blocked name: surname (OCR-tolerant, any part of a
// double-barrelled name) and given name (exact, short form, initial, OCR damage, same sound).
import {
  GIVEN_EXACT, GIVEN_INITIAL, GIVEN_NICKNAME, GIVEN_OCR, GIVEN_PHONETIC, GIVEN_WEIGHT,
  MIDDLE_CONFLICT, SURNAME_EXACT, SURNAME_OCR, SURNAME_PART, SURNAME_PHONETIC, SURNAME_WEIGHT,
} from '../policy.ts';
import { skeleton, skeletonsAgree } from '../text/fold.ts';
import { areNicknames } from './nicknames.ts';
import { soundOf } from './phonetic.ts';
import type { EntryName, LetterName, NameReading } from './parse.ts';

export interface NameScore {
  readonly score: number;
  readonly surname: number;
  readonly given: number;
  /** The given name agreed in full (not only as an initial). */
  readonly fullGiven: boolean;
  readonly reading: NameReading | null;
  readonly surnameHow: string;
  readonly givenHow: string;
  readonly entrySurname: string;
}

const NO_MATCH: NameScore = { score: 0, surname: 0, given: 0, fullGiven: false, reading: null, surnameHow: '', givenHow: '', entrySurname: '' };

/** Why, in words: built only for the matches that are reported. */
export function nameReasons(ns: NameScore): string[] {
  const r = ns.reading;
  if (!r) return [];
  return [
    `surname ${r.written} ~ ${ns.entrySurname}: ${ns.surnameHow}`,
    ns.given > 0 ? `given name ${r.given ?? ''}: ${ns.givenHow}` : r.given ? `given name ${r.given} does not agree` : 'no given name written',
  ];
}

interface Agreement { readonly sim: number; readonly how: string }
const NO_AGREEMENT: Agreement = { sim: 0, how: '' };

function surnameAgreement(letterForm: string, entry: EntryName): Agreement {
  let best = NO_AGREEMENT;
  const parts = entry.surnameParts;
  const whole = parts[parts.length - 1];
  for (const part of parts) {
    let sim = 0;
    if (part === letterForm) sim = SURNAME_EXACT;
    else if (skeletonsAgree(part, letterForm)) sim = SURNAME_OCR;
    else continue;
    let how = sim === SURNAME_EXACT ? 'same' : 'one OCR edit';
    if (parts.length > 1 && part !== whole) {
      // A part of a double-barrelled name, not the whole.
      sim = Math.min(sim, SURNAME_PART);
      how = `${how}, one part of the surname`;
    }
    if (sim > best.sim) best = { sim, how };
  }
  return best;
}

function givenAgreement(written: string, sk: string, entry: EntryName): Agreement {
  if (!entry.initials.includes(sk[0] ?? '')) return NO_AGREEMENT;
  let best = NO_AGREEMENT;
  for (let i = 0; i < entry.given.length; i++) {
    const g = entry.given[i] ?? '';
    const gs = entry.givenSkeletons[i] ?? '';
    let sim = 0;
    let how = '';
    if (written === g || sk === gs) { sim = GIVEN_EXACT; how = 'same'; }
    else if (written.length === 1 || g.length === 1) {
      if (sk[0] === gs[0]) { sim = GIVEN_INITIAL; how = 'initial agrees'; }
    } else if (areNicknames(written, g)) { sim = GIVEN_NICKNAME; how = 'short form of the same name'; }
    else if (skeletonsAgree(sk, gs)) { sim = GIVEN_OCR; how = 'one OCR edit'; }
    else if (sk[0] === gs[0] && soundOf(written) !== '' && soundOf(written) === soundOf(g)) { sim = GIVEN_PHONETIC; how = 'sounds the same'; }
    if (i > 0) sim *= 0.9; // a middle name the person may go by
    if (sim > best.sim) best = { sim, how: i > 0 ? `${how} (middle name)` : how };
  }
  return best;
}

function readingSurname(r: NameReading, entry: EntryName): Agreement {
  const key = entry.surnameKey;
  let s = r.surnameMemo.get(key) as Agreement | undefined;
  if (s === undefined) {
    s = NO_AGREEMENT;
    for (const f of r.surnameForms) {
      const a = surnameAgreement(f, entry);
      if (a.sim > s.sim) s = a;
    }
    if (s.sim === 0 && r.surnameSounds.some((c) => entry.surnameSounds.includes(c))) s = { sim: SURNAME_PHONETIC, how: 'sounds the same' };
    r.surnameMemo.set(key, s);
  }
  return s;
}

function readingGiven(r: NameReading, entry: EntryName): Agreement {
  if (!r.given) return NO_AGREEMENT;
  const key = entry.givenKey;
  let g = r.givenMemo.get(key) as Agreement | undefined;
  if (g === undefined) {
    g = givenAgreement(r.given, r.givenSkeleton, entry);
    r.givenMemo.set(key, g);
  }
  return g;
}

/** Both sides give a full middle name and none of them agrees: two people of one first and last name. */
function middleConflict(r: NameReading, entry: EntryName): boolean {
  if (r.middles.length === 0 || entry.given.length < 2) return false;
  const listed = entry.givenSkeletons.slice(1);
  const written = r.middles.map(skeleton);
  if (written.every((w) => w.length <= 1) || listed.every((l) => l.length <= 1)) return false;
  return !written.some((w) => listed.some((l) => (w.length === 1 || l.length === 1 ? w[0] === l[0] : skeletonsAgree(w, l))));
}

function readingScore(s: Agreement, g: Agreement, conflict: boolean): number {
  return Math.max(0, Math.round((SURNAME_WEIGHT * s.sim + GIVEN_WEIGHT * g.sim - (conflict ? MIDDLE_CONFLICT : 0)) * 1000) / 1000);
}

/** The best score over the ways of reading the letter's name (see nameReadings in parse.ts). With `beat`,
 * a best score not above it comes back as no match: the caller keeps only a better one, and the scorer
 * runs for every candidate entry of every letter, so a result object it would drop is garbage for the next
 * scavenge. */
export function scoreName(letter: LetterName, entry: EntryName, beat = 0): NameScore {
  if (entry.surnameParts.length === 0) return NO_MATCH;
  let bestScore = 0;
  let best: NameReading | null = null;
  let bestSurname = NO_AGREEMENT;
  let bestGiven = NO_AGREEMENT;
  let bestConflict = false;
  for (const r of letter.readings) {
    const s = readingSurname(r, entry);
    if (s.sim === 0) continue;
    const g = readingGiven(r, entry);
    const conflict = middleConflict(r, entry);
    const score = readingScore(s, g, conflict);
    if (score > bestScore) {
      bestScore = score;
      best = r;
      bestSurname = s;
      bestGiven = g;
      bestConflict = conflict;
    }
  }
  if (!best || bestScore <= beat) return NO_MATCH;
  return {
    score: bestScore, surname: bestSurname.sim, given: bestGiven.sim,
    fullGiven: bestGiven.sim >= GIVEN_PHONETIC * 0.9 && (best.given?.length ?? 0) > 1,
    reading: best, surnameHow: bestConflict ? `${bestSurname.how}; middle names differ` : bestSurname.how,
    givenHow: bestGiven.how, entrySurname: entry.surname,
  };
}
