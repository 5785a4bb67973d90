// The scorer: compares one prepared blocklist entry with every candidate block of an envelope and says
// which rule fired, with what score and why. The brute-force scan and the index both call it; the index
// only decides which entries reach it, so the gates here (postcode within one character, streetGate,
// the name's surname and initial) are exactly what the index keys find.
import { COMMON_SURNAMES, NAME_ELSEWHERE_MIN, NAME_STRONG, POSTCODE_MAX_TRUSTED_REPAIRS, SCORE } from './policy.ts';
import type { EntryName } from './names/parse.ts';
import { nameMayReach, nameReasons, scoreName, type NameScore } from './names/score.ts';
import { comparePostcode, describeReading, formatPostcode, type PostcodeComparison } from './postcode/postcode.ts';
import { preparedFingerprint, type PreparedAddress, type PreparedBlock, type PreparedEntry } from './prepare.ts';
import { skeletonsAgree } from './text/fold.ts';
import type { MatchEvidence } from './types.ts';

type Premises = 'same' | 'other-number' | 'other-flat' | 'unknown' | 'different';
type Street = 'same' | 'partial' | 'different' | 'absent' | 'unknown';

/** What a rule saw, kept as data: the evidence in words is built only for the matches reported. */
type Seen =
  | { readonly kind: 'address'; readonly b: PreparedBlock; readonly a: PreparedAddress; readonly pc: PostcodeComparison;
      readonly premises: Premises; readonly street: Street; readonly extra: readonly string[] }
  | { readonly kind: 'name'; readonly ns: NameScore; readonly area: Area | null; readonly extra: readonly string[] };

interface Candidate {
  readonly verdict: 'HOLD' | 'REVIEW';
  readonly rule: string;
  readonly score: number;
  readonly seen: Seen;
  readonly inReturnAddress?: boolean;
  readonly nameIndex?: number;
  readonly addressIndex?: number;
}

function explain(c: Candidate): string[] {
  const seen = c.seen;
  let out: string[];
  switch (seen.kind) {
    case 'address': {
      const { b, a, pc, premises, street } = seen;
      const pcWhy = !a.unit ? 'listed address has no postcode'
        : pc.level === 'none' && b.readings.length === 0 ? 'no postcode could be read'
        : pc.level === 'none' && !postcodeTrusted(b) ? 'the postcode reads only after several repairs: not compared'
        : postcodeWhy(pc, a.unit);
      out = [pcWhy, premisesWhy(b, a, premises), streetWhy(b, a, street), ...seen.extra];
      break;
    }
    case 'name': {
      out = [...nameReasons(seen.ns), `name score ${seen.ns.score.toFixed(3)}`];
      if (seen.area) out.push(seen.area.byDistrict && seen.area.pc && seen.area.unit ? postcodeWhy(seen.area.pc, seen.area.unit) : 'post town agrees with a listed address');
      out.push(...seen.extra);
      break;
    }
    default: {
      const never: never = seen;
      return never;
    }
  }
  if (c.inReturnAddress) out.push(SENDER_NOTE);
  return out.filter((r) => r.length > 0);
}

const EMPTY: ReadonlySet<string> = new Set();

function agreesWithAny(word: string, words: readonly string[], set: ReadonlySet<string>): boolean {
  if (set.has(word)) return true;
  for (const w of words) if (skeletonsAgree(w, word)) return true;
  return false;
}

/** Whether a listed street or house-name word agrees with a word of the letter's street lines. */
function streetAgrees(b: PreparedBlock, word: string): boolean {
  let known = b.streetAgrees.get(word);
  if (known === undefined) {
    known = agreesWithAny(word, b.streetWords, b.streetWordSet);
    b.streetAgrees.set(word, known);
  }
  return known;
}

/** Whether a listed town word agrees with a word of the letter's locality and town lines. */
function placeAgrees(b: PreparedBlock, word: string): boolean {
  let known = b.placeAgrees.get(word);
  if (known === undefined) {
    known = agreesWithAny(word, b.address.placeWords, EMPTY);
    b.placeAgrees.set(word, known);
  }
  return known;
}

