// The candidate index: which entries could match a letter at all, found through keys that survive OCR
// damage. Postcode keys are the listed unit with each one character in turn left open ("LS6 ?AB"), so
// a reading one character off (LS6 ZAB repaired or not) shares a key with the listed unit and nothing
// further away does; street keys on (street word within one OCR edit, house number), and name keys on
// (surname within one OCR edit, given-name initial and its short forms' initials). Words are looked up
// through one dictionary of skeletons with symmetric one-deletion keys. Every posting list is a sorted
// array of numbers (postings.ts): the index holds no per-entry objects.
import { COMMON_SURNAMES, TOKEN_FUZZY_MIN_LENGTH } from '../policy.ts';
import { skeletonsAgree } from '../text/fold.ts';
import type { EntryName, LetterName } from '../names/parse.ts';
import { NO_NUMBER, type PreparedBlock, type PreparedEntry } from '../prepare.ts';
import { ADDRESS_GATES, NAME_GATES, numbersNear, postcodeTrusted } from '../score.ts';
import { hashKey, hashKeySkipping, Postings } from './postings.ts';

/** Initials are skeleton letters; the name key packs (word id, initial) into one number. */
const INITIAL_SLOTS = 64;
/** Word ids are posted under deletion-key hashes; a national list has well under this many words. */
const MAX_WORDS = 2 ** 24;
const OPEN = 63; // '?': the open character of a postcode key

interface SurnameKeys { readonly wordIds: readonly number[]; readonly soundIds: readonly number[]; readonly common: boolean }

export class CandidateIndex {
  private readonly words = new Map<string, number>();
  private readonly wordText: string[] = [];
  private readonly deletions = new Postings(MAX_WORDS);
  private readonly premises = new Map<string, number>();
  /** The listed house numbers by premises id, for the near-number look-up. */
  private readonly premisesText: string[] = [];
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
  private readonly surnameKeys = new Map<number, SurnameKeys>();
  private readonly initialSlots = new Map<number, readonly number[]>();
  private stamp: Int32Array;
  private generation = 0;
  /** Positions found for the current letter: a scratch buffer as long as the list (an entry is taken at
   * most once a letter), so that a letter's candidates are no garbage for the next scavenge. */
  private readonly found: Int32Array;
  private foundCount = 0;
  /** For each position found for the current letter, which of the scorer's gates a key found it for
   * (ADDRESS_GATES, NAME_GATES): the scorer skips the comparisons no key could have let through. */
  private readonly gates: Uint8Array;
  /** By position: the surname and given-name half ids of an entry with one listed name, else -1 (see
   * nameRulesShut): a name key's candidate is judged by them before its entry is reached. */
  private readonly soleName: Int32Array;
  private finished = false;

