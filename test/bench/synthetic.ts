// A synthetic national-scale blocklist and realistic OCR'd letters for the benchmark: invented people at
// invented addresses with real postcode areas, street types and Welsh forms, built from a seed.
import type { BlockEntry, Blocklist } from '../../shared/blocklist/format.ts';
import { ocrDamage } from '../eval/ocr-damage.ts';
import { mulberry32 } from '../eval/generate.ts';
import { GIVEN_NAMES, GIVEN_SHORT_FORMS, RESERVED_SURNAMES, SURNAMES } from '../eval/people.ts';

const AREAS = 'AB AL B BA BB BD BH BL BN BR BS CA CB CF CH CM CO CR CT CV CW DA DD DE DH DL DN DT DY E EC EN EX FY GL GU HA HD HG HP HR HU HX IG IP KT L LA LD LE LL LN LS LU M ME MK N NE NG NN NP NR NW OL OX PE PL PO PR RG RH RM S SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TF TN TQ TR TS TW UB W WA WD WF WN WR WS WV YO'.split(' ');
const STEMS = ('Acacia Alder Ash Beech Birch Bramble Briar Brook Cedar Cherry Chestnut Church Clover Elm Fern Hazel Heath Holly ' +
  'Ivy Juniper Laurel Linden Maple Meadow Mill Oak Orchard Park Pine Poplar Primrose Rowan Spring Station Sycamore Thorn ' +
  'Victoria Albert Queens Kings Princes Windsor York Lancaster Stanley Grange Manor Abbey Castle Bridge Market High ' +
  'Green Hill Vale Ridge Moor Marsh Field Wood Lake River Canal Quarry Forge Foundry Granary Kiln Tannery Wharf ' +
  'Brunswick Clarence Cromwell Nelson Wellington Trafalgar Waterloo Balaclava Gladstone Disraeli Peel Palmerston').split(' ');
const TYPES = ['Road', 'Street', 'Avenue', 'Lane', 'Close', 'Drive', 'Crescent', 'Grove', 'Gardens', 'Terrace', 'Court', 'Place', 'Way', 'Walk', 'Mews'];
const WELSH = ['Heol', 'Ffordd', 'Stryd', 'Lôn', 'Rhodfa', 'Clos', 'Llys', 'Maes'];
const WELSH_STEMS = ['y Bont', 'yr Eglwys', 'Fawr', 'y Felin', 'Glyndŵr', 'y Parc', 'Las', 'Goed', 'y Llan', 'Dewi', 'Owain', 'yr Orsaf'];
const TOWNS = ['Leeds', 'Bradford', 'Manchester', 'Salford', 'Bolton', 'Wigan', 'Oldham', 'Rochdale', 'Stockport', 'Bury', 'Sheffield',
  'Rotherham', 'Doncaster', 'Barnsley', 'Wakefield', 'Huddersfield', 'Halifax', 'York', 'Hull', 'Lincoln', 'Nottingham', 'Derby',
  'Leicester', 'Coventry', 'Birmingham', 'Wolverhampton', 'Walsall', 'Dudley', 'Bristol', 'Bath', 'Exeter', 'Plymouth', 'Cardiff',
  'Swansea', 'Newport', 'Wrexham', 'Bangor', 'Aberystwyth', 'Carmarthen', 'Liverpool', 'Chester', 'Preston', 'Blackburn',
  'Lancaster', 'Carlisle', 'Newcastle upon Tyne', 'Sunderland', 'Durham', 'Middlesbrough', 'Norwich', 'Ipswich', 'Cambridge',
  'Oxford', 'Reading', 'Southampton', 'Portsmouth', 'Brighton', 'Canterbury', 'London', 'Croydon', 'Romford', 'Luton'];
const INWARD = 'ABDEFGHJLNPQRSTUWXYZ';

export interface BenchAddress { flat: string | null; number: string; street: string; town: string; postcode: string }
export interface BenchPerson { given: string; surname: string }

// Name and street diversity like a national list's: a head of common names drawn often, and a long
// tail built from English name parts drawn rarely (the UK has some 270,000 surnames; the 500 commonest
// cover under half of people). A list of a million people with a few hundred surnames would make every
// letter a namesake of thousands of entries, which no real list does.
const SURNAME_HEADS = ('Ash Brad Brook Bur Cal Clay Cot Craw Cross Dal Dun East Ems Fair Farn Fen Ford Gar Glad Good Green ' +
  'Hal Ham Har Hart Hay Hol Hud Kel Ken Kings Lang Lin Marl Mid Mor New Nor Oak Pen Pil Rad Ram Red Ros Rush Sal ' +
  'Shel Sher Stan Stock Sud Sun Thorn Tod Wal War Wes Whit Wil Win Wood Wor Yar').split(' ');
const SURNAME_TAILS = ('by bury combe croft dale den don field ford gate ham hurst ington ingham land ley low man mere ' +
  'more ridge sby shaw stead ston thorpe ton well wick win wood worth').split(' ');
