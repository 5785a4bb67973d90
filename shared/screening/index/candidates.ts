// The candidate index: which entries could match a letter at all, found through keys that survive OCR
// damage. Postcode keys on the outward and the inward code (one damaged character leaves one half
// intact), street keys on (street word within one OCR edit, house number), and name keys on (surname
// within one OCR edit, given-name initial and its short forms' initials). Words are looked up through
// one dictionary of skeletons with symmetric one-deletion keys.
import { deletionKeys, skeletonsAgree } from '../text/fold.ts';
import { NO_NUMBER, type PreparedBlock, type PreparedEntry } from '../prepare.ts';

type Posting = number | number[];

function post(map: Map<string | number, Posting>, key: string | number, position: number): void {
  const cur = map.get(key);
  if (cur === undefined) map.set(key, position);
  else if (typeof cur === 'number') { if (cur !== position) map.set(key, [cur, position]); }
  else if (cur[cur.length - 1] !== position) cur.push(position);
}

/** Initials are skeleton letters; the name key packs (word id, initial) into one number. */
const INITIAL_SLOTS = 64;

export class CandidateIndex {
  private readonly words = new Map<string, number>();
  private readonly wordText: string[] = [];
  private readonly deletions = new Map<string, Posting>();
  private readonly premises = new Map<string, number>();
  /** Postings by outward code and by inward code of the listed postcode. */
  private readonly outwardKeys = new Map<string | number, Posting>();
  private readonly inwardKeys = new Map<string | number, Posting>();
  private readonly streetKeys = new Map<string | number, Posting>();
  private readonly nameKeys = new Map<string | number, Posting>();
  /** (surname sound, initial): surnames spelt two or more edits away that sound the same. */
  private readonly soundKeys = new Map<string | number, Posting>();
  private readonly soundIds = new Map<string, number>();
  /** Listed postcode units per entry position: postcode postings are kept only within one character. */
  private readonly units: (readonly string[] | undefined)[] = [];
  private stamp: Int32Array;
  private generation = 0;

  constructor(entries: readonly PreparedEntry[]) {
    this.stamp = new Int32Array(entries.length);
    for (const e of entries) this.add(e);
  }

