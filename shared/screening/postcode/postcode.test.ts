import { describe, expect, it } from 'vitest';
import { comparePostcode, findPostcodeInLine, readPostcode } from './postcode.ts';

const units = (s: string): string[] => readPostcode(s).map((r) => r.unit);

describe('postcode reading', () => {
  it('repairs LS6 ZAB to LS6 2AB', () => {
    expect(units('LS6ZAB')[0]).toBe('LS62AB');
  });

  it('repairs letter/digit confusions by position (O/0, I/1, S/5, B/8, G/6)', () => {
    expect(units('SW1A0AA')).toContain('SW1A0AA');
    expect(units('5WIAOAA')).toContain('SW1A0AA');
    expect(units('B8 GBB'.replace(/\s/g, ''))).toContain('B86BB');
  });

  it('keeps a reading that needs no repair first', () => {
    expect(readPostcode('M139PL')[0]).toMatchObject({ unit: 'M139PL', repairs: [] });
  });

  it('rejects areas that do not exist', () => {
    expect(units('QQ12AB')).toEqual([]);
  });

  it('finds a postcode with missing, extra or lower-case spacing at the end of a line', () => {
    expect(findPostcodeInLine('LEEDS LS62AB')?.readings[0]?.unit).toBe('LS62AB');
    expect(findPostcodeInLine('LS6  2AB')?.readings[0]?.unit).toBe('LS62AB');
    expect(findPostcodeInLine('LEEDS LS6 2AB')?.rest).toBe('LEEDS');
  });

  it('does not read a street or a town as a postcode', () => {
    expect(findPostcodeInLine('HEOL Y BONT')).toBeNull();
    expect(findPostcodeInLine('GATLEY')).toBeNull();
  });

  it('names the rival reading when a postcode could be repaired two ways', () => {
    // B51 4QR as written, or BS1 4QR after repairing 5 to S: both valid, so a match on either is ambiguous.
    const written = readPostcode('B514QR');
    expect(comparePostcode(written, 'BS14QR')).toMatchObject({ level: 'unit', rival: { unit: 'B514QR' } });
    // The postcode as written is never ambiguous, and one repair beats two (LSG 2AB is LS6 2AB).
    expect(comparePostcode(written, 'B514QR').rival).toBeUndefined();
    expect(comparePostcode(readPostcode('LSG2AB'), 'LS62AB')).toMatchObject({ level: 'unit' });
    expect(comparePostcode(readPostcode('LSG2AB'), 'LS62AB').rival).toBeUndefined();
  });

  it('compares at unit, one-character, sector and district level', () => {
    const r = readPostcode('LS62AB');
    expect(comparePostcode(r, 'LS62AB').level).toBe('unit');
    expect(comparePostcode(r, 'LS62AD').level).toBe('unit-ocr');
    expect(comparePostcode(r, 'LS62XY').level).toBe('sector');
    expect(comparePostcode(r, 'LS69XY').level).toBe('district');
    expect(comparePostcode(r, 'BD12XY').level).toBe('none');
  });
});
