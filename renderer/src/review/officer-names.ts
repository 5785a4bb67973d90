// Officers' names for the review desk and reports, from the audit trail's account-created events
// (supervisors may read the trail; only administrators may list accounts).
import { useLiveQuery } from 'dexie-react-hooks';
import { useSignedIn, useStation } from '../station/station-context.tsx';

export type OfficerNames = (userId: string) => string;

export function useOfficerNames(): OfficerNames {
  const { records } = useStation();
  const { session } = useSignedIn();
  const names = useLiveQuery(async () => {
    const events = await records.audit.recent(session, 10_000).catch(() => []);
    const map = new Map<string, string>();
    for (const e of events) if (e.kind === 'account-created' && e.subject && typeof e.details['username'] === 'string') map.set(e.subject, e.details['username']);
    return map;
  }, [records, session]);
  return (userId) => (userId === session.userId ? session.username : (names?.get(userId) ?? `user ${userId.slice(0, 8)}`));
}