  private wordId(w: string): number {
    let id = this.words.get(w);
    if (id === undefined) {
      id = this.wordText.length;
      this.words.set(w, id);
      this.wordText.push(w);
      for (const k of deletionKeys(w)) post(this.deletions, k, id);
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

  private add(e: PreparedEntry): void {
    const pos = e.position;
    const units = e.addresses.flatMap((a) => (a.unit ? [a.unit] : []));
    if (units.length > 0) this.units[pos] = units;
    for (const a of e.addresses) {
      if (a.unit) {
        post(this.outwardKeys, a.unit.slice(0, -3), pos);
        post(this.inwardKeys, a.unit.slice(-3), pos);
      }
      for (const w of a.coreWords) {
        const wid = this.wordId(w);
        for (const p of a.premisesKeys) post(this.streetKeys, streetKey(wid, this.premisesId(p)), pos);
      }
    }
    for (const n of e.names) {
      for (const s of n.surnameParts) {
        const wid = this.wordId(s);
        for (const i of n.initials) post(this.nameKeys, wid * INITIAL_SLOTS + initialSlot(i), pos);
      }
      for (const c of n.surnameSounds) {
        let sid = this.soundIds.get(c);
        if (sid === undefined) this.soundIds.set(c, (sid = this.soundIds.size));
        for (const i of n.initials) post(this.soundKeys, sid * INITIAL_SLOTS + initialSlot(i), pos);
      }
    }
  }

  /** Dictionary words whose skeleton agrees with `w` (skeletonsAgree), found through deletion keys. */
  private similarWords(w: string): number[] {
    const out: number[] = [];
    for (const k of deletionKeys(w)) {
      const p = this.deletions.get(k);
      if (p === undefined) continue;
      const ids = typeof p === 'number' ? [p] : p;
      for (const id of ids) {
        if (out.includes(id)) continue;
        if (skeletonsAgree(this.wordText[id] ?? '', w)) out.push(id);
      }
    }
    return out;
  }

  private found: number[] = [];

  private take(p: Posting | undefined): void {
    if (p === undefined) return;
    const g = this.generation;
    if (typeof p === 'number') {
      if (this.stamp[p] !== g) { this.stamp[p] = g; this.found.push(p); }
      return;
    }
    for (const x of p) if (this.stamp[x] !== g) { this.stamp[x] = g; this.found.push(x); }
  }

  /** A reading within one character of a listed unit keeps one half intact, its outward or its inward
   * code; postings under either are kept only when the whole unit is within one character. */
  private takeNear(p: Posting | undefined, unit: string): void {
    if (p === undefined) return;
    const g = this.generation;
    const list = typeof p === 'number' ? [p] : p;
    for (const x of list) {
      if (this.stamp[x] === g) continue;
      const us = this.units[x];
      if (!us) continue;
      for (const u of us) {
        if (withinOne(u, unit)) { this.stamp[x] = g; this.found.push(x); break; }
      }
    }
  }

  /** Positions of every entry that any gate of the scorer could pass for these blocks, in ascending order. */
  candidates(blocks: readonly PreparedBlock[]): number[] {
    this.generation++;
    if (this.generation === 0x7fffffff) { this.stamp.fill(0); this.generation = 1; }
    this.found = [];
    for (const b of blocks) {
      for (const r of b.readings) {
        this.takeNear(this.outwardKeys.get(r.outward), r.unit);
        this.takeNear(this.inwardKeys.get(r.inward), r.unit);
      }
      const prem: number[] = [];
      for (const p of b.address.numbers) {
        const id = this.premises.get(p);
        if (id !== undefined) prem.push(id);
      }
      const none = this.premises.get(NO_NUMBER);
      if (none !== undefined) prem.push(none);
      if (prem.length > 0) {
        for (const w of b.streetWords) {
          for (const wid of this.similarWords(w)) for (const p of prem) this.take(this.streetKeys.get(streetKey(wid, p)));
        }
      }
      // Per reading of the name: its surname forms with its given name's initial, which is what a name
      // score strong enough for any rule needs (a surname alone never is).
      for (const n of b.names) {
        for (const r of n.readings) {
          if (!r.given) continue;
          const i = initialSlot(r.givenSkeleton[0] ?? '');
          for (const s of r.surnameForms) for (const wid of this.similarWords(s)) this.take(this.nameKeys.get(wid * INITIAL_SLOTS + i));
          for (const c of r.surnameSounds) {
            const sid = this.soundIds.get(c);
            if (sid !== undefined) this.take(this.soundKeys.get(sid * INITIAL_SLOTS + i));
          }
        }
      }
    }
    return this.found.sort((a, b) => a - b);
  }

  get stats(): { words: number; postcodeKeys: number; streetKeys: number; nameKeys: number } {
    return { words: this.wordText.length, postcodeKeys: this.outwardKeys.size + this.inwardKeys.size, streetKeys: this.streetKeys.size, nameKeys: this.nameKeys.size };
  }
}

/** (word, premises) as a small integer where it fits (a V8 small integer hashes fastest), else a string. */
function streetKey(wordId: number, premisesId: number): number | string {
  return premisesId < 4096 && wordId < 262_144 ? wordId * 4096 + premisesId : `${wordId}|${premisesId}`;
}

/** Same length and at most one character different: the scorer's `unit` and `unit-ocr` levels. */
function withinOne(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) if (a.charCodeAt(i) !== b.charCodeAt(i) && ++d > 1) return false;
  return true;
}

function initialSlot(c: string): number {
  const code = c.charCodeAt(0);
  return Number.isNaN(code) ? 0 : code % INITIAL_SLOTS;
}
