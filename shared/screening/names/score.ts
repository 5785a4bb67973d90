// Scores a name read off an envelope against a blocked name: surname (OCR-tolerant, any part of a
// double-barrelled name) and given name (exact, short form, initial, OCR damage, same sound).
import { doubleMetaphone } from 'double-metaphone';
import {
  GIVEN_EXACT, GIVEN_INITIAL, GIVEN_NICKNAME, GIVEN_OCR, GIVEN_PHONETIC, GIVEN_WEIGHT,
  SURNAME_EXACT, SURNAME_OCR, SURNAME_PART, SURNAME_WEIGHT,
} from '../policy.ts';
import { skeleton, skeletonsAgree } from '../text/fold.ts';
import { areNicknames } from './nicknames.ts';
import type { EntryName, LetterName } from './parse.ts';

export interface NameScore {
  readonly score: number;
  readonly surname: number;
  readonly given: number;
  /** The given name agreed in full (not only as an initial). */
  readonly fullGiven: boolean;
  readonly reasons: readonly string[];
}

const NO_MATCH: NameScore = { score: 0, surname: 0, given: 0, fullGiven: false, reasons: [] };

function surnameAgreement(letterForm: string, entry: EntryName): { sim: number; how: string } {
  let best = { sim: 0, how: '' };
  const multi = entry.surnameParts.length > 1;
  for (const part of entry.surnameParts) {
    let sim = 0;
    let how = '';
    if (part === letterForm) { sim = SURNAME_EXACT; how = 'same'; }
    else if (skeletonsAgree(part, letterForm)) { sim = SURNAME_OCR; how = 'one OCR edit'; }
    if (sim > 0 && multi && part !== entry.surnameParts[entry.surnameParts.length - 1]) {
      // A part of a double-barrelled name, not the whole.
      sim = Math.min(sim, SURNAME_PART);
      how = `${how}, one part of the surname`;
    }
    if (sim > best.sim) best = { sim, how };
  }
  return best;
}

function phonetic(a: string): string {
  return doubleMetaphone(a)[0];
}

function givenAgreement(written: string, entry: EntryName): { sim: number; how: string } {
  const sk = skeleton(written);
  if (!entry.initials.includes(sk[0] ?? '')) return { sim: 0, how: '' };
  let best = { sim: 0, how: '' };
  entry.given.forEach((g, i) => {
    const middle = i > 0 ? 0.9 : 1;
    let sim = 0;
    let how = '';
    const gs = skeleton(g);
    if (written === g || sk === gs) { sim = GIVEN_EXACT; how = 'same'; }
    else if (written.length === 1 || g.length === 1) {
      if (sk[0] === gs[0]) { sim = GIVEN_INITIAL; how = 'initial agrees'; }
    } else if (areNicknames(written, g)) { sim = GIVEN_NICKNAME; how = 'short form of the same name'; }
    else if (skeletonsAgree(sk, gs)) { sim = GIVEN_OCR; how = 'one OCR edit'; }
    else if (written.length >= 3 && phonetic(written) === phonetic(g) && sk[0] === gs[0]) { sim = GIVEN_PHONETIC; how = 'sounds the same'; }
    sim *= middle;
    if (sim > best.sim) best = { sim, how: i > 0 ? `${how} (middle name)` : how };
  });
  return best;
}

/** Scores one reading of the written name: which word is the surname and which the given name. */
function scoreReading(surnameForms: readonly string[], given: string | undefined, entry: EntryName, written: string): NameScore {
  let s = { sim: 0, how: '' };
  for (const f of surnameForms) {
    const a = surnameAgreement(f, entry);
    if (a.sim > s.sim) s = a;
  }
  if (s.sim === 0) return NO_MATCH;
  const g = given ? givenAgreement(given, entry) : { sim: 0, how: '' };
  const score = Math.round((SURNAME_WEIGHT * s.sim + GIVEN_WEIGHT * g.sim) * 1000) / 1000;
  const reasons = [`surname ${written} ~ ${entry.surname}: ${s.how}`];
  if (g.sim > 0) reasons.push(`given name ${given ?? ''}: ${g.how}`);
  else reasons.push(given ? `given name ${given} does not agree` : 'no given name written');
  return { score, surname: s.sim, given: g.sim, fullGiven: g.sim >= GIVEN_PHONETIC * 0.9 && (given?.length ?? 0) > 1, reasons };
}

/** The best score over the ways of reading the letter's name: surname last (Jane Smith), surname first
 * (SMITH JANE, with or without a comma), and a double-barrelled name written as two words. */
export function scoreName(letter: LetterName, entry: EntryName): NameScore {
  const groups = letter.groups;
  if (groups.length < 1 || entry.surnameParts.length === 0) return NO_MATCH;
  let best = NO_MATCH;
  const consider = (surnameIdx: number[], givenIdx: number | undefined): void => {
    const forms = new Set<string>();
    if (surnameIdx.length === 1) {
      const g = groups[surnameIdx[0] ?? 0] ?? [];
      for (const p of g) forms.add(skeleton(p));
      forms.add(skeleton(g.join('')));
    } else {
      // Two words read as one double-barrelled surname: only the pair counts, not the first word alone.
      forms.add(skeleton(surnameIdx.map((i) => (groups[i] ?? []).join('')).join('')));
    }
    const written = surnameIdx.map((i) => (groups[i] ?? []).join('-')).join(' ');
    const given = givenIdx === undefined ? undefined : (groups[givenIdx] ?? []).join('');
    const r = scoreReading([...forms], given, entry, written);
    if (r.score > best.score) best = r;
  };
  const n = groups.length;
  consider([n - 1], n > 1 ? 0 : undefined);
  // Surname first: marked by a comma, or two words that may be either way round ("SMITH JANE").
  if (letter.surnameFirst || n === 2) consider([0], 1);
  if (n > 2) consider([n - 2, n - 1], 0);
  return best;
}
