// A second look at handwriting OCR could not read with confidence: what the blocklist holds decides
// whether the damaged read may be screened as read, or stays REVIEW.
import { describe, expect, it } from 'vitest';
import { blocklistSchema } from '../blocklist/format.ts';
import { editsWithin, knowledgeOf, LOW_CONFIDENCE_ADDRESSEE, MIN_SECOND_LOOK_CONFIDENCE, secondLook, withSecondLook } from './second-look.ts';

const list = blocklistSchema.parse({
  format: 'mailroom-blocklist/v1',
  version: 1,
  entries: [
    { id: 'B-1', names: ['Zara Holroyd'], addresses: [{ lines: ['49 Rectory Lane'], town: 'Wakefield', postcode: 'WF11 8LU' }], requestedBy: 'victim' },
    { id: 'B-2', names: ['Idris Kowalczyk'], addresses: [{ lines: ['95 Moorland View'], town: 'York', postcode: 'YO3 1XE' }], requestedBy: 'victim' },
  ],
});
const knowledge = knowledgeOf(list);
const look = (addresseeText: string, confidence = 0.45) => secondLook({ addresseeText, confidence }, knowledge);

describe('second look at a low-confidence addressee', () => {
  it('lets a full read far from every listed entry be screened as read', () => {
    expect(look('Niss Geace Thowps\n77 Willow Crescent\nWkefeld\nWE 4XE').decision).toBe('screen-as-read');
  });

  it('stays REVIEW when a damaged street comes near a listed one ("Retry Lare" for Rectory Lane)', () => {
    expect(look('Zura fotend\n17 Retry Lare\nWakefield\nwrit su')).toEqual({ decision: 'review', reason: 'a word near a listed name or street' });
  });

  it('stays REVIEW when a damaged name comes near a listed one, digits read for letters included', () => {
    expect(look('Weis K0wa1czyk\n12 Albert Terrace\nYok\nAB1 2CD').decision).toBe('review');
  });

  it('stays REVIEW when a damaged postcode is within two look-alike edits of a listed one', () => {
    // "Y03 XE": a digit for a letter and a dropped digit away from YO3 1XE.
    expect(look('Mr A Brown\n68 Albert Terrace\nYok\nY03 XE')).toEqual({ decision: 'review', reason: 'a postcode near a listed postcode' });
  });

  it('holds a well-formed postcode to the engine gate: one edit from a listed one is near, two are not', () => {
    expect(look('Mr A Brown\n12 Albert Terrace\nYork\nYO3 1XF').decision).toBe('review');
    expect(look('Mr A Brown\n12 Albert Terrace\nYork\nYO3 2XF').decision).toBe('screen-as-read');
  });

  it('does not take the listed town as evidence: everyone in Wakefield shares it', () => {
    expect(look('Mr A Brown\n12 Albert Terrace\nWakefield\nWF2 4XE').decision).toBe('screen-as-read');
  });

  it('stays REVIEW when too little was read to judge, however far from the list', () => {
    expect(look('Mr A Brown\n12 Albert Terrace\nWF2 4XE', MIN_SECOND_LOOK_CONFIDENCE - 0.01)).toEqual({ decision: 'review', reason: 'confidence too low to judge' });
    expect(look('Mr A Brown\nWF2 4XE')).toEqual({ decision: 'review', reason: 'too few lines read' });
    expect(look('Mr A Brown\nAlbert Terrace\nLeeds\nWF2 4XE')).toEqual({ decision: 'review', reason: 'no street line read' });
  });

  it('knows no victim data beyond names, streets and postcodes, folded', () => {
    expect(knowledge.words).toContain('HOIROYD');
    expect(knowledge.words).not.toContain('WAKEFIEID');
    expect(knowledge.postcodes).toContain('WFIIBIU');
  });

  it('counts edits and gives up past the limit', () => {
    expect(editsWithin('RETRY', 'RECTORY', 2)).toBe(2);
    expect(editsWithin('SMITH', 'JONES', 2)).toBe(3);
  });
});

describe('a page given the second look where the list is known only after reading (the app)', () => {
  const page = (addresseeText: string | null, unreadable: string | null = LOW_CONFIDENCE_ADDRESSEE) => ({ text: addresseeText ?? '', addresseeText, unreadable, confidence: 0.45 });

  it('screens a full low-confidence read far from the list as read', () => {
    expect(withSecondLook(page('Niss Geace Thowps\n77 Willow Crescent\nWkefeld\nWE 4XE'), knowledge).unreadable).toBeNull();
  });

  it('keeps the unreadable mark on a read near a listed street', () => {
    expect(withSecondLook(page('Zura fotend\n17 Retry Lare\nWakefield\nwrit su'), knowledge).unreadable).toBe(LOW_CONFIDENCE_ADDRESSEE);
  });

  it('never touches a page where no addressee was found, or one without the addressee text', () => {
    expect(withSecondLook(page('Niss Geace Thowps\n77 Willow Crescent\nWkefeld\nWE 4XE', 'no addressee found'), knowledge).unreadable).toBe('no addressee found');
    expect(withSecondLook(page(null), knowledge).unreadable).toBe(LOW_CONFIDENCE_ADDRESSEE);
  });
});
