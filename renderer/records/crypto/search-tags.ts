// Normalises the values the mailroom searches by (postcodes, names, postcode + house number),
// so that a tag of what an envelope says equals the tag of what the blocklist says.
import type { Sealer } from './sealer.ts';

export function normalisePostcode(text: string): string | null {
  const pc = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(pc) ? pc : null;
}

const TITLES = /\b(MR|MRS|MS|MISS|DR|MX|SIR|LADY|REV)\b\.?/g;

export function normaliseName(text: string): string | null {
  const name = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(TITLES, ' ')
    .replace(/[^A-Z ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return name.length > 0 ? name : null;
}

/** The first house number or name-number in address lines ("Flat 2, 14 Acacia Road" gives 14). */
export function houseNumber(lines: readonly string[]): string | null {
  const numbers = lines.flatMap((l) => [...l.toUpperCase().matchAll(/\b(\d+[A-Z]?)\b/g)].map((m) => m[1] ?? ''));
  return numbers.at(-1) ?? null;
}

export interface Searchable {
  readonly names?: readonly string[];
  readonly addresses?: readonly { readonly lines: readonly string[]; readonly postcode?: string | null | undefined }[];
}

export interface SearchTags {
  readonly postcodeTags: string[];
  readonly nameTags: string[];
  readonly addressTags: string[];
}

export async function searchTags(sealer: Sealer, what: Searchable): Promise<SearchTags> {
  const unique = async (kind: 'postcode' | 'name' | 'address', values: (string | null)[]) =>
    [...new Set(await Promise.all([...new Set(values.filter((v): v is string => v !== null))].map((v) => sealer.tag(kind, v))))];
  const addresses = what.addresses ?? [];
  const postcodes = addresses.map((a) => (a.postcode ? normalisePostcode(a.postcode) : null));
  return {
    postcodeTags: await unique('postcode', postcodes),
    nameTags: await unique('name', (what.names ?? []).map(normaliseName)),
    addressTags: await unique(
      'address',
      addresses.map((a, i) => {
        const pc = postcodes[i];
        const house = houseNumber(a.lines);
        return pc && house ? `${pc}|${house}` : null;
      }),
    ),
  };
}
