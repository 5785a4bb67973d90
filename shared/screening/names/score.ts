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

interface Agreement { readonly sim: number; readonly how: string; readonly code: number }

// Every agreement a surname or a given name can reach, as constants: scoring a candidate entry allocates
// nothing, and the per-letter memo below stores only an agreement's code.
const AGREEMENTS: Agreement[] = [];
function agreement(sim: number, how: string): Agreement {
  const a = { sim, how, code: AGREEMENTS.length };
  AGREEMENTS.push(a);
  return a;
}
const NO_AGREEMENT = agreement(0, '');
const SURNAME_SAME = agreement(SURNAME_EXACT, 'same');
const SURNAME_ONE_EDIT = agreement(SURNAME_OCR, 'one OCR edit');
// A part of a double-barrelled name, not the whole.
const SURNAME_PART_SAME = agreement(Math.min(SURNAME_EXACT, SURNAME_PART), 'same, one part of the surname');
const SURNAME_PART_ONE_EDIT = agreement(Math.min(SURNAME_OCR, SURNAME_PART), 'one OCR edit, one part of the surname');
const SURNAME_SOUND = agreement(SURNAME_PHONETIC, 'sounds the same');
/** Given-name agreements by kind: [as the first given name, as a middle name the person may go by]. */
const givenKinds = (sim: number, how: string): readonly [Agreement, Agreement] => [agreement(sim, how), agreement(sim * 0.9, `${how} (middle name)`)];
const GIVEN_SAME = givenKinds(GIVEN_EXACT, 'same');
const GIVEN_INITIAL_AGREES = givenKinds(GIVEN_INITIAL, 'initial agrees');
const GIVEN_SHORT_FORM = givenKinds(GIVEN_NICKNAME, 'short form of the same name');
const GIVEN_ONE_EDIT = givenKinds(GIVEN_OCR, 'one OCR edit');
const GIVEN_SOUND = givenKinds(GIVEN_PHONETIC, 'sounds the same');

function surnameAgreement(letterForm: string, entry: EntryName): Agreement {
  let best = NO_AGREEMENT;
  const parts = entry.surnameParts;
  const whole = parts[parts.length - 1];
  for (const part of parts) {
    let a: Agreement;
    if (part === letterForm) a = parts.length > 1 && part !== whole ? SURNAME_PART_SAME : SURNAME_SAME;
    else if (skeletonsAgree(part, letterForm)) a = parts.length > 1 && part !== whole ? SURNAME_PART_ONE_EDIT : SURNAME_ONE_EDIT;
    else continue;
    if (a.sim > best.sim) best = a;
  }
  return best;
}

function givenAgreement(written: string, sk: string, entry: EntryName): Agreement {
  // A letter's first letter alone, as a writer puts an initial ("C Okonkwo" for Clare, whose skeleton
  // opens with D): compared as well as the skeleton's first letter (writtenInitials).
  const firstAlone = skeleton(written[0] ?? '');
  if (!entry.initials.includes(sk[0] ?? '') && !entry.initials.includes(firstAlone)) return NO_AGREEMENT;
  let best = NO_AGREEMENT;
  for (let i = 0; i < entry.given.length; i++) {
    const g = entry.given[i] ?? '';
    const gs = entry.givenSkeletons[i] ?? '';
    let kind: readonly [Agreement, Agreement] | null = null;
    if (written === g || sk === gs) kind = GIVEN_SAME;
    else if (written.length === 1 || g.length === 1) {
      if (sk[0] === gs[0] || firstAlone === skeleton(g[0] ?? '')) kind = GIVEN_INITIAL_AGREES;
    } else if (areNicknames(written, g)) kind = GIVEN_SHORT_FORM;
    else if (skeletonsAgree(sk, gs)) kind = GIVEN_ONE_EDIT;
    else if (sk[0] === gs[0] && soundOf(written) !== '' && soundOf(written) === soundOf(g)) kind = GIVEN_SOUND;
    if (kind === null) continue;
    const a = kind[i > 0 ? 1 : 0];
    if (a.sim > best.sim) best = a;
  }
  return best;
}

// The per-letter memo of agreements: entries share surnames and given names, so each listed half is
// compared with a reading once. A direct-mapped table keyed by (reading serial, listed half's id) rather
// than a Map per reading: a Map grown for every letter was garbage for the next scavenge. A slot another
// key took is computed again (the table only saves work; it never changes a result).
const MEMO_BITS = 15;
const memoSerial = new Float64Array(1 << MEMO_BITS);
const memoKey = new Float64Array(1 << MEMO_BITS);
const memoCode = new Uint8Array(1 << MEMO_BITS);
const SURNAME_MEMO = 0;
const GIVEN_MEMO = 1;

function memoSlot(serial: number, key: number): number {
  return (Math.imul(key | 0, 0x9e3779b1) ^ Math.imul(serial | 0, 0x85ebca6b)) >>> (32 - MEMO_BITS);
}

/** The agreement remembered for this reading under `key` (a listed half's id and kind), or null. */
function recall(r: NameReading, key: number): Agreement | null {
  const slot = memoSlot(r.serial, key);
  return memoSerial[slot] === r.serial && memoKey[slot] === key ? AGREEMENTS[memoCode[slot] as number] as Agreement : null;
}

