// A matched block entry with the victim's details: shown to supervisors only, and opening the
// letter's page is itself recorded in the audit trail as a view of victim details.
import type { BlockEntry } from '../../../shared/blocklist/format.ts';

const REQUESTED_BY: Readonly<Record<NonNullable<BlockEntry['requestedBy']>, string>> = {
  victim: 'the victim',
  'on-behalf-with-consent': 'someone on their behalf, with consent',
  police: 'the police',
  probation: 'probation',
  'victim-services': 'victim services',
  'friend-or-family': 'a friend or family member',
};

export function VictimEntry({ entry }: { entry: BlockEntry }) {
  return (
    <article className="victim-entry" data-testid="victim-details">
      <h3>Block {entry.id}</h3>
      <dl>
        <dt>Names</dt>
        <dd>{entry.names.join('; ') || '—'}</dd>
        <dt>Addresses</dt>
        <dd>
          {entry.addresses.map((a, i) => (
            <div key={i}>{[...a.lines, a.town, a.postcode].filter(Boolean).join(', ')}</div>
          ))}
          {entry.addresses.length === 0 && '—'}
        </dd>
        {entry.phones.length > 0 && (
          <>
            <dt>Phones</dt>
            <dd>{entry.phones.join(', ')}</dd>
          </>
        )}
        <dt>Applies to</dt>
        <dd>{entry.scope.kind === 'all-prisoners' ? 'every prisoner' : `prisoners ${entry.scope.prisonNumbers.join(', ')}`}</dd>
        <dt>Requested by</dt>
        <dd>{entry.requestedBy ? REQUESTED_BY[entry.requestedBy] : 'not recorded'}</dd>
      </dl>
    </article>
  );
}
