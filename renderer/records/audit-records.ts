// The audit trail as screens see it: recent events, "Verify audit trail", and the CSV export.
import type { AuditEvent, AuditVerification, SignedAuditHead } from '../../shared/audit/index.ts';
import { requireAccess, requireAction, systemActor, type RecordsContext, type SystemPrincipal } from './context.ts';
import type { Session } from './accounts/sessions.ts';

export interface AuditRecords {
  /** Newest first (liveQuery-friendly). */
  recent(session: Session, limit?: number): Promise<AuditEvent[]>;
  /** Verifies the whole trail against its signed head; the check itself is audited. */
  verify(session: Session): Promise<AuditVerification>;
  /** The trail as CSV with each event's check and the verification result. Audited. */
  exportCsv(session: Session): Promise<{ readonly csv: string; readonly verification: AuditVerification }>;
  /** Why the newest head could not be signed, if it could not. */
  signingProblem(): string | null;
}

export interface AuditSystem {
  /** A check that failed elsewhere (a sync page refused, a verification in main). */
  recordFailedCheck(check: string, details?: Readonly<Record<string, string | number | boolean | null>>): Promise<void>;
  /** The newest signed head, for the outbox to the central service. */
  signedHead(): Promise<SignedAuditHead | null>;
  verify(): Promise<AuditVerification>;
}

export function createAuditRecords(ctx: RecordsContext): { records: AuditRecords; system: (p: SystemPrincipal) => AuditSystem } {
  const { audit } = ctx;
  return {
    records: {
      async recent(session, limit = 200) {
        requireAccess(ctx, session, 'view-audit');
        return audit.recent(limit);
      },
      async verify(session) {
        const live = requireAction(ctx, session, 'view-audit');
        const { verification } = await audit.verify();
        await audit.record(audit.draft('audit-verified', live.userId, null, { status: verification.status, events: verification.eventCount, problems: verification.problems.length }));
        return verification;
      },
      async exportCsv(session) {
        const live = requireAction(ctx, session, 'view-audit');
        const out = await audit.csv();
        await audit.record(audit.draft('audit-exported', live.userId, null, { status: out.verification.status, events: out.verification.eventCount }));
        return out;
      },
      signingProblem: () => audit.lastSignError,
    },
    system: (p) => ({
      recordFailedCheck: (check, details = {}) => audit.record(audit.draft('failed-check', systemActor(p), null, { check, ...details })),
      signedHead: () => audit.signedHead(),
      verify: async () => (await audit.verify()).verification,
    }),
  };
}
