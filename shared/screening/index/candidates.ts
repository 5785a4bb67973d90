// The candidate index: which entries could match a letter at all, found through keys that survive OCR
// damage. Postcode keys are the listed unit with each one character in turn left open ("LS6 ?AB"), so
// a reading one character off (LS6 ZAB repaired or not) shares a key with the listed unit and nothing
// further away does; street keys on (street word within one OCR edit, house number), and name keys on
// (surname within one OCR edit, given-name initial and its short forms' initials). Words are looked up
// through one dictionary of skeletons with symmetric one-deletion keys. Every posting list is a sorted
// array of numbers (postings.ts): the index holds no per-entry objects.
import { COMMON_SURNAMES, TOKEN_FUZZY_MIN_LENGTH } from '../policy.ts';
import { deletionKeys, skeletonsAgree } from '../text/fold.ts';
import type { LetterName } from '../names/parse.ts';
import { NO_NUMBER, type PreparedBlock, type PreparedEntry } from '../prepare.ts';
import { postcodeTrusted } from '../score.ts';
import { hashKey, hashKeySkipping, Postings } from './postings.ts';

/** Initials are skeleton letters; the name key packs (word id, initial) into one number. */
const INITIAL_SLOTS = 64;
/** Word ids are posted under deletion-key hashes; a national list has well under this many words. */
const MAX_WORDS = 2 ** 24;
const OPEN = 63; // '?': the open character of a postcode key

export class CandidateIndex {
  private readonly words = new Map<string, number>();
  private readonly wordText: string[] = [];
  private readonly deletions = new Postings(MAX_WORDS);
  private readonly premises = new Map<string, number>();
  private readonly postcodeKeys: Postings;
  private readonly streetKeys: Postings;
  private readonly nameKeys: Postings;
  /** (surname sound, initial): surnames spelt two or more edits away that sound the same. */
  private readonly soundKeys: Postings;
  /** A name whose surname is among the commonest can only match in its own area (no rule takes
   * "Jane Smith" anywhere else as evidence), so it is keyed with each listed postcode district and post
   * town: (surname or sound, initial, district) and (surname or sound, initial, first town word). A
   * national list's thousands of Smiths then reach the scorer only from their own areas. */
  private readonly areaKeys: Postings;
  private readonly soundIds = new Map<string, number>();
  private stamp: Int32Array;
  private generation = 0;
  /** Positions found for the current letter: a scratch buffer as long as the list (an entry is taken at
   * most once a letter), so that a letter's candidates are no garbage for the next scavenge. */
  private readonly found: Int32Array;
  private foundCount = 0;
  private finished = false;

  /** An index for `count` entries: `add` each prepared entry, then `finish`. */
  constructor(count: number) {
    this.stamp = new Int32Array(count);
    this.found = new Int32Array(count);
    this.postcodeKeys = new Postings(count);
    this.streetKeys = new Postings(count);
    this.nameKeys = new Postings(count);
    this.soundKeys = new Postings(count);
    this.areaKeys = new Postings(count);
  }

  static of(entries: readonly PreparedEntry[]): CandidateIndex {
    const index = new CandidateIndex(entries.length);
    for (const e of entries) index.add(e);
    index.finish();
    return index;
  }

  private wordId(w: string): number {
    let id = this.words.get(w);
    if (id === undefined) {
      id = this.wordText.length;
      this.words.set(w, id);
      this.wordText.push(w);
      for (const k of deletionKeys(w)) this.deletions.add(hashKey(k), id);
    }
    return id;
  }

  private premisesId(p: string): number {
    let id = this.premises.get(p);
    if (id === undefined) {
      id = this.premises.size;
      this.premises.set(p, id);
    }
    return id;
  }

