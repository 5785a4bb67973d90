import { describe, expect, it } from 'vitest';
import { createAesSealer } from './sealer.ts';
import { normaliseName, normalisePostcode, searchTags } from './search-tags.ts';
import { isRecordsError } from '../errors.ts';
import { testKey, VICTIM } from '../testing.ts';

describe('sealing victim data', () => {
  it('round-trips a value and never stores the same ciphertext twice', async () => {
    const sealer = await createAesSealer('k1', testKey());
    const a = await sealer.sealJson({ name: VICTIM.name }, 'blockEntries/E1');
    const b = await sealer.sealJson({ name: VICTIM.name }, 'blockEntries/E1');
    expect(await sealer.openJson(a, 'blockEntries/E1')).toEqual({ name: VICTIM.name });
    expect(a.ct).not.toEqual(b.ct);
    expect(new TextDecoder().decode(a.ct)).not.toContain('Jane');
  });

  it('refuses a sealed value moved to another record, without quoting it', async () => {
    const sealer = await createAesSealer('k1', testKey());
    const box = await sealer.sealJson({ name: VICTIM.name }, 'blockEntries/E1');
    const err = await sealer.openJson(box, 'blockEntries/E2').catch((e: unknown) => e);
    expect(isRecordsError(err, 'unreadable')).toBe(true);
    expect(String(err)).not.toContain('Jane');
  });

  it('cannot be opened under another data key', async () => {
    const one = await createAesSealer('k1', testKey(1));
    const other = await createAesSealer('k1', testKey(2));
    const box = await one.sealBytes(new Uint8Array([1, 2, 3]), 'letters/L/image');
    await expect(other.openBytes(box, 'letters/L/image')).rejects.toMatchObject({ code: 'unreadable' });
  });

  it('wipes the key material it was given', async () => {
    const material = testKey();
    await createAesSealer('k1', material);
    expect(material.every((b) => b === 0)).toBe(true);
  });

  it('tags the same postcode written two ways alike, and differently under another key', async () => {
    const one = await createAesSealer('k1', testKey(1));
    const other = await createAesSealer('k2', testKey(2));
    const a = await searchTags(one, { addresses: [{ lines: ['Flat 2', '14 Acacia Road'], postcode: 'ls6 2ab' }], names: ['Mrs Jane Smith'] });
    const b = await searchTags(one, { addresses: [{ lines: ['14 ACACIA ROAD'], postcode: 'LS62AB' }], names: ['JANE  SMITH'] });
    const c = await searchTags(other, { addresses: [{ lines: ['14 Acacia Road'], postcode: 'LS6 2AB' }] });
    expect(a.postcodeTags).toEqual(b.postcodeTags);
    expect(a.nameTags).toEqual(b.nameTags);
    expect(a.addressTags).toEqual(b.addressTags);
    expect(c.postcodeTags).not.toEqual(a.postcodeTags);
    expect(a.postcodeTags[0]).not.toContain('LS6');
  });

  it('normalises postcodes and names the way envelopes vary', () => {
    expect(normalisePostcode(' ls6 2ab ')).toBe('LS62AB');
    expect(normalisePostcode('not a postcode')).toBeNull();
    expect(normaliseName('Mrs. Siân  O\'Neill')).toBe('SIAN O NEILL');
  });
});

describe('sealed data that does not parse', () => {
  it('is reported by record and field, without the text that failed to parse', async () => {
    const sealer = await createAesSealer('k1', testKey());
    const box = await sealer.sealBytes(new TextEncoder().encode(`${VICTIM.name} is not JSON`), 'letters/L1/reading');
    const err = await sealer.openJson(box, 'letters/L1/reading').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unreadable', message: 'letters/L1/reading does not hold valid data' });
    expect(String(err)).not.toContain('Jane');
  });
});