function remember(r: NameReading, key: number, a: Agreement): Agreement {
  const slot = memoSlot(r.serial, key);
  memoSerial[slot] = r.serial;
  memoKey[slot] = key;
  memoCode[slot] = a.code;
  return a;
}

function remembered(r: NameReading, kind: number, id: number, compute: (r: NameReading, entry: EntryName) => Agreement, entry: EntryName): Agreement {
  const key = id * 2 + kind;
  return recall(r, key) ?? remember(r, key, compute(r, entry));
}

/** remembered, for a listed name known by its halves' ids: `load` gives the name only when a half has not
 * been compared with this reading yet. */
function rememberedById(r: NameReading, kind: number, id: number, compute: (r: NameReading, entry: EntryName) => Agreement, load: () => EntryName): Agreement {
  const key = id * 2 + kind;
  return recall(r, key) ?? remember(r, key, compute(r, load()));
}

function computeSurname(r: NameReading, entry: EntryName): Agreement {
  let s = NO_AGREEMENT;
  for (const f of r.surnameForms) {
    const a = surnameAgreement(f, entry);
    if (a.sim > s.sim) s = a;
  }
  if (s.sim === 0) for (const c of r.surnameSounds) if (entry.surnameSounds.includes(c)) return SURNAME_SOUND;
  return s;
}

function computeGiven(r: NameReading, entry: EntryName): Agreement {
  return r.given ? givenAgreement(r.given, r.givenSkeleton, entry) : NO_AGREEMENT;
}

function readingSurname(r: NameReading, entry: EntryName): Agreement {
  return remembered(r, SURNAME_MEMO, entry.surnameId, computeSurname, entry);
}

function readingGiven(r: NameReading, entry: EntryName): Agreement {
  if (!r.given) return NO_AGREEMENT;
  return remembered(r, GIVEN_MEMO, entry.givenId, computeGiven, entry);
}

/** Both sides give a full middle name and none of them agrees: two people of one first and last name.
 * Loops over the reading's middle-name skeletons (made once a letter) rather than mapped and sliced copies:
 * this runs for every candidate entry. */
function middleConflict(r: NameReading, entry: EntryName): boolean {
  const listed = entry.givenSkeletons;
  const written = r.middleSkeletons;
  if (written.length === 0 || listed.length < 2) return false;
  let writtenFull = false;
  for (const w of written) if (w.length > 1) writtenFull = true;
  let listedFull = false;
  for (let i = 1; i < listed.length; i++) if ((listed[i] as string).length > 1) listedFull = true;
  if (!writtenFull || !listedFull) return false;
  for (const w of written) {
    for (let i = 1; i < listed.length; i++) {
      const l = listed[i] as string;
      if (w.length === 1 || l.length === 1 ? w[0] === l[0] : skeletonsAgree(w, l)) return false;
    }
  }
  return true;
}

function readingScore(s: Agreement, g: Agreement, conflict: boolean): number {
  return Math.max(0, Math.round((SURNAME_WEIGHT * s.sim + GIVEN_WEIGHT * g.sim - (conflict ? MIDDLE_CONFLICT : 0)) * 1000) / 1000);
}

/** Whether scoreName(letter, n) can reach `floor` (> 0) for a listed name n whose surname and given-name
 * halves have these ids, from the per-letter memo of agreements: n itself is loaded (`load`) only when the
 * memo has not met one of its halves. Most candidates a name key finds share their halves with others (a
 * frequent surname, a given name), so they are judged without reaching their entries. The score without
 * the middle-name conflict is an upper bound (the conflict only lowers it): false means scoreName stays
 * below `floor`. */
export function nameMayReach(letter: LetterName, surnameId: number, givenId: number, floor: number, load: () => EntryName): boolean {
  for (const r of letter.readings) {
    const s = rememberedById(r, SURNAME_MEMO, surnameId, computeSurname, load);
    if (s.sim === 0) continue;
    const g = r.given ? rememberedById(r, GIVEN_MEMO, givenId, computeGiven, load) : NO_AGREEMENT;
    if (readingScore(s, g, false) >= floor) return true;
  }
  return false;
}

/** The best score over the ways of reading the letter's name (see nameReadings in parse.ts). A best score
 * not above `beat`, or below `floor`, comes back as no match: the caller keeps only a better one, or only
 * one strong enough for a rule, and the scorer runs for every candidate entry of every letter, so a result
 * object it would drop is garbage for the next scavenge. */
export function scoreName(letter: LetterName, entry: EntryName, beat = 0, floor = 0): NameScore {
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
  if (!best || bestScore <= beat || bestScore < floor) return NO_MATCH;
  return {
    score: bestScore, surname: bestSurname.sim, given: bestGiven.sim,
    fullGiven: bestGiven.sim >= GIVEN_PHONETIC * 0.9 && (best.given?.length ?? 0) > 1,
    reading: best, surnameHow: bestConflict ? `${bestSurname.how}; middle names differ` : bestSurname.how,
    givenHow: bestGiven.how, entrySurname: entry.surname,
  };
}