  add(e: PreparedEntry): void {
    const pos = e.position;
    for (const a of e.addresses) {
      if (a.unit) for (let i = 0; i < a.unit.length; i++) this.postcodeKeys.add(openKey(a.unit, i), pos);
      for (const w of a.coreWords) {
        const wid = this.wordId(w);
        for (const p of a.premisesKeys) this.streetKeys.add(streetKey(wid, this.premisesId(p)), pos);
      }
    }
    const areas: string[] = [];
    for (const n of e.names) {
      const common = COMMON_SURNAMES.has(n.surname);
      if (common && areas.length === 0) {
        for (const a of e.addresses) {
          if (a.unit) areas.push(`D${a.unit.slice(0, -3)}`);
          const town = a.town[0];
          if (town !== undefined) areas.push(`T${this.wordId(town)}`);
        }
      }
      for (const s of n.surnameParts) {
        const wid = this.wordId(s);
        for (const i of n.initials) {
          if (!common) this.nameKeys.add(wid * INITIAL_SLOTS + initialSlot(i), pos);
          else for (const area of areas) this.areaKeys.add(areaKey('W', wid, initialSlot(i), area), pos);
        }
      }
      for (const c of n.surnameSounds) {
        let sid = this.soundIds.get(c);
        if (sid === undefined) this.soundIds.set(c, (sid = this.soundIds.size));
        for (const i of n.initials) {
          if (!common) this.soundKeys.add(sid * INITIAL_SLOTS + initialSlot(i), pos);
          else for (const area of areas) this.areaKeys.add(areaKey('S', sid, initialSlot(i), area), pos);
        }
      }
    }
  }

  finish(): void {
    for (const p of [this.deletions, this.postcodeKeys, this.streetKeys, this.nameKeys, this.soundKeys, this.areaKeys]) p.finish();
    this.finished = true;
  }

  /** Dictionary words whose skeleton agrees with `w` (skeletonsAgree), found through deletion keys: the
   * keys of deletionKeys(w), hashed in place (no key strings, no closure per key: this runs for every word
   * of every letter). A key that deletionKeys would have dropped as a repeat only finds the same words. */
  private similarWords(w: string): number[] {
    const out: number[] = [];
    this.similarTo = w;
    this.similarFound = out;
    this.deletions.forEach(hashKey(w), this.takeSimilar);
    if (w.length >= TOKEN_FUZZY_MIN_LENGTH) for (let i = 0; i < w.length; i++) this.deletions.forEach(hashKeySkipping(w, i), this.takeSimilar);
    return out;
  }
  private similarTo = '';
  private similarFound: number[] = [];
  private readonly takeSimilar = (id: number): void => {
    if (!this.similarFound.includes(id) && skeletonsAgree(this.wordText[id] ?? '', this.similarTo)) this.similarFound.push(id);
  };

  private readonly take = (x: number): void => {
    if (this.stamp[x] !== this.generation) {
      this.stamp[x] = this.generation;
      this.found[this.foundCount++] = x;
    }
  };

  /** Positions of every entry that any gate of the scorer could pass for these blocks, in ascending order.
   * A view of the index's scratch buffer: valid until the next call. */
  candidates(blocks: readonly PreparedBlock[]): Int32Array {
    if (!this.finished) throw new Error('candidate index used before finish()');
    this.generation++;
    if (this.generation === 0x7fffffff) { this.stamp.fill(0); this.generation = 1; }
    this.foundCount = 0;
    for (const b of blocks) {
      // A reading within one character of a listed unit (the scorer's `unit` and `unit-ocr`) shares the
      // key that leaves that character open.
      for (const r of b.readings) for (let i = 0; i < r.unit.length; i++) this.postcodeKeys.forEach(openKey(r.unit, i), this.take);
      // The unreadable postcode as written, for the scorer's near-postcode rule (within one character).
      if (b.rawPostcode) for (let i = 0; i < b.rawPostcode.length; i++) this.postcodeKeys.forEach(openKey(b.rawPostcode, i), this.take);
      const prem: number[] = [];
      for (const p of b.address.numbers) {
        const id = this.premises.get(p);
        if (id !== undefined) prem.push(id);
      }
      // And every listed number one character from a written one, for the scorer's near-number rule,
      // which only applies when the letter has no postcode that can be compared.
      if (!postcodeTrusted(b)) for (const w of b.address.numbers) {
        for (const v of oneEditNumbers(w)) {
          const id = this.premises.get(v);
          if (id !== undefined && !prem.includes(id)) prem.push(id);
        }
      }
      const none = this.premises.get(NO_NUMBER);
      if (none !== undefined) prem.push(none);
      if (prem.length > 0) {
        for (const w of b.streetWords) {
          for (const wid of this.similarWords(w)) for (const p of prem) this.streetKeys.forEach(streetKey(wid, p), this.take);
        }
      }
      // Per reading of the name: its surname forms with its given name's initial, which is what a name
      // score strong enough for any rule needs (a surname alone never is); common surnames only in the
      // areas this block could be in (the scorer's inArea: a reading's district, or a place word agreeing
      // with the listed town's first word).
      // Names on the address lines only ever count for `possible-name`, which a common surname never
      // reaches: the plain name and sound keys find every entry that rule could take.
      for (const n of b.buriedNames) this.lookUpName(n, null);
      if (b.names.length === 0) continue;
      const areas: string[] = [];
      for (const r of b.readings) if (!areas.includes(`D${r.outward}`)) areas.push(`D${r.outward}`);
      for (const w of b.address.placeWords) for (const tid of this.similarWords(w)) if (!areas.includes(`T${tid}`)) areas.push(`T${tid}`);
      for (const n of b.names) this.lookUpName(n, areas);
    }
    // A typed array sorts numerically in place, with no comparator closure and no copy on the heap.
    return this.found.subarray(0, this.foundCount).sort();
  }

