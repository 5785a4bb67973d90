import { describe, expect, it } from 'vitest';
import { parseAddressLines, repairNumber } from './parse.ts';

describe('address reading', () => {
  it('reads flat and house number from "Flat 2, 14 Acacia Road" and "2/14 Acacia Road"', () => {
    expect(parseAddressLines(['Flat 2', '14 Acacia Road'])).toMatchObject({ flat: '2', numbers: ['14'] });
    expect(parseAddressLines(['2/14 Acacia Road'])).toMatchObject({ flat: '2', numbers: ['14'] });
    expect(parseAddressLines(['14 Acacia Road Flat 2'])).toMatchObject({ flat: '2', numbers: ['14'] });
  });

  it('normalises street abbreviations (Rd, Ave, Gdns) to the same street', () => {
    expect(parseAddressLines(['14 Acacia Rd']).streetType).toBe('ROAD');
    expect(parseAddressLines(['3 Laburnum Gdns']).streetType).toBe('GARDENS');
    expect(parseAddressLines(['3 Laburnum Gdns']).street).toEqual(parseAddressLines(['3 LABURNUM GARDENS']).street);
  });

  it('reads Welsh street words with or without diacritics', () => {
    expect(parseAddressLines(['7 Lôn Goed']).street).toEqual(parseAddressLines(['7 LON GOED']).street);
    expect(parseAddressLines(['7 Lôn Goed']).streetType).toBe('LON');
    expect(parseAddressLines(["2 Rhodfa'r Môr"]).streetType).toBe('RHODFA');
  });

  it('reads house numbers with letters and ranges (14A, 14-16)', () => {
    expect(parseAddressLines(['14A Acacia Road']).numbers).toEqual(['14A']);
    expect(parseAddressLines(['14-16 Acacia Road']).numbers).toEqual(expect.arrayContaining(['14', '15', '16']));
  });

  it('repairs OCR damage in a house number (l4 → 14) but not in a word', () => {
    expect(repairNumber('L4')).toBe('14');
    expect(repairNumber('8EVAN')).toBeNull();
  });

  it('keeps the house name apart from the street', () => {
    expect(parseAddressLines(['Rose Cottage', '3 Mill Lane'])).toMatchObject({ numbers: ['3'] });
    expect(parseAddressLines(['Rose Cottage', '3 Mill Lane']).houseName.length).toBe(1);
  });
});
