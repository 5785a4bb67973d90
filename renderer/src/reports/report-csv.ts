// The report as CSV: the period's totals, then a row per day and a row per officer.
import { csvRow } from '../common/download.ts';
import type { PeriodFigures } from './report-figures.ts';

export function reportCsv(f: PeriodFigures, officerName: (id: string) => string): string {
  const lines = [
    csvRow(['section', 'key', 'screened', 'clear', 'hold', 'review', 'withheld', 'released', 'returned', 'median_minutes_to_decision']),
    csvRow(['total', '', f.screened, f.clear, f.held, f.reviewed, f.withheld, f.released, f.returned, f.medianMinutesToDecision === null ? null : Math.round(f.medianMinutesToDecision)]),
    ...f.days.map((d) => csvRow(['day', d.day, d.CLEAR + d.HOLD + d.REVIEW, d.CLEAR, d.HOLD, d.REVIEW, null, null, null, null])),
    ...f.officers.map((o) => csvRow(['officer', officerName(o.officerId), o.screened, o.screened - o.HOLD - o.REVIEW, o.HOLD, o.REVIEW, null, null, null, null])),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
