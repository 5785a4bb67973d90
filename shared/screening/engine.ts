// Screening engine, first cut: exact normalised postcode + house number, and exact normalised name.
// The screening-engine issue replaces the internals; the contract in types.ts stays.
import type { Blocklist, BlockEntry } from '../blocklist/format.ts';
import type { BuildEngine, LetterInput, MatchEvidence, ScreeningResult } from './types.ts';

export const MATCHER_VERSION = 'mailroom-match/0.1.0';

const POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/g;

function normPostcode(s: string): string {
  return s.toUpperCase().replace(/[^A-Z0-9]/g, '');
}
function normName(s: string): string {
  return s
    .toUpperCase()
    .replace(/\b(MR|MRS|MS|MISS|DR|MX)\b\.?/g, ' ')
    .replace(/[^A-Z ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
function houseNumbers(s: string): string[] {
  return [...s.toUpperCase().matchAll(/\b(\d+[A-Z]?)\b/g)].map((m) => m[1] ?? '');
}

function activeFor(entry: BlockEntry, sender: string | null, at: Date): boolean {
  if (entry.validFrom && Date.parse(entry.validFrom) > at.getTime()) return false;
  if (entry.validUntil && Date.parse(entry.validUntil) <= at.getTime()) return false;
  if (entry.scope.kind === 'prisoners' && sender) return entry.scope.prisonNumbers.includes(sender);
  return true;
}

export const buildEngine: BuildEngine = (list: Blocklist) => {
  const entries = list.entries;
  return {
    matcher: MATCHER_VERSION,
    entryCount: entries.length,
    screen(letter: LetterInput): ScreeningResult {
      const text = letter.text.toUpperCase();
      const lines = letter.text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
      const sender = letter.sender?.toUpperCase() ?? /\b([A-Z]\d{4}[A-Z]{2})\b/.exec(text)?.[1] ?? null;
      const postcodes = [...text.matchAll(POSTCODE)].map((m) => `${m[1] ?? ''}${m[2] ?? ''}`);
      const numbers = new Set(houseNumbers(text));
      const names = new Set(lines.map(normName));
      const at = letter.at ?? new Date();
      const matches: MatchEvidence[] = [];
      for (const entry of entries) {
        if (!activeFor(entry, sender, at)) continue;
        entry.addresses.forEach((a, addressIndex) => {
          const pc = a.postcode ? normPostcode(a.postcode) : null;
          if (!pc || !postcodes.includes(pc)) return;
          const nums = houseNumbers(a.lines.join(' '));
          if (nums.length === 0 || nums.every((n) => numbers.has(n))) {
            matches.push({ entryId: entry.id, score: 1, rule: 'blocked-address', verdict: 'HOLD', addressIndex,
              reasons: [`postcode ${a.postcode ?? ''} and house number match a blocked address`] });
          }
        });
        entry.names.forEach((n, nameIndex) => {
          if (names.has(normName(n))) {
            matches.push({ entryId: entry.id, score: 0.9, rule: 'possible-name', verdict: 'REVIEW', nameIndex,
              reasons: ['full name matches a blocked name'] });
          }
        });
      }
      matches.sort((a, b) => b.score - a.score);
      const readable = postcodes.length > 0 || lines.length >= 2;
      const verdict = matches.some((m) => m.verdict === 'HOLD') ? 'HOLD' : matches.length > 0 || !readable ? 'REVIEW' : 'CLEAR';
      return {
        verdict,
        reviewReason: verdict === 'REVIEW' ? (matches.length > 0 ? 'possible-match' : 'unreadable') : undefined,
        addressee: readable ? { name: lines[0] ?? null, lines: lines.slice(1), postcode: postcodes.at(-1) ?? null, town: null } : null,
        matches,
        sender,
        matcher: MATCHER_VERSION,
      };
    },
  };
};
