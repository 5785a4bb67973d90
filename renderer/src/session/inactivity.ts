// Automatic sign-out on a shared PC: input keeps the session alive, a timer asks the records layer
// whether it has lapsed (the layer, not the screen, decides). Returns the time left, for a warning.
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Accounts, Session } from '../../records/index.ts';

const CHECK_EVERY_MS = 1000;
const INPUT_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

export function useInactivitySignOut(accounts: Accounts, session: Session | null, onSignedOut: () => void): number | null {
  const [remaining, setRemaining] = useState<{ readonly session: Session; readonly ms: number } | null>(null);
  const signedOut = useRef(onSignedOut);
  useLayoutEffect(() => {
    signedOut.current = onSignedOut;
  });
  useEffect(() => {
    if (!session) return;
    const touch = () => accounts.touch(session);
    for (const name of INPUT_EVENTS) window.addEventListener(name, touch, { capture: true, passive: true });
    const timer = setInterval(() => {
      setRemaining({ session, ms: accounts.idleRemainingMs(session) });
      void accounts.signOutIfIdle().then((out) => {
        if (out) signedOut.current();
      });
    }, CHECK_EVERY_MS);
    return () => {
      clearInterval(timer);
      for (const name of INPUT_EVENTS) window.removeEventListener(name, touch, { capture: true });
    };
  }, [accounts, session]);
  return session && remaining?.session === session ? remaining.ms : null;
}
