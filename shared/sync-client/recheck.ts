// When the list changes, letters screened CLEAR in the last hours are screened again against the new
// and changed entries: a letter that would now be held may already be in the post, so it goes to the
// supervisor marked "already dispatched?" and the centre hears of it.
import { BLOCKLIST_FORMAT, type BlockEntry } from '../blocklist/format.ts';
import type { BuildEngine, ScreeningResult } from '../screening/types.ts';
import type { NewEvent } from './outbox.ts';
import type { ListChange } from './snapshot.ts';

export const DEFAULT_RECHECK_HOURS = 48;

/** A letter as the station remembers screening it. */
export interface ScreenedLetter {
  readonly letterId: string;
  /** The envelope text as read at the time (kept on the station, never sent). */
  readonly text: string;
  readonly sender?: string | undefined;
  readonly verdict: 'CLEAR' | 'HOLD' | 'REVIEW';
  readonly screenedAt: string;
}

export interface RecheckFinding {
  readonly letterId: string;
  readonly verdict: 'HOLD' | 'REVIEW';
  readonly result: ScreeningResult;
  /** The event for the outbox: `letter-held` with `alreadyDispatched: true`. */
  readonly event: NewEvent;
}

/** Which remembered letters a list change can affect: CLEAR ones screened inside the window. */
export function lettersToRecheck(letters: readonly ScreenedLetter[], now: Date, windowHours = DEFAULT_RECHECK_HOURS): ScreenedLetter[] {
  const since = now.getTime() - windowHours * 3_600_000;
  return letters.filter((l) => l.verdict === 'CLEAR' && Date.parse(l.screenedAt) >= since);
}

/**
 * Screens the letters again against the entries the change added or altered only (removals cannot
 * turn a CLEAR into a HOLD). Returns the letters that would now be held or reviewed.
 */
export function recheckLetters(
  change: ListChange,
  letters: readonly ScreenedLetter[],
  buildEngine: BuildEngine,
  now: Date,
  windowHours = DEFAULT_RECHECK_HOURS,
): RecheckFinding[] {
  const recent = lettersToRecheck(letters, now, windowHours);
  if (recent.length === 0 || change.upserted.length === 0) return [];
  const engine = buildEngine({ format: BLOCKLIST_FORMAT, version: change.version, entries: [...change.upserted] as BlockEntry[] });
  const findings: RecheckFinding[] = [];
  for (const letter of recent) {
    // Screened as at the original moment, so entry dates and scope apply as they would have then.
    const result = engine.screen({ text: letter.text, sender: letter.sender, at: new Date(Date.parse(letter.screenedAt)) });
    if (result.verdict === 'CLEAR' || result.reviewReason === 'unreadable') continue;
    findings.push({
      letterId: letter.letterId,
      verdict: result.verdict,
      result,
      event: {
        type: 'letter-held',
        at: now.toISOString(),
        letterId: letter.letterId,
        verdict: result.verdict,
        entryIds: result.matches.slice(0, 50).map((m) => m.entryId),
        ...(result.sender ? { sender: result.sender } : {}),
        listVersion: change.version,
        alreadyDispatched: true,
      },
    });
  }
  return findings;
}
