// The audit trail as CSV for an inspector: one row per event with its own check, then the
// verification result, so a printed export says whether it can be trusted.
import type { AuditEvent } from './event.ts';
import type { AuditVerification } from './verify.ts';

const COLUMNS = ['seq', 'at', 'kind', 'actor', 'subject', 'details', 'prevHash', 'hash', 'check'] as const;

/** RFC 4180 quoting, and a leading quote on formula-like cells so a spreadsheet never runs them. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function auditTrailCsv(events: readonly AuditEvent[], verification: AuditVerification, exportedAt: string): string {
  const bySeq = new Map<number, string[]>();
  for (const p of verification.problems) {
    if (p.seq === null) continue;
    bySeq.set(p.seq, [...(bySeq.get(p.seq) ?? []), p.kind]);
  }
  const rows = [COLUMNS.join(',')];
  for (const e of events) {
    rows.push(
      [
        String(e.seq),
        e.at,
        e.kind,
        e.actor ?? '',
        e.subject ?? '',
        JSON.stringify(e.details),
        e.prevHash,
        e.hash,
        bySeq.get(e.seq)?.join(' ') ?? 'ok',
      ]
        .map(csvCell)
        .join(','),
    );
  }
  rows.push('');
  rows.push(['verification', verification.status].map(csvCell).join(','));
  rows.push(['summary', verification.summary].map(csvCell).join(','));
  rows.push(['exported at', exportedAt].map(csvCell).join(','));
  for (const p of verification.problems) rows.push(['problem', p.kind, p.seq === null ? '' : String(p.seq), p.message].map(csvCell).join(','));
  return rows.join('\r\n') + '\r\n';
}
