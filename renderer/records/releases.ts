// Remembered releases: a supervisor said this addressee is not this victim, so the engine stops
// matching the pair (until the entry changes, which changes its fingerprint).
import type { RememberedRelease } from '../../shared/screening/types.ts';
import { requireAccess, requireAction, requireSealer, type RecordsContext } from './context.ts';
import { RecordsError } from './errors.ts';
import type { Session } from './accounts/sessions.ts';

export interface ReleaseSummary {
  readonly id: string;
  readonly entryId: string;
  readonly decisionId: string;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt: string | null;
}

export interface ReleaseRecords {
  /** Supervisors: the remembered releases, newest first (liveQuery-friendly). */
  list(session: Session): Promise<ReleaseSummary[]>;
  /** Stops remembering a release; audited as a decision. */
  revoke(session: Session, releaseId: string, reason: string): Promise<void>;
}

export interface ReleaseSystem {
  /** The active releases, for building the screening engine. */
  forEngine(): Promise<RememberedRelease[]>;
}

export function createReleaseRecords(ctx: RecordsContext): { records: ReleaseRecords; system: () => ReleaseSystem } {
  const { db, audit } = ctx;
  return {
    records: {
      async list(session) {
        requireAccess(ctx, session, 'review');
        const rows = await db.releases.toArray();
        return rows
          .map(({ id, entryId, decisionId, createdAt, createdBy, revokedAt }) => ({ id, entryId, decisionId, createdAt, createdBy, revokedAt }))
          .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      },
      async revoke(session, releaseId, reason) {
        const supervisor = requireAction(ctx, session, 'decide');
        if (reason.trim().length < 5) throw new RecordsError('invalid', 'reason: too short');
        await db.transaction('rw', db.releases, db.audit, async () => {
          const row = await db.releases.get(releaseId);
          if (!row || row.revokedAt) throw new RecordsError('not-found', 'no such remembered release');
          await db.releases.update(releaseId, { revokedAt: ctx.clock().toISOString() });
          await audit.append(audit.draft('decision', supervisor.userId, row.entryId, { kind: 'revoke-release', releaseId, decisionId: row.decisionId }));
        });
        await audit.signHead();
      },
    },
    system: () => ({
      async forEngine() {
        const sealer = requireSealer(ctx);
        const rows = (await db.releases.toArray()).filter((r) => r.revokedAt === null);
        return Promise.all(rows.map(async (r) => (await sealer.openJson(r.sealed, `releases/${r.id}`)) as RememberedRelease));
      },
    }),
  };
}
