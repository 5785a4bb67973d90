// When a sure fast-model read is still read again by best_int: its postcode is no postcode.
import { describe, expect, it } from 'vitest';
import { postcodeDoubtful, postcodesDisagree } from './read-page.ts';
import type { OcrLine } from './types.ts';

const box = { x: 0, y: 0, width: 10, height: 10 };
const lines = (...texts: string[]): OcrLine[] => texts.map((text) => ({ text, confidence: 0.95, box, words: [] }));

describe('a fast read whose postcode is no postcode', () => {
  it('is doubted when the postcode-shaped line names no real area, even after the engine would repair it', () => {
    expect(postcodeDoubtful(lines('Ms B Lewis', '133 Mill Road', 'Wakefield', 'WE3 5TQ'))).toBe(true);
  });

  it('is trusted when the postcode is real as read or after a repair the engine makes (S for 5, O for 0)', () => {
    expect(postcodeDoubtful(lines('Ms B Lewis', '133 Mill Road', 'Wakefield', 'WF3 5TQ'))).toBe(false);
    expect(postcodeDoubtful(lines('Dr A Kaur', '88 Bridge Street', 'Hull HUS 3WD'))).toBe(false);
    expect(postcodeDoubtful(lines('J Smith', '14 Acacia Road', 'Leeds', 'LS6 2AB'))).toBe(false);
  });

  it('is not doubted for having no postcode-shaped line at all (the engine handles a missing postcode)', () => {
    expect(postcodeDoubtful(lines('J Smith', '14 Acacia Road', 'Leeds'))).toBe(false);
  });
});

describe('a postcode line best_int read again on its own', () => {
  const fast = lines('Mrs O Hussain', '36 Orchard Way', 'Swansea', 'SA18 4ZD');

  it('contradicts the fast read when it reads another real postcode, or none', () => {
    expect(postcodesDisagree(fast, [...fast.slice(0, 3), ...lines('SA18 47D')])).toBe(true);
    expect(postcodesDisagree(fast, [...fast.slice(0, 3), ...lines('SA18 4')])).toBe(true);
  });

  it('agrees when both read the same postcode, as read or after a repair (O for 0)', () => {
    expect(postcodesDisagree(fast, [...fast.slice(0, 3), ...lines('SA18 4ZD')])).toBe(false);
    const york = lines('J Smith', 'York', 'YO10 0HB');
    expect(postcodesDisagree(york, [...york.slice(0, 2), ...lines('YO10 OHB')])).toBe(false);
  });

  it('does not contradict a fast postcode that was no postcode, nor a postcode line the fast model was sure of', () => {
    const wakefield = lines('Ms B Lewis', 'Wakefield', 'WE3 5TQ');
    expect(postcodesDisagree(wakefield, [...wakefield.slice(0, 2), ...lines('WF3 5TQ')])).toBe(false);
    expect(postcodesDisagree(fast, [...lines('Mrs O Hussaln'), ...fast.slice(1)])).toBe(false);
  });
});
