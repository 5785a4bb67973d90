// UK postcodes as read off an envelope: found in a line, repaired by position (a digit where a letter
// must stand and the reverse), and compared with a blocked postcode at unit, sector or district level.
import { MAX_POSTCODE_READINGS } from '../policy.ts';

/** The postcode areas of the UK and Crown dependencies: a reading outside them is not a postcode. */
const AREAS = new Set(
  ('AB AL B BA BB BD BF BH BL BN BR BS BT BX CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT DY E EC EH ' +
    'EN EX FK FY G GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY L LA LD LE LL LN LS LU M ME MK ' +
    'ML N NE NG NN NP NR NW OL OX PA PE PH PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD ' +
    'TF TN TQ TR TS TW UB W WA WC WD WF WN WR WS WV YO ZE').split(' '),
);

/** The areas whose districts may end in a letter (E1W, N1C, W1A; EC1A, NW1W, SE1P, SW1A, WC1A). */
const LETTER_DISTRICT_AREAS = new Set(['E', 'N', 'W', 'EC', 'NW', 'SE', 'SW', 'WC']);

/** What OCR turns letters into and back, by the shapes that get confused. */
const AS_LETTER: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B', '2': 'Z', '6': 'G', '4': 'A', '7': 'T' };
const AS_DIGIT: Readonly<Record<string, string>> = {
  O: '0', D: '0', Q: '0', U: '0', I: '1', L: '1', J: '1', T: '7', S: '5', B: '8', Z: '2', G: '6', A: '4',
};
/** Letters Royal Mail never uses in the inward code's last two places. */
const INWARD_FORBIDDEN = new Set(['C', 'I', 'K', 'M', 'O', 'V']);

type Slot = 'L' | 'D';
const OUTWARD_SHAPES: Readonly<Record<number, readonly (readonly Slot[])[]>> = {
  2: [['L', 'D']],
  3: [['L', 'D', 'D'], ['L', 'D', 'L'], ['L', 'L', 'D']],
  4: [['L', 'L', 'D', 'D'], ['L', 'L', 'D', 'L']],
};

export interface PostcodeReading {
  /** Without a space, e.g. LS62AB. */
  readonly unit: string;
  readonly outward: string;
  readonly inward: string;
  /** e.g. "Z→2 at 4"; empty when read as written. */
  readonly repairs: readonly string[];
}

export function formatPostcode(unit: string): string {
  return `${unit.slice(0, -3)} ${unit.slice(-3)}`;
}

const WELL_FORMED = /^([A-Z]{1,2})\d[A-Z\d]?\d[A-Z]{2}$/;

/** Normalises a postcode written on a blocklist entry (trusted, typed): upper case, no spaces. */
export function normaliseListedPostcode(raw: string): string | null {
  // Most listed postcodes are typed as they should be ("LS6 2AB"): joined and checked without the
  // general path's upper-casing, replace and capturing match (a national list has a million of them).
  const space = raw.length - 4;
  if (space >= 2 && space <= 4 && raw.charCodeAt(space) === 32 && AREAS.has(raw.slice(0, letters(raw)))) {
    const unit = raw.slice(0, space) + raw.slice(space + 1);
    if (WELL_FORMED.test(unit)) return unit;
  }
  return normaliseAnyListedPostcode(raw);
}

/** normaliseListedPostcode for any writing ("ls6 2ab", "LS62AB", "LS6 ZAB"): exported for the test that
 * compares the quick path with it. */
export function normaliseAnyListedPostcode(raw: string): string | null {
  const s = raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const m = WELL_FORMED.exec(s);
  if (m && AREAS.has(m[1] ?? '')) return s;
  const readings = readPostcode(s);
  const exact = readings.find((r) => r.repairs.length === 0);
  return exact?.unit ?? readings[0]?.unit ?? (s.length > 0 ? s : null);
}

/** How many capital letters `s` starts with: the area, in a well-formed postcode. */
function letters(s: string): number {
  let i = 0;
  while (i < s.length && isLetter(s[i] ?? '')) i++;
  return i;
}

