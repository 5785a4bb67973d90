// Folding text read off an envelope into comparable upper-case ASCII tokens, and the OCR skeleton that
// makes letters OCR confuses (rn/m, cl/d, 1/l/I, 0/O, 5/S...) compare equal.
import { distance } from 'fastest-levenshtein';
import { TOKEN_FUZZY_MIN_LENGTH, TOKEN_MAX_EDITS } from '../policy.ts';

/** Upper case, diacritics dropped (ŵ→W, ô→O), curly apostrophes straightened. */
export function foldText(s: string): string {
  // Most text is plain ASCII: upper-casing is all it needs.
  if (/^[\x20-\x7e]*$/.test(s)) return s.toUpperCase();
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u201b`´]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .toUpperCase();
}

/** Splits folded text into word tokens: letters and digits, apostrophes dropped (O'NEILL → ONEILL). */
export function wordTokens(folded: string): string[] {
  return folded
    .replace(/'/g, '')
    .split(/[^A-Z0-9]+/)
    .filter((t) => t.length > 0);
}

const MULTI: readonly (readonly [RegExp, string])[] = [
  [/RN/g, 'M'],
  [/CL/g, 'D'],
  [/VV/g, 'W'],
];
const SINGLE: Readonly<Record<string, string>> = {
  '0': 'O', Q: 'O', '1': 'I', L: 'I', '|': 'I', J: 'I', '5': 'S', '8': 'B', '2': 'Z', '6': 'G', E: 'C', '4': 'A',
  // n and h are one shape to a reader. (li/h would need a two-letter rule that breaks ll/11, the more
  // common confusion, so it is left to the one-edit tolerance.)
  H: 'N',
  U: 'V',
};

/** The OCR skeleton: a many-to-one folding under which common OCR confusions vanish. Used on both
 * sides of every comparison, so conflating a few real letters (E/C, U/V) costs little precision. */
export function skeleton(token: string): string {
  const known = skeletons.get(token);
  if (known !== undefined) return known;
  const s = computeSkeleton(token);
  if (skeletons.size >= SKELETON_CACHE) skeletons.clear();
  skeletons.set(token, s);
  return s;
}

/** Words repeat across a list and across letters: remembering their skeletons halves build and screen
 * time. Bounded so that a long-running worker does not grow without end. */
const SKELETON_CACHE = 500_000;
const skeletons = new Map<string, string>();

function computeSkeleton(token: string): string {
  let s = token;
  for (const [re, to] of MULTI) s = s.replace(re, to);
  let out = '';
  for (const ch of s) out += SINGLE[ch] ?? ch;
  return out;
}

/** Whether two skeletons agree despite OCR damage: equal, or within TOKEN_MAX_EDITS when both are long
 * enough. The candidate index covers exactly this relation with symmetric one-deletion
 * keys: a skeleton and each of its one-character deletions (index/candidates.ts). */
export function skeletonsAgree(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < TOKEN_FUZZY_MIN_LENGTH || b.length < TOKEN_FUZZY_MIN_LENGTH) return false;
  if (Math.abs(a.length - b.length) > TOKEN_MAX_EDITS) return false;
  return distance(a, b) <= TOKEN_MAX_EDITS;
}

/** FNV-1a 32-bit twice with different seeds, as 16 hex chars: a stable, platform-free fingerprint. */
export function fingerprint(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
    h2 ^= h2 >>> 15;
  }
  return h1.toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
