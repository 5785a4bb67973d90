// What every part of the records layer shares: the database, the sealer (or why there is none),
// the session registry, the audit log, the clock. Built once by openRecords.
import type { MailroomDb } from './db/database.ts';
import type { Sealer } from './crypto/sealer.ts';
import type { SessionRegistry, Session } from './accounts/sessions.ts';
import type { AuditLog } from './audit-log.ts';
import type { Clock } from './dates.ts';
import { RecordsError } from './errors.ts';
import { can, type Capability } from './roles.ts';

export interface RecordsContext {
  readonly db: MailroomDb;
  /** Null when the KeyProvider refused: victim data is then neither stored nor read. */
  readonly sealer: Sealer | null;
  readonly keyRefusal: string | null;
  readonly station: string;
  readonly clock: Clock;
  readonly demo: boolean;
  readonly passwordIterations: number;
  readonly sessions: SessionRegistry;
  readonly audit: AuditLog;
}

/** The sync, the screening worker and start-up housekeeping act as this, never a screen. */
export interface SystemPrincipal {
  readonly system: string;
}

export const systemActor = (p: SystemPrincipal): string => `system:${p.system}`;

export function requireSealer(ctx: RecordsContext): Sealer {
  if (!ctx.sealer) throw new RecordsError('storage-refused', `victim data is not stored on this PC: ${ctx.keyRefusal ?? 'no data key'}`);
  return ctx.sealer;
}

/**
 * Checks that `session` is the live session of this station, not idle past the limit, and that
 * its role grants `capability` (null: any signed-in user). A refusal is audited. Safe to call from a liveQuery querier: the
 * audit write of a refusal happens on a later task.
 */
export function requireAccess(ctx: RecordsContext, session: Session | null | undefined, capability: Capability | null): Session {
  const state = ctx.sessions.check(session, ctx.clock());
  switch (state) {
    case 'not-signed-in':
      throw new RecordsError('not-signed-in', 'sign in first');
    case 'expired':
      throw new RecordsError('session-expired', 'signed out after inactivity: sign in again');
    case 'live':
      break;
    default: {
      const never: never = state;
      return never;
    }
  }
  const live = session as Session;
  if (capability !== null && !can(live.role, capability)) {
    ctx.audit.recordLater(ctx.audit.draft('access-refused', live.userId, null, { capability, role: live.role }));
    throw new RecordsError('refused', `${live.role === 'supervisor' ? 'a' : 'an'} ${live.role} may not ${capability.replace(/-/g, ' ')}`);
  }
  return live;
}

/** For actions (not reads): the action counts as activity for the inactivity clock. */
export function requireAction(ctx: RecordsContext, session: Session | null | undefined, capability: Capability | null): Session {
  const live = requireAccess(ctx, session, capability);
  ctx.sessions.touch(live, ctx.clock());
  return live;
}

export const newId = (): string => globalThis.crypto.randomUUID();
