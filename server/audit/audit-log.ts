// The service's audit trail: who did what, when and why. Details hold ids, versions and field
// names only; victim data never goes in here.
import type { Queryable } from '../db/database.ts';

export interface AuditRecord {
  readonly actor: string;
  readonly action: string;
  readonly entryId?: string | null;
  readonly listVersion?: number | null;
  readonly reason?: string | null;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export async function recordAudit(tx: Queryable, record: AuditRecord, at: Date = new Date()): Promise<void> {
  await tx.query(
    'INSERT INTO audit_log (at, actor, action, entry_id, list_version, reason, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [at, record.actor, record.action, record.entryId ?? null, record.listVersion ?? null, record.reason ?? null, JSON.stringify(record.detail ?? {})],
  );
}

export interface AuditRow {
  readonly seq: number;
  readonly at: Date;
  readonly actor: string;
  readonly action: string;
  readonly entryId: string | null;
  readonly listVersion: number | null;
  readonly reason: string | null;
  readonly detail: Record<string, unknown>;
}

export async function readAudit(q: Queryable, options: { entryId?: string; limit?: number } = {}): Promise<AuditRow[]> {
  const rows = await q.query<{ seq: unknown; at: Date; actor: string; action: string; entry_id: string | null; list_version: unknown; reason: string | null; detail: unknown }>(
    `SELECT seq, at, actor, action, entry_id, list_version, reason, detail FROM audit_log
     WHERE ($1::text IS NULL OR entry_id = $1) ORDER BY seq DESC LIMIT $2`,
    [options.entryId ?? null, options.limit ?? 100],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    action: r.action,
    entryId: r.entry_id,
    listVersion: r.list_version === null ? null : Number(r.list_version),
    reason: r.reason,
    detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown>,
  }));
}