function isLetter(c: string): boolean {
  return c >= 'A' && c <= 'Z';
}
function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Every valid reading of a compact candidate string (5 to 7 characters), as written first. */
export function readPostcode(compact: string): PostcodeReading[] {
  const s = compact.toUpperCase();
  if (s.length < 5 || s.length > 7) return [];
  const out = s.slice(0, -3);
  const inw = s.slice(-3);
  const inwards = slotReadings(inw, ['D', 'L', 'L'], out.length);
  if (inwards.length === 0) return [];
  const results: PostcodeReading[] = [];
  for (const shape of OUTWARD_SHAPES[out.length] ?? []) {
    for (const o of slotReadings(out, shape, 0)) {
      if (!validOutward(o.text, shape)) continue;
      for (const i of inwards) {
        if (INWARD_FORBIDDEN.has(i.text[1] ?? '') || INWARD_FORBIDDEN.has(i.text[2] ?? '')) continue;
        results.push({ unit: o.text + i.text, outward: o.text, inward: i.text, repairs: [...o.repairs, ...i.repairs] });
      }
    }
  }
  const seen = new Set<string>();
  return results
    .filter((r) => (seen.has(r.unit) ? false : (seen.add(r.unit), true)))
    .sort((a, b) => a.repairs.length - b.repairs.length || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0))
    .slice(0, MAX_POSTCODE_READINGS);
}

function slotReadings(text: string, shape: readonly Slot[], offset: number): { text: string; repairs: string[] }[] {
  let acc: { text: string; repairs: string[] }[] = [{ text: '', repairs: [] }];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    const want = shape[i];
    let next: string | undefined;
    if (want === 'L') next = isLetter(c) ? c : AS_LETTER[c];
    else next = isDigit(c) ? c : AS_DIGIT[c];
    if (next === undefined) return [];
    const repair = next === c ? null : `${c}→${next} at ${offset + i + 1}`;
    acc = acc.map((a) => ({ text: a.text + next, repairs: repair ? [...a.repairs, repair] : a.repairs }));
  }
  return acc;
}

function validOutward(o: string, shape: readonly Slot[]): boolean {
  const area = shape[1] === 'L' ? o.slice(0, 2) : o.slice(0, 1);
  if (!AREAS.has(area)) return false;
  const last = o[o.length - 1] ?? '';
  // A district ending in a letter (W1A, EC1A) exists only in central London: elsewhere such a reading
  // would be a second, false repair of every S/5 or G/6 (LSG 2AB is LS6 2AB, not "L5G 2AB").
  if (shape.length === 3 && shape[2] === 'L' && (!LETTER_DISTRICT_AREAS.has(area) || !'ABCDEFGHJKPSTUW'.includes(last))) return false;
  if (shape.length === 4 && shape[3] === 'L' && (!LETTER_DISTRICT_AREAS.has(area) || !'ABEHMNPRVWXY'.includes(last))) return false;
  return true;
}

export interface FoundPostcode {
  readonly written: string;
  readonly readings: readonly PostcodeReading[];
  /** The line text with the postcode removed (a town often shares the postcode's line). */
  readonly rest: string;
}

/** The last few lines looked at and what was found in them: the envelope reader asks about a line when it
 * splits the text into blocks and again when it reads the block, and each reading is a dozen small objects
 * of garbage. What is found is never changed by its users, so one result serves both. */
const RECENT = 8;
const recentLines: string[] = new Array<string>(RECENT).fill('');
const recentFound: (FoundPostcode | null)[] = new Array<FoundPostcode | null>(RECENT).fill(null);
let recentNext = 0;

/** Looks for a postcode at the end of a folded line: the last one, two or three tokens joined. A candidate
 * needs a digit, so that "HEOL Y BONT" or "GATLEY" is not read as a postcode. */
export function findPostcodeInLine(folded: string): FoundPostcode | null {
  for (let i = 0; i < RECENT; i++) if (recentLines[i] === folded) return recentFound[i] ?? null;
  const found = readPostcodeInLine(folded);
  recentLines[recentNext] = folded;
  recentFound[recentNext] = found;
  recentNext = (recentNext + 1) % RECENT;
  return found;
}

