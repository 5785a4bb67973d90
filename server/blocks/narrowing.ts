// When does an edit take protection away? Removing a name, address, phone or email, shrinking the
// scope or shortening the validity narrows a block, and needs a second case handler. Everything an
// edit adds takes effect at once: `widen` is the current block plus all the edit adds.
import type { BlockAddress, BlockEntry, BlockScope } from '../../shared/blocklist/format.ts';

const squash = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
const nameKey = squash;
const phoneKey = (s: string): string => s.replace(/[^\d+]/g, '');
const emailKey = (s: string): string => s.trim().toLowerCase();
const addressKey = (a: BlockAddress): string =>
  JSON.stringify([a.lines.map(squash), squash(a.town ?? ''), (a.postcode ?? '').toUpperCase().replace(/\s+/g, '')]);

function missing<T>(from: readonly T[], to: readonly T[], key: (t: T) => string): T[] {
  const kept = new Set(to.map(key));
  return from.filter((x) => !kept.has(key(x)));
}

function scopeNarrows(current: BlockScope, proposed: BlockScope): boolean {
  if (current.kind === 'all-prisoners') return proposed.kind !== 'all-prisoners';
  if (proposed.kind === 'all-prisoners') return false;
  return missing(current.prisonNumbers, proposed.prisonNumbers, (p) => p).length > 0;
}

const startOf = (d: string | null | undefined): number => (d ? Date.parse(d) : -Infinity);
const endOf = (d: string | null | undefined): number => (d ? Date.parse(d) : Infinity);

/** The ways the proposed entry protects less than the current one, as field names (no values). */
export function narrowedFields(current: BlockEntry, proposed: BlockEntry): string[] {
  const fields: string[] = [];
  if (missing(current.names, proposed.names, nameKey).length) fields.push('names');
  if (missing(current.addresses, proposed.addresses, addressKey).length) fields.push('addresses');
  if (missing(current.phones, proposed.phones, phoneKey).length) fields.push('phones');
  if (missing(current.emails, proposed.emails, emailKey).length) fields.push('emails');
  if (scopeNarrows(current.scope, proposed.scope)) fields.push('scope');
  if (startOf(proposed.validFrom) > startOf(current.validFrom)) fields.push('validFrom');
  if (endOf(proposed.validUntil) < endOf(current.validUntil)) fields.push('validUntil');
  return fields;
}

function widerScope(a: BlockScope, b: BlockScope): BlockScope {
  if (a.kind === 'all-prisoners' || b.kind === 'all-prisoners') return { kind: 'all-prisoners' };
  return { kind: 'prisoners', prisonNumbers: [...b.prisonNumbers, ...missing(a.prisonNumbers, b.prisonNumbers, (p) => p)] };
}

/** The proposed entry with everything of the current one it would drop put back. */
export function widen(current: BlockEntry, proposed: BlockEntry): BlockEntry {
  const validFrom = startOf(proposed.validFrom) <= startOf(current.validFrom) ? proposed.validFrom : current.validFrom;
  const validUntil = endOf(proposed.validUntil) >= endOf(current.validUntil) ? proposed.validUntil : current.validUntil;
  return {
    ...proposed,
    names: [...proposed.names, ...missing(current.names, proposed.names, nameKey)],
    addresses: [...proposed.addresses, ...missing(current.addresses, proposed.addresses, addressKey)],
    phones: [...proposed.phones, ...missing(current.phones, proposed.phones, phoneKey)],
    emails: [...proposed.emails, ...missing(current.emails, proposed.emails, emailKey)],
    scope: widerScope(current.scope, proposed.scope),
    validFrom: validFrom ?? null,
    validUntil: validUntil ?? null,
  };
}
