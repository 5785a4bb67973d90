// The screening engine: reads the envelope's candidate addressee blocks, finds candidate entries through
// the OCR-tolerant index (or scans them all), scores each with the one scorer, and decides the verdict.
// Thresholds and rules live in policy.ts; this file wires them together.
import type { Blocklist, BlockEntry } from '../blocklist/format.ts';
import { readEnvelope } from './envelope/read.ts';
import { CandidateIndex } from './index/candidates.ts';
import { formatPostcode } from './postcode/postcode.ts';
import { displayName, preparedFingerprint, prepareBlock, prepareEntry, type PreparedBlock, type PreparedEntry } from './prepare.ts';
import type { EntryName } from './names/parse.ts';
import { ALL_GATES, NAME_GATES, nameRulesShut, scoreEntry, type ScoredMatch } from './score.ts';
import type { Addressee, BuildEngine, EngineOptions, LetterInput, MatchEvidence, ScreeningResult, Verdict } from './types.ts';

/** Bump with any change to policy.ts, the scorer or the readers: scores are only comparable within one. */
export const MATCHER_VERSION = 'mailroom-match/1.4.0';

export { entryFingerprint } from './prepare.ts';

/** Whether the entry applies to this letter: inside its dates, and in scope for the sender. With no known
 * sender, prisoner-scoped entries apply (fail closed). */
export function entryApplies(entry: BlockEntry, sender: string | null, at: Date): boolean {
  const t = at.getTime();
  if (entry.validFrom && Date.parse(entry.validFrom) > t) return false;
  if (entry.validUntil && Date.parse(entry.validUntil) <= t) return false;
  if (entry.scope.kind === 'prisoners' && sender) return entry.scope.prisonNumbers.includes(sender);
  return true;
}

/** entryApplies on a prepared entry, with its dates parsed once at build. */
function applies(e: PreparedEntry, sender: string | null, t: number): boolean {
  if (e.validFrom !== null && e.validFrom > t) return false;
  if (e.validUntil !== null && e.validUntil <= t) return false;
  if (e.prisonNumbers !== null && sender) return e.prisonNumbers.includes(sender);
  return true;
}

function chooseAddressee(blocks: readonly PreparedBlock[], matches: readonly ScoredMatch[]): Addressee | null {
  const byMatch = matches.find((m) => !blocks[m.blockIndex]?.block.isSender);
  const chosen = (byMatch ? blocks[byMatch.blockIndex] : undefined) ??
    blocks.find((b) => b.readable && !b.block.isSender) ?? blocks.find((b) => !b.block.isSender) ?? null;
  if (!chosen) return null;
  const reading = chosen.readings[0];
  const lines = chosen.block.addressLines;
  return {
    name: displayName(chosen),
    lines,
    postcode: reading ? formatPostcode(reading.unit) : null,
    town: chosen.block.postcode?.rest || (lines.length > 1 ? (lines[lines.length - 1] ?? null) : null),
  };
}

function rank(a: ScoredMatch, b: ScoredMatch, posA: number, posB: number): number {
  if (a.verdict !== b.verdict) return a.verdict === 'HOLD' ? -1 : 1;
  if (a.score !== b.score) return b.score - a.score;
  return posA - posB;
}

export const buildEngine: BuildEngine = (list: Blocklist, options?: EngineOptions) => {
  // Every entry is prepared once at build (its parts shared through the readers' memos); the index keeps
  // only typed-array postings of positions into it.
  const prepared: readonly PreparedEntry[] = list.entries.map((e, i) => prepareEntry(e, i));
  const index = options?.scan === 'brute-force' ? null : CandidateIndex.of(prepared);
  const released = new Set((options?.remembered ?? []).map((r) => `${r.entryId}\u0000${r.entryFingerprint}\u0000${r.addresseeFingerprint}`));
  const releasedIds = new Set((options?.remembered ?? []).map((r) => r.entryId));
  const isReleased = (e: PreparedEntry, afp: string): boolean =>
    releasedIds.has(e.entry.id) && released.has(`${e.entry.id}\u0000${preparedFingerprint(e)}\u0000${afp}`);

  // The listed name nameRulesShut loads when the memo of agreements has not met its halves.
  let loadAt = 0;
  const loadName = (): EntryName => (prepared[loadAt] as PreparedEntry).names[0] as EntryName;

  return {
    matcher: MATCHER_VERSION,
    entryCount: prepared.length,
    screen(letter: LetterInput): ScreeningResult {
      const reading = readEnvelope(letter.text);
      const sender = letter.sender?.trim().toUpperCase() || reading.senderNumber;
      const at = letter.at ?? new Date();
      const blocks = reading.blocks.map(prepareBlock);
      const positions = index ? index.candidates(blocks) : null;
      const scored: { m: ScoredMatch; pos: number }[] = [];
      const t = at.getTime();
      const count = positions ? positions.length : prepared.length;
      for (let i = 0; i < count; i++) {
        const pos = positions ? (positions[i] as number) : i;
        const gates = index ? index.gatesOf(pos) : ALL_GATES;
        // Found by a name key alone: judged by its name's half ids first, without reaching the entry (most
        // of a frequent surname's candidates), when the entry has one name.
        const surnameId = index && gates === NAME_GATES ? index.soleSurnameId(pos) : -1;
        if (index && surnameId >= 0) {
          loadAt = pos;
          if (nameRulesShut(blocks, surnameId, index.soleGivenId(pos), loadName)) continue;
        }
        const e = prepared[pos] as PreparedEntry;
        if (!applies(e, sender, t)) continue;
        const m = scoreEntry(blocks, e, isReleased, gates);
        if (m) scored.push({ m, pos: e.position });
      }
      scored.sort((a, b) => rank(a.m, b.m, a.pos, b.pos));
      const matches = scored.map((s) => s.m);
      const readable = blocks.some((b) => b.readable && !b.block.isSender);
      let verdict: Verdict = 'CLEAR';
      if (matches.some((m) => m.verdict === 'HOLD')) verdict = 'HOLD';
      else if (matches.length > 0 || !readable) verdict = 'REVIEW';
      const evidence: MatchEvidence[] = matches.map(({ blockIndex: _b, ...m }) => m);
      return {
        verdict,
        reviewReason: verdict === 'REVIEW' ? (matches.length > 0 ? 'possible-match' : 'unreadable') : undefined,
        addressee: chooseAddressee(blocks, matches),
        matches: evidence,
        sender,
        matcher: MATCHER_VERSION,
      };
    },
  };
};