  /** Per reading of the name: its surname forms with its given name's initial; with `areas`, also the
   * common-surname keys of those areas. */
  private lookUpName(n: LetterName, areas: readonly string[] | null): void {
    for (const r of n.readings) {
      if (!r.given) continue;
      const i = initialSlot(r.givenSkeleton[0] ?? '');
      for (const s of r.surnameForms) {
        for (const wid of this.similarWords(s)) {
          this.nameKeys.forEach(wid * INITIAL_SLOTS + i, this.take);
          if (areas) for (const area of areas) this.areaKeys.forEach(areaKey('W', wid, i, area), this.take);
        }
      }
      for (const c of r.surnameSounds) {
        const sid = this.soundIds.get(c);
        if (sid === undefined) continue;
        this.soundKeys.forEach(sid * INITIAL_SLOTS + i, this.take);
        if (areas) for (const area of areas) this.areaKeys.forEach(areaKey('S', sid, i, area), this.take);
      }
    }
  }

  get stats(): { words: number; postcodeKeys: number; streetKeys: number; nameKeys: number; bytes: number } {
    const all = [this.deletions, this.postcodeKeys, this.streetKeys, this.nameKeys, this.soundKeys, this.areaKeys];
    return {
      words: this.wordText.length, postcodeKeys: this.postcodeKeys.size, streetKeys: this.streetKeys.size,
      nameKeys: this.nameKeys.size, bytes: all.reduce((s, p) => s + p.bytes, 0) + this.stamp.byteLength + this.found.byteLength,
    };
  }
}

/** A postcode unit with character `open` left open, hashed: units one character apart share one key. */
function openKey(unit: string, open: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < unit.length; i++) h = Math.imul(h ^ (i === open ? OPEN : unit.charCodeAt(i)), 0x01000193);
  return h >>> 0;
}

/** (word, premises) as one integer: exact where it fits, else hashed (a shared hash adds candidates only). */
function streetKey(wordId: number, premisesId: number): number {
  return premisesId < 4096 && wordId < 262_144 ? wordId * 4096 + premisesId : 2 ** 30 + hashKey(`${wordId}|${premisesId}`);
}

/** (surname word or sound, initial, district or town word) hashed. */
function areaKey(kind: 'W' | 'S', id: number, slot: number, area: string): number {
  return hashKey(`${kind}${id}|${slot}|${area}`);
}

function initialSlot(c: string): number {
  const code = c.charCodeAt(0);
  return Number.isNaN(code) ? 0 : code % INITIAL_SLOTS;
}

const DIGITS = '0123456789';

/** Every house number one character from `n` (a digit changed, added or dropped): what the scorer's
 * numbersNear accepts. A letter suffix (14A) may also be dropped or changed into a digit. */
function oneEditNumbers(n: string): string[] {
  const out: string[] = [];
  for (let i = 0; i <= n.length; i++) {
    for (const d of DIGITS) {
      out.push(n.slice(0, i) + d + n.slice(i));
      if (i < n.length && n[i] !== d) out.push(n.slice(0, i) + d + n.slice(i + 1));
    }
    if (i < n.length && n.length > 1) out.push(n.slice(0, i) + n.slice(i + 1));
  }
  return out;
}
