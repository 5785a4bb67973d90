// A block as the service keeps it: the feed entry (what mailrooms get) and what only the centre
// needs (whether consent was given). Sealed as the entry's canonical JSON, a newline, then the rest,
// so the feed can be built from the canonical text without parsing and re-encoding every entry.
import { blockEntrySchema, type BlockEntry } from '../../shared/blocklist/format.ts';
import { canonicalJson } from '../../shared/sync/index.ts';
import type { Sealer } from '../crypto/sealing.ts';

export interface BlockRecord {
  readonly entry: BlockEntry;
  readonly consentGiven: boolean | null;
}

/** One spelling per entry: parsed by the shared schema, validity dates always present. */
export function normaliseEntry(entry: BlockEntry): BlockEntry {
  const parsed = blockEntrySchema.parse(entry);
  return { ...parsed, validFrom: parsed.validFrom ?? null, validUntil: parsed.validUntil ?? null };
}

export const entryContext = (entryId: string, version: number): string => `entry|${entryId}|${version}`;
export const proposalContext = (proposalId: string): string => `proposal|${proposalId}`;

/** Seals a record; also returns the entry's canonical JSON, which the feed serves as is. */
export function sealRecord(sealer: Sealer, record: BlockRecord, context: string): { sealed: Buffer; canonicalEntry: string } {
  const canonicalEntry = canonicalJson(record.entry);
  return { sealed: sealer.seal(`${canonicalEntry}\n${JSON.stringify({ consentGiven: record.consentGiven })}`, context), canonicalEntry };
}

export interface OpenedRecord {
  readonly canonicalEntry: string;
  readonly record: () => BlockRecord;
}

export function openRecord(sealer: Sealer, sealed: Uint8Array, context: string): OpenedRecord {
  const text = sealer.open(sealed, context);
  const cut = text.indexOf('\n');
  const canonicalEntry = text.slice(0, cut);
  return {
    canonicalEntry,
    record: () => {
      const meta = JSON.parse(text.slice(cut + 1)) as { consentGiven?: boolean | null };
      return { entry: JSON.parse(canonicalEntry) as BlockEntry, consentGiven: meta.consentGiven ?? null };
    },
  };
}

export const sameEntry = (a: BlockEntry, b: BlockEntry): boolean => canonicalJson(a) === canonicalJson(b);
