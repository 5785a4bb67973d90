// Real UK address formats for the evaluation, read from the copied reference data (test/eval/data, with
// licences): Greater Manchester streets, localities, towns and postcodes (OGL v3) and Royal Mail
// formatting cases (MIT). Welsh addresses are composed from Welsh street words and real Welsh towns and
// postcode districts, because the reference data has none.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StreetPlace {
  /** Street name with its type, as the publisher wrote it ("Manchester Road East"). */
  readonly street: string;
  readonly locality: string | null;
  readonly town: string;
  readonly postcode: string;
  readonly welsh: boolean;
}

const DATA = join(import.meta.dirname, 'data');
const STREET_END = /\b(Road|Street|Avenue|Lane|Close|Drive|Way|Crescent|Grove|Place|Terrace|Gardens|Court|Square|Parade|Walk|Mews|Row|Rise|Hill|View|Green|Park|Brow|Fold|Gate|Vale|Chase|Precinct|Precincts|Broadway|Circle)\b/i;
const COUNTIES = /^(lancashire|cheshire|greater manchester|merseyside|west yorkshire|derbyshire)$/i;

/** Minimal CSV reader: quoted fields with commas, doubled quotes. */
function readCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.some((f) => f.length > 0)) rows.push(row);
      row = [];
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) { row.push(field); rows.push(row); }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries((head ?? []).map((h, i) => [h, r[i] ?? ''])));
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b([a-z])/g, (m) => m.toUpperCase());
}

function placeFrom(address: string, postcode: string): StreetPlace | null {
  const parts = address.split(',').map((p) => p.trim()).filter((p) => p.length > 0 && !p.startsWith('('));
  while (parts.length > 1 && COUNTIES.test(parts[parts.length - 1] ?? '')) parts.pop();
  if (parts.length < 2 || !/^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/.test(postcode.trim())) return null;
  const town = parts[parts.length - 1] ?? '';
  const idx = parts.findIndex((p, i) => i < parts.length - 1 && STREET_END.test(p));
  if (idx < 0) return null;
  const street = (parts[idx] ?? '').replace(/^[\d\-/ ]+[A-Za-z]?\s+/, '').trim();
  if (!STREET_END.test(street) || /\d/.test(street) || street.split(' ').length < 2) return null;
  const locality = idx + 1 < parts.length - 1 ? (parts[idx + 1] ?? null) : null;
  return { street: titleCase(street), locality: locality ? titleCase(locality) : null, town: titleCase(town), postcode: postcode.trim().toUpperCase(), welsh: false };
}

export function englishPlaces(): StreetPlace[] {
  const out: StreetPlace[] = [];
  const seen = new Set<string>();
  const add = (p: StreetPlace | null): void => {
    if (!p) return;
    const k = `${p.street}|${p.postcode}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(p);
  };
  for (const f of ['gm_dentists.csv', 'gm_pharmacies.csv', 'gm_polling_stations.csv', 'gm_gp_practices_2017-12_nhschoices.csv']) {
    for (const r of readCsv(join(DATA, 'trafford', f))) add(placeFrom(r.address ?? '', r.postcode ?? ''));
  }
  const fmt = JSON.parse(readFileSync(join(DATA, 'uk-clear-addressing/formatting.json'), 'utf8')) as {
    fixtures: { fixture: { thoroughfare?: string; dependant_locality?: string; post_town?: string; postcode?: string } }[];
  };
  for (const { fixture: f } of fmt.fixtures) {
    if (!f.thoroughfare || !f.post_town || !f.postcode) continue;
    add(placeFrom([f.thoroughfare, f.dependant_locality, f.post_town].filter(Boolean).join(', '), f.postcode));
  }
  return out;
}

const WELSH_STREETS = [
  'Heol y Bont', 'Heol yr Eglwys', 'Heol Fawr', 'Heol y Felin', 'Heol Tŷ Gwyn', 'Heol Ŵyr', 'Heol y Parc',
  'Ffordd yr Orsaf', 'Ffordd Glyndŵr', 'Ffordd y Traeth', 'Ffordd Penrhos', 'Stryd Fawr', 'Stryd y Ffynnon',
  'Stryd yr Eglwys', 'Stryd Newydd', 'Lôn Goed', 'Lôn Las', 'Lôn y Bryn', 'Lôn Ceredigion', 'Rhodfa’r Môr',
  'Rhodfa Glan yr Afon', 'Clos y Coed', 'Clos Cae Mawr', 'Clos yr Wylan', 'Llys Dewi', 'Llys y Fedwen',
  'Llys Owain', 'Maes y Llan', 'Maes yr Haf', 'Maes Glas', 'Cilgant y Lli', 'Teras Fictoria', 'Heol Llanbadarn',
];
const WELSH_TOWNS: readonly (readonly [string, string])[] = [
  ['Caerfyrddin', 'SA31'], ['Aberystwyth', 'SY23'], ['Bangor', 'LL57'], ['Caernarfon', 'LL55'], ['Llanelli', 'SA15'],
  ['Abertawe', 'SA1'], ['Caerdydd', 'CF10'], ['Casnewydd', 'NP20'], ['Wrecsam', 'LL11'], ['Aberteifi', 'SA43'],
  ['Dolgellau', 'LL40'], ['Pwllheli', 'LL53'], ['Porthmadog', 'LL49'], ['Llandudno', 'LL30'], ['Machynlleth', 'SY20'],
  ['Pontypridd', 'CF37'], ['Merthyr Tudful', 'CF47'], ['Y Drenewydd', 'SY16'], ['Hwlffordd', 'SA61'], ['Llangefni', 'LL77'],
];
const WELSH_LOCALITIES = ['Llanbadarn Fawr', 'Penparcau', 'Y Felinheli', 'Treforys', 'Pen-y-bont', 'Glanymor', 'Y Fenni'];
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export function welshPlaces(rand: () => number, count: number): StreetPlace[] {
  const out: StreetPlace[] = [];
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T;
  for (let i = 0; i < count; i++) {
    const [town, district] = pick(WELSH_TOWNS);
    const inward = `${Math.floor(rand() * 10)}${pick([...INWARD_LETTERS])}${pick([...INWARD_LETTERS])}`;
    out.push({ street: pick(WELSH_STREETS), locality: rand() < 0.25 ? pick(WELSH_LOCALITIES) : null, town, postcode: `${district} ${inward}`, welsh: true });
  }
  return out;
}

export interface NameBenchCase {
  readonly name1: string;
  readonly name2: string;
  readonly isMatch: boolean;
}

export function nameBenchPersonPairs(): NameBenchCase[] {
  return readCsv(join(DATA, 'name-bench/name_bench_cases.csv'))
    .filter((r) => r.schema === 'Person')
    .map((r) => ({ name1: r.name1 ?? '', name2: r.name2 ?? '', isMatch: r.is_match === 'true' }));
}
