// The candidate index: which entries could match a letter at all, found through keys that survive OCR
// damage. Postcode keys on the outward and the inward code (one damaged character leaves one half
// intact), street keys on (street word within one OCR edit, house number), and name keys on (surname
// within one OCR edit, given-name initial and its short forms' initials). Words are looked up through
// one dictionary of skeletons with symmetric one-deletion keys.
import { deletionKeys, skeleton, skeletonsAgree } from '../text/fold.ts';
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
  private readonly postcodeKeys = new Map<string | number, Posting>();
  private readonly streetKeys = new Map<string | number, Posting>();
  private readonly nameKeys = new Map<string | number, Posting>();
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
    for (const a of e.addresses) {
      if (a.unit) {
        post(this.postcodeKeys, `O${a.unit.slice(0, -3)}`, pos);
        post(this.postcodeKeys, `I${a.unit.slice(-3)}`, pos);
      }
      for (const w of a.coreWords) {
        const wid = this.wordId(w);
        for (const p of a.premisesKeys) post(this.streetKeys, wid * 1_048_576 + this.premisesId(p), pos);
      }
    }
    for (const n of e.names) {
      for (const s of n.surnameParts) {
        const wid = this.wordId(s);
        for (const i of n.initials) post(this.nameKeys, wid * INITIAL_SLOTS + initialSlot(i), pos);
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

  /** Positions of every entry that any gate of the scorer could pass for these blocks, in ascending order. */
  candidates(blocks: readonly PreparedBlock[]): number[] {
    this.generation++;
    if (this.generation === 0x7fffffff) { this.stamp.fill(0); this.generation = 1; }
    const g = this.generation;
    const found: number[] = [];
    const take = (p: Posting | undefined): void => {
      if (p === undefined) return;
      if (typeof p === 'number') {
        if (this.stamp[p] !== g) { this.stamp[p] = g; found.push(p); }
        return;
      }
      for (const x of p) if (this.stamp[x] !== g) { this.stamp[x] = g; found.push(x); }
    };
    for (const b of blocks) {
      for (const r of b.readings) {
        take(this.postcodeKeys.get(`O${r.outward}`));
        take(this.postcodeKeys.get(`I${r.inward}`));
      }
      const prem: number[] = [];
      for (const p of [...b.address.numbers, NO_NUMBER]) {
        const id = this.premises.get(p);
        if (id !== undefined) prem.push(id);
      }
      if (prem.length > 0) {
        for (const w of b.words) {
          for (const wid of this.similarWords(w)) for (const p of prem) take(this.streetKeys.get(wid * 1_048_576 + p));
        }
      }
      for (const n of b.names) {
        const initials = new Set(n.tokens.map((t) => initialSlot(skeleton(t)[0] ?? '')));
        for (const s of n.surnameCandidates) {
          for (const wid of this.similarWords(s)) for (const i of initials) take(this.nameKeys.get(wid * INITIAL_SLOTS + i));
        }
      }
    }
    return found.sort((a, b) => a - b);
  }

  get stats(): { words: number; postcodeKeys: number; streetKeys: number; nameKeys: number } {
    return { words: this.wordText.length, postcodeKeys: this.postcodeKeys.size, streetKeys: this.streetKeys.size, nameKeys: this.nameKeys.size };
  }
}

function initialSlot(c: string): number {
  const code = c.charCodeAt(0);
  return Number.isNaN(code) ? 0 : code % INITIAL_SLOTS;
}
