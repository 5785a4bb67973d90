// The build's quick paths for the commonest listed forms (a two-word name, a numbered street line under
// an optional flat line, a postcode typed as it should be) must read every entry exactly as the general
// readers do: the evaluation set's and the bench's listed names, addresses and postcodes, and forms chosen
// to sit on the edge of each quick path, are read both ways and compared.
import { describe, expect, it } from 'vitest';
import { parseAddressLines, parseListedAddress } from '../../shared/screening/address/parse.ts';
import { parseEntryName, readEntryName, type EntryName } from '../../shared/screening/names/parse.ts';
import { normaliseAnyListedPostcode, normaliseListedPostcode } from '../../shared/screening/postcode/postcode.ts';
import type { BlockEntry } from '../../shared/blocklist/format.ts';
import { syntheticList } from '../bench/synthetic.ts';
import { generateEvalSet } from './generate.ts';

const listed: BlockEntry[] = [...generateEvalSet(20261128, 1000, 10).blocklist.entries, ...syntheticList(5000, 3).list.entries];

const view = (n: EntryName | null): unknown =>
  n && {
    display: n.display, given: n.given, givenSkeletons: n.givenSkeletons, surnameParts: n.surnameParts, surname: n.surname,
    surnameSounds: n.surnameSounds, initials: n.initials, surnameId: n.surnameId, givenId: n.givenId,
  };

describe('the build reads listed entries the quick way exactly as the general readers do', () => {
  it('names: every listed name, and titles, joiners, particles and MAC forms at the edge of the quick path', () => {
    const names = listed.flatMap((e) => e.names);
    names.push('Mr Smith', 'Jane Lord', 'Jane Master', 'Mac Donald', 'Mc Bride', 'De Souza', 'Van Dyke', 'Ap Rhys', 'Macsen Jones',
      'Jane Macdonald', 'O Brien', 'M Smith', 'Jo Li', 'Occupier Smith', 'Jane Smith-Jones', 'Jane', 'Anne Marie Smith', 'Miss Havisham');
    expect(names.length).toBeGreaterThan(5000);
    for (const name of names) expect(view(parseEntryName(name)), name).toEqual(view(readEntryName(name)));
  });

  it('addresses: every listed address, and numbered lines the quick path must leave to the general reader', () => {
    const addresses = listed.flatMap((e) => e.addresses.map((a) => a.lines));
    addresses.push(['14 Acacia Road'], ['14A Acacia Road'], ['14a Acacia Road'], ['14, Acacia Road'], ['14  Acacia Road'], ['14 A Acacia Road'],
      ['14 The Close'], ['14 Close'], ['14 Acacia Road 2'], ['14 Acacia-Road'], ['14 Acacia Rd/2'], ['Flat 2', '14 Acacia Road'],
      ['Flat 2', '14 The Close'], ['Flat 2', '14 Close'], ['Rose Cottage', '14 Acacia Road'], ['Flat 2 Rose Court', '14 Acacia Road'],
      ['Apartment 3', '9 Heol y Bont'], ["2 Rhodfa'r Môr"], ['7 Lôn Goed'], ['0 Acacia Road'], ['12345 Acacia Road'], ['14 Acacia Road Flat 2'],
      ['14 Flat Acacia'], ['Flat A', '14 Acacia Road'], ['3', '14 Acacia Road'], ['14-16 Acacia Road'], ['2/14 Acacia Road']);
    expect(addresses.length).toBeGreaterThan(5000);
    for (const lines of addresses) expect(parseListedAddress(lines), lines.join(' / ')).toEqual(parseAddressLines(lines, true));
  });

  it('postcodes: every listed postcode, and writings the quick path must leave to the general reader', () => {
    const postcodes = listed.flatMap((e) => e.addresses.flatMap((a) => (a.postcode ? [a.postcode] : [])));
    postcodes.push('LS6 2AB', 'W1A 0AX', 'EC1A 1BB', 'ls6 2ab', 'LS62AB', 'XX1 1AA', 'M1 1AE', 'DN55 1PT', 'SW1A 2AA', 'LS6  2AB',
      'ABC 1DE', 'LS6 2A8', 'LS6 ZAB', 'Q1 1AA', 'E1W 1AA', 'L1 8JQ', 'LSA 2AB', 'L 2AB', 'LS6 2AB ', ' LS6 2AB', 'LS16A 2AB', '');
    expect(postcodes.length).toBeGreaterThan(5000);
    for (const p of postcodes) expect(normaliseListedPostcode(p), p).toBe(normaliseAnyListedPostcode(p));
  });
});
