// The scorer: compares one prepared blocklist entry with every candidate block of an envelope and says
// which rule fired, with what score and why. The brute-force scan and the index both call it; the index
// only decides which entries reach it, so its gates (postcodeGate, streetGate, nameGate) mirror the keys.
import { COMMON_SURNAMES, NAME_ELSEWHERE_MIN, NAME_STRONG, SCORE } from './policy.ts';
import { scoreName, type NameScore } from './names/score.ts';
import { comparePostcode, describeReading, formatPostcode, type PostcodeComparison } from './postcode/postcode.ts';
import type { PreparedAddress, PreparedBlock, PreparedEntry } from './prepare.ts';
import { skeletonsAgree } from './text/fold.ts';
import type { MatchEvidence } from './types.ts';

type Premises = 'same' | 'other-number' | 'other-flat' | 'unknown' | 'different';
type Street = 'same' | 'partial' | 'different' | 'absent' | 'unknown';

interface Candidate {
  readonly verdict: 'HOLD' | 'REVIEW';
  readonly rule: string;
  readonly score: number;
  readonly reasons: readonly string[];
  readonly nameIndex?: number;
  readonly addressIndex?: number;
}

function agreesWithAny(word: string, words: readonly string[], set: ReadonlySet<string>): boolean {
  if (set.has(word)) return true;
  for (const w of words) if (skeletonsAgree(w, word)) return true;
  return false;
}

/** The street gate: an entry street or house-name word agrees with a letter word, and the house numbers
 * share one (or the entry has none). The index's street keys find exactly the entries that pass it. */
export function streetGate(b: PreparedBlock, a: PreparedAddress): boolean {
  if (a.parsed.numbers.length > 0 && !a.parsed.numbers.some((n) => b.address.numbers.includes(n))) return false;
  return a.coreWords.some((c) => agreesWithAny(c, b.streetWords, b.streetWordSet));
}

function comparePremises(b: PreparedBlock, a: PreparedAddress): { premises: Premises; why: string } {
  const listed = a.parsed.numbers;
  const written = b.address.numbers;
  const flatWhy = (): { premises: Premises; why: string } | null => {
    if (a.parsed.flat && b.address.flat && a.parsed.flat !== b.address.flat) {
      return { premises: 'other-flat', why: `flat ${b.address.flat} is not the listed flat ${a.parsed.flat}` };
    }
    return null;
  };
  const houseNameSame = a.parsed.houseName.length > 0 && a.parsed.houseName.every((h) => agreesWithAny(h, b.streetWords, b.streetWordSet));
  if (listed.length > 0) {
    const shared = listed.find((n) => written.includes(n));
    if (shared !== undefined) {
      const flat = flatWhy();
      if (flat) return flat;
      const flatNote = a.parsed.flat ? (b.address.flat ? `, flat ${b.address.flat} = ${a.parsed.flat}` : ', flat not written') : '';
      return { premises: 'same', why: `house number ${shared} = ${listed[0] ?? shared}${flatNote}` };
    }
    if (written.length > 0) return { premises: 'other-number', why: `house number ${written.join('/')} is not ${listed[0] ?? ''}` };
    if (houseNameSame) return { premises: 'same', why: 'house name agrees (no number written)' };
    return { premises: 'unknown', why: 'no house number written' };
  }
  if (houseNameSame) return flatWhy() ?? { premises: 'same', why: 'house name agrees' };
  if (a.parsed.houseName.length === 0) return { premises: 'unknown', why: 'listed address has no house number or name' };
  return { premises: written.length > 0 ? 'different' : 'unknown', why: 'house name does not agree' };
}