/** The street gate: an entry street or house-name word agrees with a word above the letter's town line,
 * and the house numbers share one (or the entry has none). The index's street keys find every entry
 * that passes it. */
export function streetGate(b: PreparedBlock, a: PreparedAddress): boolean {
  if (a.numbers.length > 0 && !sharesOne(a.numbers, b.address.numbers)) return false;
  for (const c of a.coreWords) if (streetAgrees(b, c)) return true;
  return false;
}

/** Whether the two lists share a value. A loop rather than `some` with a closure: the scorer runs for
 * every candidate entry of every letter, and each closure is garbage for the next scavenge. */
function sharesOne(xs: readonly string[], ys: readonly string[]): boolean {
  for (const x of xs) if (ys.includes(x)) return true;
  return false;
}

/** Two house numbers one character apart (45/95, 17/27, S52 read 552 / 52): what heavy OCR damage (a
 * handwritten envelope) leaves of the listed number. */
export function numbersNear(x: string, y: string): boolean {
  if (x === y || x.includes('-') || y.includes('-')) return false;
  if (x.length === y.length) {
    let d = 0;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && ++d > 1) return false;
    return d === 1;
  }
  const short = x.length < y.length ? x : y;
  const long = x.length < y.length ? y : x;
  if (long.length - short.length !== 1) return false;
  // One character dropped from the longer gives the shorter: compared in place, without the strings.
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  for (let j = i; j < short.length; j++) if (short[j] !== long[j + 1]) return false;
  return true;
}

/** The street gate with a house number one character off instead of the same one (the index's street
 * keys are also looked up under every number one edit from each written one). */
function nearStreetGate(b: PreparedBlock, a: PreparedAddress): string | null {
  let near: string | null = null;
  for (const n of a.numbers) for (const w of b.address.numbers) if (near === null && numbersNear(n, w)) near = `${w}/${n}`;
  if (near === null) return null;
  // Stricter than the street gate: every listed street word is on the letter's street line itself (the
  // gate's street words fall back to every word, town included, when the street line has none of its
  // own: "51 Manor Road, Manchester" must not pass for 21 Manchester Road).
  // Its words agree exactly (after the OCR skeleton): a number one off and a street word one off
  // together are too little ("33 Arket Place" is not 35 Market Street).
  if (a.street.length === 0) return null;
  for (const w of a.street) if (!b.address.street.includes(w)) return null;
  for (const c of a.coreWords) if (streetAgrees(b, c)) return near;
  return null;
}

function comparePremises(b: PreparedBlock, a: PreparedAddress): Premises {
  const listed = a.numbers;
  const written = b.address.numbers;
  const otherFlat = a.flat !== null && b.address.flat !== null && a.flat !== b.address.flat;
  if (listed.length > 0) {
    if (sharesOne(listed, written)) {
      // Both sides give a number the other does not (104 and 107 at 80a Conway Road): another unit of the
      // same building, a neighbour. Ranges (14-16) are left out: their ends and middles are listed apart.
      if (hasOwnNumber(written, listed) && hasOwnNumber(listed, written)) return 'other-number';
      return otherFlat ? 'other-flat' : 'same';
    }
    if (written.length > 0) return 'other-number';
  }
  let houseNameSame = a.houseName.length > 0;
  for (const h of a.houseName) if (houseNameSame && !streetAgrees(b, h)) houseNameSame = false;
  if (houseNameSame) return otherFlat ? 'other-flat' : 'same';
  if (listed.length > 0 || a.houseName.length === 0) return 'unknown';
  return written.length > 0 ? 'different' : 'unknown';
}

/** A house number (not a range) in `xs` that `ys` does not give. */
function hasOwnNumber(xs: readonly string[], ys: readonly string[]): boolean {
  for (const n of xs) if (!n.includes('-') && !ys.includes(n)) return true;
  return false;
}