  /** An index for `count` entries: `add` each prepared entry, then `finish`. */
  constructor(count: number) {
    this.stamp = new Int32Array(count);
    this.found = new Int32Array(count);
    this.gates = new Uint8Array(count);
    this.soleName = new Int32Array(2 * count).fill(-1);
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
      // The word and its one-character deletions (symmetric-deletion blocking: two skeletons within one
      // edit share a key), hashed in place as similarWords looks them up; a repeated key posts the same
      // pair, which finish() drops.
      for (let k = deletionKeyCount(w) - 1; k >= 0; k--) this.deletions.add(deletionKey(w, k), id);
    }
    return id;
  }

  private premisesId(p: string): number {
    let id = this.premises.get(p);
    if (id === undefined) {
      id = this.premisesText.length;
      this.premises.set(p, id);
      this.premisesText.push(p);
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
    const sole = e.names.length === 1 ? e.names[0] : undefined;
    // Half ids count up from 0 for the life of the process; one past the column's range is left out (the
    // entry then takes the general path), never stored wrapped.
    if (sole && sole.surnameId <= 0x7fffffff && sole.givenId <= 0x7fffffff) {
      this.soleName[2 * pos] = sole.surnameId;
      this.soleName[2 * pos + 1] = sole.givenId;
    }
    let areas: number[] | null = null;
    for (const n of e.names) {
      const sk = this.surnameKeysOf(n);
      const slots = this.initialSlotsOf(n);
      if (!sk.common) {
        for (const wid of sk.wordIds) for (const i of slots) this.nameKeys.add(wid * INITIAL_SLOTS + i, pos);
        for (const sid of sk.soundIds) for (const i of slots) this.soundKeys.add(sid * INITIAL_SLOTS + i, pos);
        continue;
      }
      if (areas === null) {
        areas = [];
        for (const a of e.addresses) {
          if (a.unit) areas.push(districtArea(a.unit, a.unit.length - 3));
          const town = a.town[0];
          if (town !== undefined) areas.push(townArea(this.wordId(town)));
        }
      }
      for (const wid of sk.wordIds) for (const i of slots) for (const area of areas) this.areaKeys.add(areaKey(WORD, wid, i, area), pos);
      for (const sid of sk.soundIds) for (const i of slots) for (const area of areas) this.areaKeys.add(areaKey(SOUND, sid, i, area), pos);
    }
  }

  /** A listed surname's word ids, sound ids and commonness, worked out once per surname (entries share
   * their names' halves, and a national list has tens of thousands of surnames, not a million). */
  private surnameKeysOf(n: EntryName): SurnameKeys {
    let k = this.surnameKeys.get(n.surnameId);
    if (k === undefined) {
      const soundIds = n.surnameSounds.map((c) => {
        let sid = this.soundIds.get(c);
        if (sid === undefined) this.soundIds.set(c, (sid = this.soundIds.size));
        return sid;
      });
      k = { wordIds: n.surnameParts.map((w) => this.wordId(w)), soundIds, common: COMMON_SURNAMES.has(n.surname) };
      this.surnameKeys.set(n.surnameId, k);
    }
    return k;
  }

  /** The initial slots of a listed given-name half, once per half. */
  private initialSlotsOf(n: EntryName): readonly number[] {
    let slots = this.initialSlots.get(n.givenId);
    if (slots === undefined) this.initialSlots.set(n.givenId, (slots = n.initials.map(initialSlot)));
    return slots;
  }

  finish(): void {
    for (const p of [this.deletions, this.postcodeKeys, this.streetKeys, this.nameKeys, this.soundKeys, this.areaKeys]) p.finish();
    this.finished = true;
  }

  /** Dictionary words whose skeleton agrees with `w` (skeletonsAgree), found through the deletion keys
   * wordId posts, hashed in place (no key strings, no closure per key: this runs for every word of every
   * letter). A repeated key only finds the same words again. */
  private similarWords(w: string): number[] {
    const out: number[] = [];
    this.similarTo = w;
    this.similarFound = out;
    for (let k = deletionKeyCount(w) - 1; k >= 0; k--) this.deletions.forEach(deletionKey(w, k), this.takeSimilar);
    return out;
  }
  private similarTo = '';
  private similarFound: number[] = [];
  private readonly takeSimilar = (id: number): void => {
    if (!this.similarFound.includes(id) && skeletonsAgree(this.wordText[id] ?? '', this.similarTo)) this.similarFound.push(id);
  };

  /** A postcode key's candidate may pass a name rule too: a common surname is in the area of a listed
   * postcode read one character off, district included (WN2 2PG for WN7 2PG), which no area key finds. */
  private readonly takePostcode = (x: number): void => this.take(x, ADDRESS_GATES | NAME_GATES);
  private readonly takeAddress = (x: number): void => this.take(x, ADDRESS_GATES);
  private readonly takeName = (x: number): void => this.take(x, NAME_GATES);
  private take(x: number, gates: number): void {
    if (this.stamp[x] !== this.generation) {
      this.stamp[x] = this.generation;
      this.found[this.foundCount++] = x;
      this.gates[x] = gates;
    } else {
      this.gates[x] = (this.gates[x] as number) | gates;
    }
  }

  /** The surname half id of the one listed name of the entry at `position`; -1 when it has more or none. */
  soleSurnameId(position: number): number {
    return this.soleName[2 * position] as number;
  }

  /** The given-name half id of the one listed name of the entry at `position`; -1 as soleSurnameId. */
  soleGivenId(position: number): number {
    return this.soleName[2 * position + 1] as number;
  }

  /** Which gates the keys found the entry at `position` for, in the last call of `candidates`. */
  gatesOf(position: number): number {
    return this.stamp[position] === this.generation ? (this.gates[position] as number) : 0;
  }

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
      for (const r of b.readings) for (let i = 0; i < r.unit.length; i++) this.postcodeKeys.forEach(openKey(r.unit, i), this.takePostcode);
      // The unreadable postcode as written, for the scorer's near-postcode rule (within one character).
      if (b.rawPostcode) for (let i = 0; i < b.rawPostcode.length; i++) this.postcodeKeys.forEach(openKey(b.rawPostcode, i), this.takePostcode);
      const prem: number[] = [];
      for (const p of b.address.numbers) {
        const id = this.premises.get(p);
        if (id !== undefined) prem.push(id);
      }
      // And every listed number the scorer's near-number rule (numbersNear: one character changed, added
      // or dropped, a digit or a letter) accepts for a written one, which only applies when the letter has
      // no postcode that can be compared. The scorer's own test over the list's house numbers (a few
      // thousand at most): a listed 156A read as 1564 is found, which edits made of digits alone missed.
      if (!postcodeTrusted(b)) for (const w of b.address.numbers) {
        for (let id = 0; id < this.premisesText.length; id++) {
          if (numbersNear(this.premisesText[id] as string, w) && !prem.includes(id)) prem.push(id);
        }
      }
      const none = this.premises.get(NO_NUMBER);
      if (none !== undefined) prem.push(none);
      if (prem.length > 0) {
        for (const w of b.streetWords) {
          for (const wid of this.similarWords(w)) for (const p of prem) this.streetKeys.forEach(streetKey(wid, p), this.takeAddress);
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
      const areas: number[] = [];
      for (const r of b.readings) {
        const d = districtArea(r.outward, r.outward.length);
        if (!areas.includes(d)) areas.push(d);
      }
      for (const w of b.address.placeWords) for (const tid of this.similarWords(w)) if (!areas.includes(townArea(tid))) areas.push(townArea(tid));
      for (const n of b.names) this.lookUpName(n, areas);
    }
    // A typed array sorts numerically in place, with no comparator closure and no copy on the heap.
    return this.found.subarray(0, this.foundCount).sort();
  }

  /** Per reading of the name: its surname forms with its given name's initial; with `areas`, also the
   * common-surname keys of those areas. */
  private lookUpName(n: LetterName, areas: readonly number[] | null): void {
    for (const r of n.readings) {
      if (!r.given) continue;
      // Each initial the given name can stand for (writtenInitials: C and D for CLARE).
      for (const initial of r.givenInitials) {
        const i = initialSlot(initial);
        for (const s of r.surnameForms) {
          for (const wid of this.similarWords(s)) {
            this.nameKeys.forEach(wid * INITIAL_SLOTS + i, this.takeName);
            if (areas) for (const area of areas) this.areaKeys.forEach(areaKey(WORD, wid, i, area), this.takeName);
          }
        }
        for (const c of r.surnameSounds) {
          const sid = this.soundIds.get(c);
          if (sid === undefined) continue;
          this.soundKeys.forEach(sid * INITIAL_SLOTS + i, this.takeName);
          if (areas) for (const area of areas) this.areaKeys.forEach(areaKey(SOUND, sid, i, area), this.takeName);
        }
      }
    }
  }

  get stats(): { words: number; postcodeKeys: number; streetKeys: number; nameKeys: number; bytes: number } {
    const all = [this.deletions, this.postcodeKeys, this.streetKeys, this.nameKeys, this.soundKeys, this.areaKeys];
    return {
      words: this.wordText.length, postcodeKeys: this.postcodeKeys.size, streetKeys: this.streetKeys.size,
      nameKeys: this.nameKeys.size,
      bytes: all.reduce((s, p) => s + p.bytes, 0) + this.stamp.byteLength + this.found.byteLength + this.gates.byteLength + this.soleName.byteLength,
    };
  }
}

