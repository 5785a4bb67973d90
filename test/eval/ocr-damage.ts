// OCR damage as a reader leaves it: mostly shape confusions (rn/m, cl/d, 1/l/I, 0/O, 5/S...), some
// random substitutions and dropped characters, anywhere in the text, postcode included.
export type Rand = () => number;

const CONFUSIONS: readonly (readonly [string, string])[] = [
  ['rn', 'm'], ['m', 'rn'], ['cl', 'd'], ['d', 'cl'], ['li', 'h'], ['h', 'li'], ['e', 'c'], ['c', 'e'],
  ['l', '1'], ['1', 'l'], ['I', '1'], ['1', 'I'], ['l', 'I'], ['0', 'O'], ['O', '0'], ['o', '0'], ['S', '5'],
  ['5', 'S'], ['B', '8'], ['8', 'B'], ['Z', '2'], ['2', 'Z'], ['G', '6'], ['6', 'G'], ['u', 'v'], ['n', 'h'],
  ['a', 'o'], ['i', 'l'], ['E', 'F'], ['R', 'K'], ['H', 'N'], ['U', 'V'], ['A', '4'],
];
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function ocrDamage(text: string, edits: number, rand: Rand): string {
  let s = text;
  for (let k = 0; k < edits; k++) {
    const positions: number[] = [];
    for (let i = 0; i < s.length; i++) if (/[A-Za-z0-9]/.test(s[i] ?? '')) positions.push(i);
    if (positions.length === 0) return s;
    const at = positions[Math.floor(rand() * positions.length)] ?? 0;
    const options = CONFUSIONS.filter(([from]) => s.startsWith(from, at));
    const r = rand();
    if (options.length > 0 && r < 0.65) {
      const [from, to] = options[Math.floor(rand() * options.length)] ?? ['', ''];
      s = s.slice(0, at) + to + s.slice(at + from.length);
    } else if (r < 0.88) {
      s = s.slice(0, at) + (ALNUM[Math.floor(rand() * ALNUM.length)] ?? 'x') + s.slice(at + 1);
    } else {
      s = s.slice(0, at) + s.slice(at + 1);
    }
  }
  return s;
}
