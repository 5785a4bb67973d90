// A period's figures from letters and decisions: what was screened, held, reviewed and released,
// how long decisions took, per day and per officer. Pure, so the screen and the CSV agree.
import type { DecisionSummary, LetterSummary } from '../../records/index.ts';

export interface DayFigures {
  readonly day: string;
  readonly CLEAR: number;
  readonly HOLD: number;
  readonly REVIEW: number;
}

export interface OfficerFigures {
  readonly officerId: string;
  readonly screened: number;
  readonly HOLD: number;
  readonly REVIEW: number;
}

export interface PeriodFigures {
  readonly screened: number;
  readonly clear: number;
  readonly held: number;
  readonly reviewed: number;
  readonly withheld: number;
  readonly released: number;
  readonly returned: number;
  /** Median minutes from scan to decision, for letters scanned and decided in the period. */
  readonly medianMinutesToDecision: number | null;
  readonly days: readonly DayFigures[];
  readonly officers: readonly OfficerFigures[];
}

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

export function periodFigures(letters: readonly LetterSummary[], decisions: readonly DecisionSummary[], days: readonly string[]): PeriodFigures {
  const byDay = new Map(days.map((d) => [d, { day: d, CLEAR: 0, HOLD: 0, REVIEW: 0 }]));
  const byOfficer = new Map<string, { officerId: string; screened: number; HOLD: number; REVIEW: number }>();
  for (const l of letters) {
    const day = byDay.get(l.day);
    if (day) day[l.verdict] += 1;
    const officer = byOfficer.get(l.officerId) ?? { officerId: l.officerId, screened: 0, HOLD: 0, REVIEW: 0 };
    officer.screened += 1;
    if (l.verdict !== 'CLEAR') officer[l.verdict] += 1;
    byOfficer.set(l.officerId, officer);
  }
  const scanned = new Map(letters.map((l) => [l.id, Date.parse(l.scannedAt)]));
  const waits = decisions.flatMap((d) => {
    const at = scanned.get(d.letterId);
    return at === undefined ? [] : [(Date.parse(d.decidedAt) - at) / 60_000];
  });
  const count = (kind: DecisionSummary['kind']) => decisions.filter((d) => d.kind === kind).length;
  return {
    screened: letters.length,
    clear: letters.filter((l) => l.verdict === 'CLEAR').length,
    held: letters.filter((l) => l.verdict === 'HOLD').length,
    reviewed: letters.filter((l) => l.verdict === 'REVIEW').length,
    withheld: count('confirm-hold'),
    released: count('release'),
    returned: count('return-to-officer'),
    medianMinutesToDecision: median(waits),
    days: [...byDay.values()],
    officers: [...byOfficer.values()].sort((a, b) => b.screened - a.screened),
  };
}

/** The local days of a period ending on `lastDay` (YYYY-MM-DD), oldest first, and its bounds. */
export function periodDays(lastDay: string, length: 1 | 7): { readonly days: string[]; readonly fromIso: string; readonly toIso: string } {
  const end = new Date(`${lastDay}T00:00:00`);
  const days: string[] = [];
  for (let i = length - 1; i >= 0; i--) {
    const d = new Date(end);
    d.setDate(end.getDate() - i);
    days.push(localDay(d));
  }
  const from = new Date(`${days[0] ?? lastDay}T00:00:00`);
  const to = new Date(end);
  to.setDate(end.getDate() + 1);
  return { days, fromIso: from.toISOString(), toIso: to.toISOString() };
}

export const localDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