/** How many deletion keys a skeleton has: itself, and when long enough for OCR tolerance each of its
 * one-character deletions (symmetric-deletion blocking: two skeletons within one edit share a key). */
function deletionKeyCount(w: string): number {
  return w.length >= TOKEN_FUZZY_MIN_LENGTH ? w.length + 1 : 1;
}

/** Deletion key `k` of `w`, hashed in place (no key string): 0 is `w` itself, k > 0 leaves out character
 * k - 1. A repeated key (LL less either L) hashes alike, and posts or finds the same words. */
function deletionKey(w: string, k: number): number {
  return k === 0 ? hashKey(w) : hashKeySkipping(w, k - 1);
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

const WORD = 0x57;
const SOUND = 0x53;

/** (surname word or sound, initial, area) hashed from the numbers, with no key string built: a national
 * list posts millions of them. */
function areaKey(kind: number, id: number, slot: number, area: number): number {
  let h = Math.imul(0x811c9dc5 ^ kind, 0x01000193);
  h = Math.imul(h ^ id, 0x01000193);
  h = Math.imul(h ^ slot, 0x01000193);
  h = Math.imul(h ^ area, 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** A postcode district as an area: the hash of its first `end` characters (the outward code), even. */
function districtArea(postcode: string, end: number): number {
  return (hashKey(postcode, undefined, end) >>> 1) * 2;
}

/** A town word as an area: its word id, odd (never a district's). */
function townArea(wordId: number): number {
  return wordId * 2 + 1;
}

function initialSlot(c: string): number {
  const code = c.charCodeAt(0);
  return Number.isNaN(code) ? 0 : code % INITIAL_SLOTS;
}