const GIVEN_TAIL = ('Abi Ada Aled Alys Anwen Arlo Bryn Cai Cara Cian Dara Dewi Eira Elis Enid Evie Ffion Gethin Greta ' +
  'Hari Idris Ines Isla Jago Jude Kit Lowri Macsen Mali Nell Nia Orla Osian Rhys Rory Seren Tegan Tomos Wren Zara ' +
  'Anil Arjun Bilal Chen Dev Farah Hamza Ibrahim Jia Kiran Leila Maya Mei Nadia Omar Ravi Sana Tariq Yusuf Zain').split(' ');
const STEM_TAILS = ['', '', '', 'field', 'wood', 'dale', 'croft', 'hurst', 'lea', 'mead', 'ley', 'bank', 'side', 'moor', 'brook', 'ford', 'holme', 'stone', 'thorpe', 'wick'];

function surnameOf(rand: () => number): string {
  const r = rand();
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T;
  if (r < 0.35) return pick(SURNAMES);
  if (r < 0.45) return pick(RESERVED_SURNAMES);
  const base = pick(SURNAME_HEADS) + pick(SURNAME_TAILS);
  return r < 0.75 ? base : `${base}${pick(['e', 's', 'er', 'en', 'ey', 'ing'])}`.replace(/(.)\1\1/, '$1$1');
}

function givenOf(rand: () => number): string {
  return rand() < 0.8 ? (GIVEN_NAMES[Math.floor(rand() * GIVEN_NAMES.length)] as string) : (GIVEN_TAIL[Math.floor(rand() * GIVEN_TAIL.length)] as string);
}

export function syntheticList(size: number, seed = 7): { list: Blocklist; people: BenchPerson[]; homes: BenchAddress[] } {
  const rand = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T;
  const entries: BlockEntry[] = [];
  const people: BenchPerson[] = [];
  const homes: BenchAddress[] = [];
  for (let i = 0; i < size; i++) {
    const p = { given: givenOf(rand), surname: rand() < 0.05 ? `${surnameOf(rand)}-${surnameOf(rand)}` : surnameOf(rand) };
    const h = randomAddress(rand);
    people.push(p);
    homes.push(h);
    entries.push({
      id: `B${String(i).padStart(7, '0')}`,
      names: rand() < 0.2 ? [`${p.given} ${p.surname}`, `${pick(GIVEN_SHORT_FORMS[p.given] ?? [p.given])} ${p.surname}`] : [`${p.given} ${p.surname}`],
      addresses: [{ lines: [...(h.flat ? [`Flat ${h.flat}`] : []), `${h.number} ${h.street}`], town: h.town, postcode: h.postcode }],
      phones: [], emails: [],
      scope: rand() < 0.05 ? { kind: 'prisoners', prisonNumbers: ['A1234BC'] } : { kind: 'all-prisoners' },
      requestedBy: 'victim', validFrom: '2026-01-01T00:00:00Z', validUntil: null,
    });
  }
  return { list: { format: 'mailroom-blocklist/v1', version: 1, entries }, people, homes };
}

export function randomAddress(rand: () => number): BenchAddress {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T;
  const welsh = rand() < 0.08;
  const area = welsh ? pick(['CF', 'SA', 'LL', 'NP', 'SY', 'LD']) : pick(AREAS);
  const district = 1 + Math.floor(rand() * (area.length === 1 ? 40 : 30));
  const postcode = `${area}${district} ${Math.floor(rand() * 10)}${pick([...INWARD])}${pick([...INWARD])}`;
  const street = welsh ? `${pick(WELSH)} ${pick(WELSH_STEMS)}` : `${pick(STEMS)}${pick(STEM_TAILS)} ${pick(TYPES)}`;
  const n = 1 + Math.floor(rand() * 250);
  return { flat: rand() < 0.15 ? String(1 + Math.floor(rand() * 20)) : null, number: rand() < 0.05 ? `${n}A` : String(n), street, town: pick(TOWNS), postcode };
}

/** Letters as they come off the reader: half to listed people or addresses (with variants and OCR damage),
 * half to others; a third with a return address and a banner. */
export function syntheticLetters(count: number, people: readonly BenchPerson[], homes: readonly BenchAddress[], seed = 11): string[] {
  const rand = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const listed = rand() < 0.5;
    const k = Math.floor(rand() * people.length);
    const h = listed ? (homes[k] as BenchAddress) : randomAddress(rand);
    const p = people[listed ? k : Math.floor(rand() * people.length)] as BenchPerson;
    const name = rand() < 0.15 ? 'The Occupier' : rand() < 0.3 ? `Mrs ${p.given[0]} ${p.surname}` : `${p.given} ${p.surname}`;
    const lines = [name, ...(h.flat && rand() < 0.7 ? [`Flat ${h.flat}`] : []), `${h.number} ${h.street}`, h.town, h.postcode];
    let text = lines.join('\n');
    if (rand() < 0.33) text = `PRIVATE & CONFIDENTIAL\n\nFrom: A${1000 + Math.floor(rand() * 8999)}BC\nHMP Leeds\n2 Gloucester Terrace\nLeeds LS12 2TJ\n\n${text}`;
    const edits = Math.floor(rand() * 4);
    out.push(edits > 0 ? ocrDamage(text, edits, rand) : text);
    if (rand() < 0.02) out[out.length - 1] = pick(['asdf ghjk', '||| ||| 0123', 'Jane']);
  }
  return out;
}
