// The signed-in user of this station. Only one session is live at a time (a shared PC); a
// Session object is a capability: the layer accepts only the instance it issued, so a screen
// cannot make itself a supervisor by building an object with that role.
import type { Role } from '../roles.ts';
import { isIdleExpired, startSessionClock, touchSessionClock, idleRemainingMs, type SessionClock } from './session-clock.ts';

export interface Session {
  readonly id: string;
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly signedInAt: string;
}

export type SessionCheck = 'live' | 'expired' | 'not-signed-in';

export class SessionRegistry {
  private live: { readonly session: Session; clock: SessionClock } | null = null;

  issue(user: Omit<Session, 'id' | 'signedInAt'>, now: Date, timeoutMs: number): Session {
    const session: Session = Object.freeze({ ...user, id: globalThis.crypto.randomUUID(), signedInAt: now.toISOString() });
    this.live = { session, clock: startSessionClock(now.getTime(), timeoutMs) };
    return session;
  }

  current(): Session | null {
    return this.live?.session ?? null;
  }

  check(session: Session | null | undefined, now: Date): SessionCheck {
    if (!session || !this.live || this.live.session !== session) return 'not-signed-in';
    return isIdleExpired(this.live.clock, now.getTime()) ? 'expired' : 'live';
  }

  /** Input keeps a live session alive; it cannot revive one that has already lapsed. */
  touch(session: Session, now: Date): void {
    if (this.live?.session !== session || isIdleExpired(this.live.clock, now.getTime())) return;
    this.live.clock = touchSessionClock(this.live.clock, now.getTime());
  }

  remainingMs(session: Session, now: Date): number {
    return this.live?.session === session ? idleRemainingMs(this.live.clock, now.getTime()) : 0;
  }

  setTimeout(timeoutMs: number): void {
    if (this.live) this.live.clock = { ...this.live.clock, timeoutMs };
  }

  end(session: Session): boolean {
    if (this.live?.session !== session) return false;
    this.live = null;
    return true;
  }
}
