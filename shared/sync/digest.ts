// The digest of a whole list: sha256 over each entry's canonical JSON and a newline, entries in id
// order (JavaScript string order). Computed incrementally, so a client can digest a list page by
// page or straight from its store, and compare with the server's without a second download.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { BlockEntry } from '../blocklist/format.ts';
import { canonicalJson } from './canonical.ts';

export const DIGEST_ALGORITHM = 'sha256-canonical-lines' as const;

/** The one order entries are digested and paged in: UTF-16 code unit order of the id. */
export function compareEntryIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface ListDigest {
  /** Adds the next entry; entries must arrive in compareEntryIds order. */
  add(entry: BlockEntry): void;
  /** Adds an entry already in canonical JSON (the server keeps them so). */
  addCanonical(canonicalEntry: string): void;
  hex(): string;
}

export function createListDigest(): ListDigest {
  const hash = sha256.create();
  return {
    add(entry) {
      hash.update(utf8ToBytes(`${canonicalJson(entry)}\n`));
    },
    addCanonical(canonicalEntry) {
      hash.update(utf8ToBytes(`${canonicalEntry}\n`));
    },
    hex: () => bytesToHex(hash.digest()),
  };
}

/** Digest of a list held in any order. */
export function digestEntries(entries: readonly BlockEntry[]): string {
  const digest = createListDigest();
  for (const e of [...entries].sort((a, b) => compareEntryIds(a.id, b.id))) digest.add(e);
  return digest.hex();
}