function readPostcodeInLine(folded: string): FoundPostcode | null {
  const tokens = folded.split(/[\s,.;:]+/).filter((t) => t.length > 0);
  for (const take of [2, 1, 3]) {
    if (tokens.length < take) continue;
    const parts = tokens.slice(tokens.length - take);
    const written = parts.join(' ');
    const compact = parts.join('').replace(/[^A-Z0-9]/g, '');
    if (compact.length < 5 || compact.length > 7) continue;
    if (take === 2 && (parts[1]?.length ?? 0) !== 3) continue;
    // Every postcode has two digits; OCR rarely turns both into letters, while a town name
    // (GATLEY → G4T 1EY) would read as a postcode if no digit were required.
    if (!/\d/.test(compact)) continue;
    const readings = readPostcode(compact);
    if (readings.length === 0) continue;
    return { written, readings, rest: tokens.slice(0, tokens.length - take).join(' ') };
  }
  return null;
}

export type PostcodeAgreement = 'unit' | 'unit-ocr' | 'sector' | 'district' | 'none';

export interface PostcodeComparison {
  readonly level: PostcodeAgreement;
  readonly reading: PostcodeReading | null;
  /** At `unit` level through a repaired reading: another reading of the same writing, repaired no more
   * than that one, that is a different postcode. The writing could be repaired two ways, and the engine
   * must not pick one silently. */
  readonly rival?: PostcodeReading | undefined;
}

const RANK: Readonly<Record<PostcodeAgreement, number>> = { unit: 4, 'unit-ocr': 3, sector: 2, district: 1, none: 0 };

/** The comparison when no reading agrees: shared, since most entries a letter is compared with are in
 * another area and a fresh object per entry is garbage the next scavenge must clear. */
const NO_AGREEMENT: PostcodeComparison = { level: 'none', reading: null };

/** How far the best reading agrees with a listed postcode. `unit-ocr` is one unrepaired character off
 * (a digit misread as another digit), which the index still finds by its intact half. */
export function comparePostcode(readings: readonly PostcodeReading[], listed: string): PostcodeComparison {
  let bestLevel: PostcodeAgreement = 'none';
  let chosen: PostcodeReading | null = null;
  for (const r of readings) {
    const level = agreement(r, listed);
    if (RANK[level] > RANK[bestLevel]) { bestLevel = level; chosen = r; }
  }
  if (!chosen) return NO_AGREEMENT;
  if (bestLevel === 'unit' && chosen.repairs.length > 0) {
    // Readings come fewest repairs first, so the first other one is the likeliest rival.
    let rival: PostcodeReading | undefined;
    for (const r of readings) if (r.unit !== listed && r.repairs.length <= chosen.repairs.length) { rival = r; break; }
    if (rival) return { level: bestLevel, reading: chosen, rival };
  }
  return { level: bestLevel, reading: chosen };
}

function agreement(r: PostcodeReading, listed: string): PostcodeAgreement {
  if (r.unit === listed) return 'unit';
  if (r.unit.length === listed.length && hamming(r.unit, listed) === 1) return 'unit-ocr';
  // The outward code is all but the last three characters (compared in place: no slice per entry).
  const outLength = listed.length - 3;
  if (r.outward.length === outLength && listed.startsWith(r.outward)) return r.inward[0] === listed[outLength] ? 'sector' : 'district';
  return 'none';
}

function hamming(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
  return d;
}

/** Whether the index's postcode keys (outward, inward) can find `listed` from these readings: true for
 * every agreement above `none`, which is what the scorer's postcode gate requires. */
export function postcodeGate(readings: readonly PostcodeReading[], listed: string): boolean {
  return comparePostcode(readings, listed).level !== 'none';
}

export function describeReading(r: PostcodeReading): string {
  return r.repairs.length === 0 ? formatPostcode(r.unit) : `${formatPostcode(r.unit)} after repair ${r.repairs.join(', ')}`;
}