function premisesWhy(b: PreparedBlock, a: PreparedAddress, p: Premises): string {
  const listed = a.numbers;
  switch (p) {
    case 'same': {
      const shared = listed.find((n) => b.address.numbers.includes(n));
      if (shared === undefined) return 'house name agrees';
      const flat = a.flat ? (b.address.flat ? `, flat ${b.address.flat} = ${a.flat}` : ', flat not written') : '';
      return `house number ${shared} = ${listed[0] ?? shared}${flat}`;
    }
    case 'other-flat': return `flat ${b.address.flat ?? ''} is not the listed flat ${a.flat ?? ''}`;
    case 'other-number': return `house number ${b.address.numbers.join('/')} is not ${listed[0] ?? ''}`;
    case 'unknown': return listed.length > 0 ? 'no house number written' : 'listed address has no house number; house name not written';
    case 'different': return 'house name does not agree';
    default: {
      const never: never = p;
      return never;
    }
  }
}

function compareStreet(b: PreparedBlock, a: PreparedAddress): Street {
  const listed = a.street;
  if (listed.length === 0) return 'unknown';
  if (b.words.length === 0) return 'absent';
  let agreeing = 0;
  for (const w of listed) if (streetAgrees(b, w)) agreeing++;
  if (agreeing === listed.length) {
    return a.streetType && b.address.streetType && a.streetType !== b.address.streetType ? 'partial' : 'same';
  }
  return agreeing > 0 ? 'partial' : 'different';
}

function streetWhy(b: PreparedBlock, a: PreparedAddress, s: Street): string {
  const shown = `street ${b.address.streetWritten ?? b.streetWords.join(' ')} ~ ${a.streetText ?? ''}`;
  switch (s) {
    case 'same': return shown;
    case 'partial': return `${shown} (partly)`;
    case 'different': return `street ${b.address.streetWritten ?? '?'} is not ${a.streetText ?? ''}`;
    case 'absent': return 'no street written';
    case 'unknown': return '';
    default: {
      const never: never = s;
      return never;
    }
  }
}

function townAgrees(b: PreparedBlock, a: PreparedAddress): boolean {
  if (a.town.length === 0 || b.address.placeWords.length === 0) return false;
  for (const t of a.town) if (!placeAgrees(b, t)) return false;
  return true;
}

function postcodeWhy(pc: PostcodeComparison, unit: string): string {
  const r = pc.reading;
  if (!r) return `postcode does not agree with ${formatPostcode(unit)}`;
  switch (pc.level) {
    case 'unit': return `postcode ${describeReading(r)} = ${formatPostcode(unit)}`;
    case 'unit-ocr': return `postcode ${describeReading(r)} is one character from ${formatPostcode(unit)}`;
    case 'sector': return `postcode sector ${r.outward} ${r.inward[0] ?? ''} = ${formatPostcode(unit)}`;
    case 'district': return `postcode district ${r.outward} = ${formatPostcode(unit)}`;
    case 'none': return `postcode does not agree with ${formatPostcode(unit)}`;
    default: {
      const never: never = pc.level;
      return never;
    }
  }
}

const NO_POSTCODE: PostcodeComparison = { level: 'none', reading: null };

