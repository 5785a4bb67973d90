// Retention: letters and their images go after the configured period (default 90 days).
// Decisions and the audit trail are kept; a letter still waiting for someone is never purged;
// the purge itself is an audit event.
import { requireAction, systemActor, type RecordsContext, type SystemPrincipal } from './context.ts';
import { DAY } from './dates.ts';
import { readSettings } from './settings.ts';
import type { LetterState } from './db/rows.ts';
import type { Session } from './accounts/sessions.ts';

export interface PurgeReport {
  readonly cutoff: string;
  readonly lettersPurged: number;
  /** Older than the cutoff but still open (held, awaiting review, officer check): kept. */
  readonly keptOpen: number;
  readonly outboxPurged: number;
}

const FINAL: readonly LetterState[] = ['cleared', 'withheld', 'released'];

async function purge(ctx: RecordsContext, actor: string): Promise<PurgeReport> {
  const { db, audit } = ctx;
  const settings = await readSettings(db);
  const cutoff = new Date(ctx.clock().getTime() - settings.retentionDays * DAY).toISOString();
  let report: PurgeReport = { cutoff, lettersPurged: 0, keptOpen: 0, outboxPurged: 0 };
  await db.transaction('rw', db.letters, db.outbox, db.audit, async () => {
    const old = await db.letters.where('scannedAt').below(cutoff).toArray();
    const purgeable = old.filter((r) => FINAL.includes(r.state)).map((r) => r.id);
    await db.letters.bulkDelete(purgeable);
    const sent = await db.outbox.where('[state+nextAttemptAt]').between(['sent', ''], ['sent', cutoff]).primaryKeys();
    await db.outbox.bulkDelete(sent);
    report = { cutoff, lettersPurged: purgeable.length, keptOpen: old.length - purgeable.length, outboxPurged: sent.length };
    await audit.append(audit.draft('purge', actor, null, { ...report, retentionDays: settings.retentionDays }));
  });
  await audit.signHead();
  return report;
}

export interface RetentionRecords {
  /** An administrator's purge now. */
  purgeNow(session: Session): Promise<PurgeReport>;
}

export function createRetention(ctx: RecordsContext): { records: RetentionRecords; system: (p: SystemPrincipal) => { purge(): Promise<PurgeReport> } } {
  return {
    records: { purgeNow: async (session) => purge(ctx, requireAction(ctx, session, 'purge').userId) },
    system: (p) => ({ purge: () => purge(ctx, systemActor(p)) }),
  };
}
