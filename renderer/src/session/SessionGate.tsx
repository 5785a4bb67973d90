// Who is at the station: nobody (sign-in, or the first administrator on a new installation), or
// one signed-in user with their workspace. Signs out after inactivity, as a shared PC must.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Session } from '../../records/index.ts';
import { useStation, SignedInContext, type SignedIn } from '../station/station-context.tsx';
import { ListBanner } from '../scan/ListBanner.tsx';
import { Workspace } from '../shell/Workspace.tsx';
import { SignIn } from './SignIn.tsx';
import { FirstAdministrator } from './FirstAdministrator.tsx';
import { useInactivitySignOut } from './inactivity.ts';

export function SessionGate() {
  const { records, info } = useStation();
  const [session, setSession] = useState<Session | null>(() => records.accounts.current());
  const [switching, setSwitching] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [firstRun, setFirstRun] = useState<boolean | null>(null);

  useEffect(() => {
    // In demo mode the demo accounts are the station's accounts; a real installation starts empty.
    if (!info.demoMode) void records.accounts.needsFirstAdministrator().then(setFirstRun);
  }, [records, session, info.demoMode]);

  const signedOut = useCallback((why: string | null) => {
    setSession(null);
    setSwitching(false);
    setNotice(why);
    window.location.hash = '';
  }, []);
  const remaining = useInactivitySignOut(records.accounts, session, () => signedOut('You were signed out after a period without input.'));

  const signedIn: SignedIn | null = useMemo(
    () =>
      session && {
        session,
        signOut: async () => {
          await records.accounts.signOut(session, 'user');
          signedOut('Signed out.');
        },
        switchUser: () => setSwitching(true),
      },
    [session, records, signedOut],
  );

  const onSignedIn = (next: Session) => {
    setNotice(null);
    setSwitching(false);
    if (next !== session) window.location.hash = '';
    setSession(next);
  };

  return (
    <main className="app">
      <ListBanner />
      {remaining !== null && remaining < 60_000 && (
        <p className="idle-warning" role="alert">
          No input for a while: signing out in {Math.ceil(remaining / 1000)} s. Press any key to stay signed in.
        </p>
      )}
      {!signedIn || switching ? (
        firstRun ? (
          <FirstAdministrator onCreated={() => setFirstRun(false)} />
        ) : (
          <SignIn notice={notice} switchingFrom={switching ? session : null} onSignedIn={onSignedIn} onCancel={() => setSwitching(false)} />
        )
      ) : (
        <SignedInContext.Provider value={signedIn}>
          <Workspace />
        </SignedInContext.Provider>
      )}
    </main>
  );
}