function addressCandidate(b: PreparedBlock, a: PreparedAddress, nameNote: string): Candidate | null {
  const pc = a.unit && b.readings.length > 0 ? comparePostcode(b.readings, a.unit) : NO_POSTCODE;
  const near = pc.level === 'unit' || pc.level === 'unit-ocr';
  // The gate: a postcode within one character, or the street gate. A shared district alone is not
  // evidence about an address (it is for a name: see inArea).
  const sg = streetGate(b, a);
  const nearNumber = sg ? null : nearStreetGate(b, a);
  const rawNear = b.rawPostcode !== null && a.unit !== null && withinOne(b.rawPostcode, a.unit);
  if (!near && !sg && nearNumber === null && !rawNear) return null;
  const premises = comparePremises(b, a);
  const street = compareStreet(b, a);
  const town = townAgrees(b, a);
  const addressIndex = a.addressIndex;
  const streetOk = street !== 'different';
  if (pc.level === 'unit' && pc.rival && premises === 'same' && streetOk) {
    return { verdict: 'REVIEW', rule: 'ambiguous-postcode', score: SCORE.ambiguousPostcode,
      seen: addressSeen(b, a, pc, premises, street, `postcode could equally be read ${describeReading(pc.rival)}: a person must decide`, nameNote), addressIndex };
  }
  if (pc.level === 'unit' && premises === 'same' && streetOk) {
    return { verdict: 'HOLD', rule: 'blocked-address', score: SCORE.blockedAddress, seen: addressSeen(b, a, pc, premises, street, nameNote), addressIndex };
  }
  if (pc.level === 'unit-ocr' && premises === 'same' && (street === 'same' || street === 'unknown')) {
    return { verdict: 'HOLD', rule: 'blocked-address', score: SCORE.blockedAddress - 0.02, seen: addressSeen(b, a, pc, premises, street, nameNote), addressIndex };
  }
  const noPostcodeToCompare = !postcodeTrusted(b) || a.unit === null;
  if (sg && premises === 'same' && street === 'same' &&
      (pc.level === 'sector' || pc.level === 'district' || (noPostcodeToCompare && town))) {
    return { verdict: 'HOLD', rule: 'blocked-address', score: SCORE.blockedAddressNoPostcode,
      seen: addressSeen(b, a, pc, premises, street, town ? 'town agrees' : '', nameNote), addressIndex };
  }
  // One character off is also the next postcode unit along; only the same street makes it a neighbour.
  const samePostcode = pc.level === 'unit' || (pc.level === 'unit-ocr' && street === 'same');
  if (samePostcode && (premises === 'other-number' || premises === 'other-flat')) {
    return { verdict: 'REVIEW', rule: 'neighbour', score: SCORE.neighbour, seen: addressSeen(b, a, pc, premises, street, 'a neighbour of a blocked address'), addressIndex };
  }
  if (samePostcode && premises !== 'different') {
    return { verdict: 'REVIEW', rule: 'partial-address', score: SCORE.partialAddress, seen: addressSeen(b, a, pc, premises, street, 'premises not confirmed'), addressIndex };
  }
  if (sg && premises === 'same' && street === 'same' && (town || noPostcodeToCompare || pc.level !== 'none')) {
    return { verdict: 'REVIEW', rule: 'partial-address', score: SCORE.partialAddress,
      seen: addressSeen(b, a, pc, premises, street, town ? 'town agrees but the postcode does not' : 'no town or postcode to confirm it'), addressIndex };
  }
  // Heavy OCR damage: a postcode no repair makes valid (OL2 6mF) within one character of the listed one,
  // with the listed house number in the listed town, whatever the street reads.
  if (rawNear && town && (premises === 'same' || (premises === 'unknown' && street === 'same'))) {
    return { verdict: 'REVIEW', rule: 'partial-address', score: SCORE.nearNumber,
      seen: addressSeen(b, a, pc, premises, street, `postcode written ${b.rawPostcode ?? ''} reads as no postcode but is within one character of ${formatPostcode(a.unit ?? '')}`, 'town agrees'), addressIndex };
  }
  // Heavy OCR damage: the listed street in the listed town, the house number one character off, and no
  // postcode on the letter that can be compared (the index looks near numbers up only then).
  if (nearNumber !== null && street === 'same' && town && !postcodeTrusted(b)) {
    const [w, n] = nearNumber.split('/');
    return { verdict: 'REVIEW', rule: 'partial-address', score: SCORE.nearNumber,
      seen: addressSeen(b, a, pc, premises, street, `house number ${w ?? ''} is one character from ${n ?? ''}: it may be the listed house misread`, 'town agrees'), addressIndex };
  }
  return null;
}

/** Same length and at most one character different: what the index's open postcode keys find. */
function withinOne(x: string, y: string): boolean {
  if (x.length !== y.length) return false;
  let d = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i] && ++d > 1) return false;
  return true;
}

/** A postcode can be compared when some reading of it needs fewer than POSTCODE_MAX_TRUSTED_REPAIRS
 * repairs: a writing valid only after that many is a guess, and a guess must not switch off the street,
 * number and town evidence by "disagreeing". */
export function postcodeTrusted(b: PreparedBlock): boolean {
  for (const r of b.readings) if (r.repairs.length < POSTCODE_MAX_TRUSTED_REPAIRS) return true;
  return false;
}