function compareStreet(b: PreparedBlock, a: PreparedAddress): { street: Street; why: string } {
  const listed = a.parsed.street;
  if (listed.length === 0) return { street: 'unknown', why: '' };
  if (b.words.length === 0) return { street: 'absent', why: 'no street written' };
  const agreeing = listed.filter((w) => agreesWithAny(w, b.streetWords, b.streetWordSet)).length;
  const shown = `street ${b.address.streetText ?? b.words.join(' ')} ~ ${a.parsed.streetText ?? listed.join(' ')}`;
  if (agreeing === listed.length) {
    if (a.parsed.streetType && b.address.streetType && a.parsed.streetType !== b.address.streetType) {
      return { street: 'partial', why: `${shown} (street type differs)` };
    }
    return { street: 'same', why: shown };
  }
  if (agreeing > 0) return { street: 'partial', why: `${shown} (partly)` };
  return { street: 'different', why: `street ${b.address.streetText ?? '?'} is not ${a.parsed.streetText ?? ''}` };
}

function townAgrees(b: PreparedBlock, a: PreparedAddress): boolean {
  const place = b.address.placeWords;
  return a.town.length > 0 && place.length > 0 && a.town.every((t) => agreesWithAny(t, place, EMPTY));
}
const EMPTY: ReadonlySet<string> = new Set();

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

function addressCandidate(b: PreparedBlock, a: PreparedAddress, nameNote: string): Candidate | null {
  const pc: PostcodeComparison = a.unit ? comparePostcode(b.readings, a.unit) : { level: 'none', reading: null };
  const sg = streetGate(b, a);
  if (pc.level === 'none' && !sg) return null;
  const { premises, why: premWhy } = comparePremises(b, a);
  const { street, why: streetWhy } = compareStreet(b, a);
  const pcWhy = a.unit ? postcodeWhy(pc, a.unit) : 'listed address has no postcode';
  const town = townAgrees(b, a);
  const reasons = (...extra: string[]): string[] => [pcWhy, premWhy, ...(streetWhy ? [streetWhy] : []), ...extra].filter((r) => r.length > 0);
  const streetOk = street === 'same' || street === 'partial' || street === 'absent' || street === 'unknown';
  const at = { addressIndex: a.addressIndex };
  if (pc.level === 'unit' && premises === 'same' && streetOk) {
    return { verdict: 'HOLD', rule: 'blocked-address', score: SCORE.blockedAddress, reasons: reasons(nameNote), ...at };
  }
  if (pc.level === 'unit-ocr' && premises === 'same' && (street === 'same' || street === 'unknown')) {
    return { verdict: 'HOLD', rule: 'blocked-address', score: SCORE.blockedAddress - 0.02, reasons: reasons(nameNote), ...at };
  }
  const noPostcodeToCompare = b.readings.length === 0 || a.unit === null;
  if (sg && premises === 'same' && street === 'same' &&
      (pc.level === 'sector' || pc.level === 'district' || (noPostcodeToCompare && town))) {
    return { verdict: 'HOLD', rule: 'blocked-address', score: SCORE.blockedAddressNoPostcode,
      reasons: reasons(town ? 'town agrees' : '', nameNote), ...at };
  }
  // One character off is also the next postcode unit along; only the same street makes it a neighbour.
  const samePostcode = pc.level === 'unit' || (pc.level === 'unit-ocr' && street === 'same');
  if (samePostcode && (premises === 'other-number' || premises === 'other-flat')) {
    return { verdict: 'REVIEW', rule: 'neighbour', score: SCORE.neighbour, reasons: reasons('a neighbour of a blocked address'), ...at };
  }
  if (samePostcode && premises !== 'different') {
    return { verdict: 'REVIEW', rule: 'partial-address', score: SCORE.partialAddress, reasons: reasons('premises not confirmed'), ...at };
  }
  if (sg && premises === 'same' && street === 'same' && (town || noPostcodeToCompare || pc.level !== 'none')) {
    return { verdict: 'REVIEW', rule: 'partial-address', score: SCORE.partialAddress,
      reasons: reasons(town ? 'town agrees but the postcode does not' : 'no town or postcode to confirm it'), ...at };
  }
  return null;
}

function inArea(b: PreparedBlock, entry: PreparedEntry): { addressIndex: number; why: string; byDistrict: boolean } | null {
  let byTown: { addressIndex: number; why: string; byDistrict: boolean } | null = null;
  for (const a of entry.addresses) {
    if (a.unit) {
      const pc = comparePostcode(b.readings, a.unit);
      if (pc.level !== 'none') return { addressIndex: a.addressIndex, why: postcodeWhy(pc, a.unit), byDistrict: true };
    }
    if (!byTown && townAgrees(b, a)) byTown = { addressIndex: a.addressIndex, why: 'post town agrees with a listed address', byDistrict: false };
  }
  return byTown;
}

