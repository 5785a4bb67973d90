import { describe, expect, it } from 'vitest';
import { NAME_STRONG } from '../policy.ts';
import { parseEntryName, parseLetterName } from './parse.ts';
import { scoreName } from './score.ts';

const score = (written: string, listed: string): number => {
  const l = parseLetterName(written);
  const e = parseEntryName(listed);
  return l && e ? scoreName(l, e).score : 0;
};

describe('name scoring', () => {
  it('matches titles and initials ("Mrs J.Smith")', () => {
    expect(score('Mrs J.Smith', 'Jane Smith')).toBeGreaterThanOrEqual(NAME_STRONG);
  });

  it('matches nicknames and short forms (Peggy, Liz, Dai, Ged)', () => {
    expect(score('Peggy Hale', 'Margaret Hale')).toBeGreaterThanOrEqual(NAME_STRONG);
    expect(score('Liz Brown', 'Elizabeth Brown')).toBeGreaterThanOrEqual(NAME_STRONG);
    expect(score('Dai Rhys', 'Dafydd ap Rhys')).toBeGreaterThanOrEqual(NAME_STRONG);
    expect(score('Ged Whitfield', 'Gerard Whitfield')).toBeGreaterThanOrEqual(NAME_STRONG);
  });

  it('matches surname first, with or without a comma', () => {
    expect(score('SMITH, JANE', 'Jane Smith')).toBe(1);
    expect(score('SMITH JANE', 'Jane Smith')).toBe(1);
  });

  it('matches with the middle name present or absent', () => {
    expect(score('Jane Mary Smith', 'Jane Smith')).toBe(1);
    expect(score('Jane Smith', 'Jane Mary Smith')).toBe(1);
  });

  it('matches one part of a double-barrelled surname, and Mc/Mac and O\' forms', () => {
    expect(score('Margaret Hale', 'Margaret Okonkwo-Hale')).toBeGreaterThanOrEqual(NAME_STRONG);
    expect(score('Siobhan MacAllister', 'Siobhan McAllister')).toBe(1);
    expect(score('Kelly O Brien', "Kelly O'Brien")).toBe(1);
  });

  it('matches OCR-damaged letters (rn/m, cl/d, 1/l, 0/O)', () => {
    expect(score('Jane Srnith', 'Jane Smith')).toBe(1);
    expect(score('Claire Macl0nald', 'Claire Macdonald')).toBeGreaterThanOrEqual(NAME_STRONG);
    expect(score('Ange1a Lee', 'Angela Lee')).toBe(1);
  });

  it('does not match the same surname with another given name', () => {
    expect(score('Brenda Smith', 'Jane Smith')).toBeLessThan(NAME_STRONG);
  });

  it('does not take a middle name for the surname', () => {
    expect(score('Imran Lee Prestwich', 'Imran John Lee')).toBeLessThan(NAME_STRONG);
  });
});
