// The signed-in user's workspace: who is signed in (with sign-out and quick switch), the screens
// their role opens, and the screen they are on. The records layer enforces roles; the menu only
// leaves out what would be refused.
import { can, roleLabel, type Capability } from '../../records/index.ts';
import { useSignedIn } from '../station/station-context.tsx';
import { ScanStation } from '../scan/ScanStation.tsx';
import { ReviewDesk } from '../review/ReviewDesk.tsx';
import { LetterPage } from '../review/LetterPage.tsx';
import { Reports } from '../reports/Reports.tsx';
import { AuditScreen } from '../audit/AuditScreen.tsx';
import { AdminScreen } from '../admin/AdminScreen.tsx';
import { hrefOf, useRoute, type Route } from './routes.ts';

const MENU: readonly { readonly route: Route; readonly label: string; readonly needs: Capability }[] = [
  { route: { screen: 'scan' }, label: 'Scan station', needs: 'scan' },
  { route: { screen: 'review' }, label: 'Review desk', needs: 'review' },
  { route: { screen: 'reports' }, label: 'Reports', needs: 'view-reports' },
  { route: { screen: 'audit' }, label: 'Audit trail', needs: 'view-audit' },
  { route: { screen: 'admin' }, label: 'Administration', needs: 'manage-accounts' },
];

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'scan':
      return <ScanStation />;
    case 'review':
      return <ReviewDesk />;
    case 'letter':
      return <LetterPage letterId={route.letterId} />;
    case 'reports':
      return <Reports />;
    case 'audit':
      return <AuditScreen />;
    case 'admin':
      return <AdminScreen />;
    default: {
      const never: never = route;
      return never;
    }
  }
}

export function Workspace() {
  const { session, signOut, switchUser } = useSignedIn();
  const route = useRoute(session.role);
  const current = route.screen === 'letter' ? 'review' : route.screen;
  return (
    <div className="workspace">
      <nav className="menu" aria-label="Screens">
        {MENU.filter((m) => can(session.role, m.needs)).map((m) => (
          <a key={m.route.screen} href={hrefOf(m.route)} aria-current={m.route.screen === current ? 'page' : undefined}>
            {m.label}
          </a>
        ))}
        <span className="who" data-testid="signed-in-user">
          {session.displayName} · {roleLabel(session.role)}
        </span>
        <button type="button" onClick={switchUser} data-testid="switch-user">
          Switch user
        </button>
        <button type="button" onClick={() => void signOut()} data-testid="logout">
          Sign out
        </button>
      </nav>
      <Screen route={route} />
    </div>
  );
}
