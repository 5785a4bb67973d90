import { describe, expect, it } from 'vitest';
import { blockEntrySchema, type BlockEntry } from '../../shared/blocklist/format.ts';
import { narrowedFields, widen } from './narrowing.ts';

const entry = (fields: Partial<BlockEntry>): BlockEntry =>
  blockEntrySchema.parse({ id: 'N-1', names: ['Jane Smith'], addresses: [{ lines: ['14 Acacia Road'], postcode: 'LS6 2AB' }], ...fields });

describe('what narrows a block', () => {
  it('treats adding names, addresses, phones and emails as widening', () => {
    const current = entry({});
    const proposed = entry({ names: ['Jane Smith', 'Jane Doe'], phones: ['07700 900123'], emails: ['j@example.org'] });
    expect(narrowedFields(current, proposed)).toEqual([]);
  });

  it('treats a changed spelling of case or spacing as the same name', () => {
    expect(narrowedFields(entry({ names: ['Jane Smith'] }), entry({ names: ['  JANE   smith '] }))).toEqual([]);
  });

  it('names each way an edit takes protection away', () => {
    const current = entry({ phones: ['07700 900123'], validUntil: null, scope: { kind: 'all-prisoners' } });
    const proposed = entry({
      names: ['Jane Doe'],
      addresses: [{ lines: ['1 Other Street'], postcode: 'LS1 1AA' }],
      phones: [],
      scope: { kind: 'prisoners', prisonNumbers: ['A1234BC'] },
      validFrom: '2027-01-01T00:00:00Z',
      validUntil: '2027-06-01T00:00:00Z',
    });
    expect(narrowedFields(current, proposed)).toEqual(['names', 'addresses', 'phones', 'scope', 'validFrom', 'validUntil']);
  });

  it('widens an edit back to everything the current block covers', () => {
    const current = entry({ phones: ['07700 900123'], scope: { kind: 'prisoners', prisonNumbers: ['A1234BC'] } });
    const proposed = entry({ names: ['Jane Doe'], scope: { kind: 'prisoners', prisonNumbers: ['B2345CD'] }, validUntil: '2027-01-01T00:00:00Z' });
    const wide = widen(current, proposed);
    expect(wide.names).toEqual(['Jane Doe', 'Jane Smith']);
    expect(wide.phones).toEqual(['07700 900123']);
    expect(wide.scope).toEqual({ kind: 'prisoners', prisonNumbers: ['B2345CD', 'A1234BC'] });
    expect(wide.validUntil).toBeNull();
    expect(narrowedFields(current, wide)).toEqual([]);
  });
});