/** The evidence record, built only for the candidate returned (most entries that pass the gate return
 * none): a bound function per call was garbage for the next scavenge. */
function addressSeen(b: PreparedBlock, a: PreparedAddress, pc: PostcodeComparison, premises: Premises, street: Street, ...extra: string[]): Seen {
  return { kind: 'address', b, a, pc, premises, street, extra };
}

interface Area {
  readonly addressIndex: number;
  readonly byDistrict: boolean;
  readonly pc: PostcodeComparison | null;
  readonly unit: string | null;
}

function inArea(b: PreparedBlock, entry: PreparedEntry): Area | null {
  let byTown: Area | null = null;
  for (const a of entry.addresses) {
    if (a.unit && b.readings.length > 0) {
      const pc = comparePostcode(b.readings, a.unit);
      if (pc.level !== 'none') return { addressIndex: a.addressIndex, byDistrict: true, pc, unit: a.unit };
    }
    if (!byTown && townAgrees(b, a)) byTown = { addressIndex: a.addressIndex, byDistrict: false, pc: null, unit: null };
  }
  return byTown;
}

function nameCandidate(b: PreparedBlock, entry: PreparedEntry): Candidate | null {
  if (b.names.length === 0 || entry.names.length === 0) return null;
  let best: NameScore | null = null;
  let nameIndex = -1;
  for (let i = 0; i < entry.names.length; i++) {
    const n = entry.names[i] as EntryName;
    for (const ln of b.names) {
      // Below NAME_STRONG no rule takes the name: such a score comes back as no match.
      const ns = scoreName(ln, n, best ? best.score : -1, NAME_STRONG);
      if (!best || ns.score > best.score) { best = ns; nameIndex = entry.nameIndexes[i] ?? i; }
    }
  }
  if (!best || best.score < NAME_STRONG) return null;
  const ns = best;
  const area = inArea(b, entry);
  // A post town can be a city: there an initial and a surname ("J Smith, Manchester") is only REVIEW.
  if (area && !area.byDistrict && !ns.fullGiven) {
    return { verdict: 'REVIEW', rule: 'possible-name-in-town', score: SCORE.possibleName,
      seen: { kind: 'name', ns, area, extra: ['only an initial agrees'] }, nameIndex, addressIndex: area.addressIndex };
  }
  if (area) {
    return { verdict: 'HOLD', rule: 'blocked-name-in-area', score: Math.min(SCORE.blockedNameInArea, ns.score),
      seen: { kind: 'name', ns, area, extra: [] }, nameIndex, addressIndex: area.addressIndex };
  }
  if (ns.score >= NAME_ELSEWHERE_MIN && ns.fullGiven && !COMMON_SURNAMES.has(ns.entrySurname)) {
    return { verdict: 'REVIEW', rule: 'possible-name', score: SCORE.possibleName,
      seen: { kind: 'name', ns, area: null, extra: ['not at a listed address or in its area'] }, nameIndex };
  }
  return null;
}

/** A blocked full name on a line the finder did not take as the name (prepare.ts buriedNames): only the
 * `possible-name` REVIEW, whatever the area, since which line is the addressee is unknown. */
function buriedNameCandidate(b: PreparedBlock, entry: PreparedEntry): Candidate | null {
  let best: NameScore | null = null;
  let nameIndex = -1;
  for (let i = 0; i < entry.names.length; i++) {
    const n = entry.names[i] as EntryName;
    for (const ln of b.buriedNames) {
      // Below NAME_ELSEWHERE_MIN the rule does not take the name: such a score comes back as no match.
      const ns = scoreName(ln, n, best ? best.score : -1, NAME_ELSEWHERE_MIN);
      if (!best || ns.score > best.score) { best = ns; nameIndex = entry.nameIndexes[i] ?? i; }
    }
  }
  if (!best || best.score < NAME_ELSEWHERE_MIN || !best.fullGiven || COMMON_SURNAMES.has(best.entrySurname)) return null;
  return { verdict: 'REVIEW', rule: 'possible-name', score: SCORE.possibleName,
    seen: { kind: 'name', ns: best, area: null, extra: ['written on a line of the address block, not the name line'] }, nameIndex };
}

