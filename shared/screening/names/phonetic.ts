// The sound of a surname (double metaphone, primary code), for surnames spelt differently from the list
// (SCHULZE / SCHOLZ, SHIVAUN / SIOBHAN) beyond one OCR edit. Memoised: names repeat.
import { doubleMetaphone } from 'double-metaphone';

const codes = new Map<string, string>();

/** Folded word → its primary double-metaphone code; '' when too short to tell surnames apart. */
export function soundOf(word: string): string {
  let c = codes.get(word);
  if (c === undefined) {
    c = word.length >= 3 && /^[A-Z]+$/.test(word) ? doubleMetaphone(word)[0] : '';
    // Two-sound codes (KN for KHAN, KEANE, CAIN) are shared by too many surnames to be evidence.
    if (c.length < 3) c = '';
    if (codes.size > 200_000) codes.clear();
    codes.set(word, c);
  }
  return c;
}