function nameCandidates(b: PreparedBlock, entry: PreparedEntry): Candidate | null {
  if (b.names.length === 0 || entry.names.length === 0) return null;
  let best: { ns: NameScore; nameIndex: number; surname: string } | null = null;
  for (const n of entry.names) {
    for (const ln of b.names) {
      const ns = scoreName(ln, n);
      if (!best || ns.score > best.ns.score) best = { ns, nameIndex: n.nameIndex, surname: n.surname };
    }
  }
  if (!best || best.ns.score < NAME_STRONG) return null;
  const area = inArea(b, entry);
  const scoreNote = `name score ${best.ns.score.toFixed(3)}`;
  // A post town can be a city: there an initial and a surname ("J Smith, Manchester") is only REVIEW.
  if (area && !area.byDistrict && !best.ns.fullGiven) {
    return { verdict: 'REVIEW', rule: 'possible-name-in-town', score: SCORE.possibleName,
      reasons: [...best.ns.reasons, scoreNote, area.why, 'only an initial agrees'], nameIndex: best.nameIndex, addressIndex: area.addressIndex };
  }
  if (area) {
    return { verdict: 'HOLD', rule: 'blocked-name-in-area', score: Math.min(SCORE.blockedNameInArea, best.ns.score),
      reasons: [...best.ns.reasons, scoreNote, area.why], nameIndex: best.nameIndex, addressIndex: area.addressIndex };
  }
  if (best.ns.score >= NAME_ELSEWHERE_MIN && best.ns.fullGiven && !COMMON_SURNAMES.has(best.surname)) {
    return { verdict: 'REVIEW', rule: 'possible-name', score: SCORE.possibleName,
      reasons: [...best.ns.reasons, scoreNote, 'not at a listed address or in its area'], nameIndex: best.nameIndex };
  }
  return null;
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

export type IsReleased = (entryId: string, entryFingerprint: string, addresseeFingerprint: string) => boolean;

/** Scores one entry against every block. A block whose (entry, addressee) pair a supervisor released is
 * skipped for this entry only; a block in the sender's return address can only ask for REVIEW. */
export function scoreEntry(blocks: readonly PreparedBlock[], entry: PreparedEntry, isReleased: IsReleased): ScoredMatch | null {
  let best: { c: Candidate; blockIndex: number; fp: string } | null = null;
  blocks.forEach((b, blockIndex) => {
    const nameNote = b.occupier ? 'addressed to the occupier: a blocked address stops every letter'
      : b.names.length > 0 ? 'whatever the name: a blocked address stops every letter' : 'no name written';
    let c: Candidate | null = null;
    for (const a of entry.addresses) c = better(c, addressCandidate(b, a, nameNote));
    c = better(c, nameCandidates(b, entry));
    if (!c) return;
    if (isReleased(entry.entry.id, entry.fingerprint, b.fingerprint)) return;
    if (b.block.isSender) {
      c = { ...c, verdict: 'REVIEW', rule: `${c.rule}-in-return-address`, score: Math.min(c.score, SCORE.senderBlock),
        reasons: [...c.reasons, "found in the sender's return address, not the addressee"] };
    }
    const prev = best?.c ?? null;
    if (better(prev, c) === c && c !== prev) best = { c, blockIndex, fp: b.fingerprint };
  });
  if (!best) return null;
  const { c, blockIndex, fp } = best as { c: Candidate; blockIndex: number; fp: string };
  return {
    entryId: entry.entry.id,
    score: c.score,
    rule: c.rule,
    verdict: c.verdict,
    reasons: c.reasons,
    nameIndex: c.nameIndex,
    addressIndex: c.addressIndex,
    entryFingerprint: entry.fingerprint,
    addresseeFingerprint: fp,
    blockIndex,
  };
}