function better(a: Candidate | null, b: Candidate | null): Candidate | null {
  if (!a) return b;
  if (!b) return a;
  if (a.verdict !== b.verdict) return a.verdict === 'HOLD' ? a : b;
  return b.score > a.score ? b : a;
}

export interface ScoredMatch extends MatchEvidence {
  readonly blockIndex: number;
}

/** The scorer's two kinds of gate, as bits: an address gate (a postcode within one character, the street
 * gate, a near house number, a near unreadable postcode) and a name gate (a surname and initial strong
 * enough for a name rule, in the area a common surname needs). The index's postcode and street keys find
 * every entry an address gate passes; its name, sound and area keys, with the postcode keys (inArea takes
 * a postcode one character off, district included), every entry a name gate passes. It says which kinds
 * found each candidate, so that the scorer does not compare the addresses of an entry found by its name
 * alone (most of a frequent name's candidates), which could not pass. The brute-force scan asks for both. */
export const ADDRESS_GATES = 1;
export const NAME_GATES = 2;
export const ALL_GATES = ADDRESS_GATES | NAME_GATES;

/** Whether no name rule (nameCandidate, buriedNameCandidate) could take an entry whose one listed name
 * has these half ids, for these blocks: every score of it stays below the rule's floor. Decided from the
 * half ids alone, as far as the per-letter memo of agreements knows them; `load` gives the listed name for
 * the halves it does not. The engine asks this before reaching an entry that only a name key found. */
export function nameRulesShut(blocks: readonly PreparedBlock[], surnameId: number, givenId: number, load: () => EntryName): boolean {
  for (const b of blocks) {
    for (const ln of b.names) if (nameMayReach(ln, surnameId, givenId, NAME_STRONG, load)) return false;
    for (const ln of b.buriedNames) if (nameMayReach(ln, surnameId, givenId, NAME_ELSEWHERE_MIN, load)) return false;
  }
  return true;
}

export type IsReleased = (entry: PreparedEntry, addresseeFingerprint: string) => boolean;

const SENDER_NOTE = "found in the sender's return address, not the addressee";

/** Scores one entry against every block. A block whose (entry, addressee) pair a supervisor released is
 * skipped for this entry only; a block in the sender's return address can only ask for REVIEW. */
export function scoreEntry(blocks: readonly PreparedBlock[], entry: PreparedEntry, isReleased: IsReleased, gates = ALL_GATES): ScoredMatch | null {
  let best: Candidate | null = null;
  let bestBlock = -1;
  for (let blockIndex = 0; blockIndex < blocks.length; blockIndex++) {
    const b = blocks[blockIndex] as PreparedBlock;
    const nameNote = b.occupier ? 'addressed to the occupier: a blocked address stops every letter'
      : b.names.length > 0 ? 'whatever the name: a blocked address stops every letter' : 'no name written';
    let c: Candidate | null = null;
    if (gates & ADDRESS_GATES) for (const a of entry.addresses) c = better(c, addressCandidate(b, a, nameNote));
    if (gates & NAME_GATES) {
      if (b.names.length > 0) c = better(c, nameCandidate(b, entry));
      if (b.buriedNames.length > 0) c = better(c, buriedNameCandidate(b, entry));
    }
    if (!c) continue;
    if (isReleased(entry, b.fingerprint)) continue;
    if (b.block.isSender) {
      c = { ...c, verdict: 'REVIEW', rule: `${c.rule}-in-return-address`, score: Math.min(c.score, SCORE.senderBlock), inReturnAddress: true };
    }
    const next = better(best, c);
    if (next === c && c !== best) {
      best = c;
      bestBlock = blockIndex;
    }
  }
  if (!best) return null;
  return {
    entryId: entry.entry.id,
    score: best.score,
    rule: best.rule,
    verdict: best.verdict,
    reasons: explain(best),
    nameIndex: best.nameIndex,
    addressIndex: best.addressIndex,
    entryFingerprint: preparedFingerprint(entry),
    addresseeFingerprint: blocks[bestBlock]?.fingerprint,
    blockIndex: bestBlock,
  };
}
