// Seeded generator of the labelled evaluation set: a blocklist of invented people at real UK street
// addresses, and letters to them (must stop), to others (must clear) and the two kinds reported apart.
// Each letter has one variant kind, or several combined; OCR damage is applied as a reader would.
// The hidden set is built the same way with another seed: tune for kinds of variation, not samples.
import { distance } from 'fastest-levenshtein';
import type { BlockEntry, Blocklist } from '../../shared/blocklist/format.ts';
import { englishPlaces, welshPlaces, type StreetPlace } from './sources.ts';
import { FORMER_SURNAMES, GIVEN_NAMES, GIVEN_SHORT_FORMS, MIDDLE_NAMES, PRISONS, RESERVED_SURNAMES, SURNAMES } from './people.ts';
import { ocrDamage } from './ocr-damage.ts';
import { seededRandom } from '../support/random.ts';

/** `heavy-stop` / `heavy-clear`: letters under heavy OCR damage (a handwritten envelope: four to eight
 * edits anywhere), reported in a section of their own and not counted in the targets. */
export type Expect = 'stop' | 'clear' | 'apart' | 'heavy-stop' | 'heavy-clear';

export interface EvalLetter {
  readonly id: string;
  readonly text: string;
  readonly sender?: string;
  readonly kind: string;
  readonly expect: Expect;
}

export interface EvalSet {
  readonly blocklist: Blocklist;
  readonly letters: readonly EvalLetter[];
}

/** The seeded PRNG every generated test set uses. */
export const mulberry32 = seededRandom;

interface Person { given: string; middle: string | null; surname: string }
interface Home { flat: string | null; number: string | null; houseName: string | null; place: StreetPlace }
interface Victim { entry: BlockEntry; person: Person; alias: string | null; home: Home }

const STREET_ABBREV: Readonly<Record<string, string>> = {
  Road: 'Rd', Street: 'St', Avenue: 'Ave', Crescent: 'Cres', Close: 'Cl', Gardens: 'Gdns', Terrace: 'Terr',
  Court: 'Ct', Lane: 'Ln', Grove: 'Gr', Drive: 'Dr', Place: 'Pl', Square: 'Sq', Parade: 'Pde',
};
const HOUSE_NAMES = ['Rose Cottage', 'The Willows', 'Ivy House', 'Fernlea', 'Bryn Awel', 'Hafod', 'Orchard View', 'The Old Forge', 'Ty Gwyn', 'Meadowbank'];
const BANNERS = ['PRIVATE & CONFIDENTIAL', 'URGENT', 'By Hand', 'FIRST CLASS', 'Private and Confidential', 'PERSONAL', 'Royal Mail 2nd Class'];
const NOISE = ['||| || |||| | ||', '4 015678 902315', '*** ** ****', '0123456789012'];

export function generateEvalSet(seed: number, entryCount = 1000, perKind = 120): EvalSet {
  const rand = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T;
  const chance = (p: number): boolean => rand() < p;

  // Places: blocked ones for the list, free ones (other postcode units) for everyone else.
  // Prisons' own streets are left out: the return address must not be a victim's street by accident.
  const prisonStreets = new Set(PRISONS.flatMap((p) => p.map((l) => l.replace(/^\d+\s+/, '').toUpperCase())));
  const places = [...englishPlaces(), ...welshPlaces(rand, 400)].filter((p) => !prisonStreets.has(p.street.toUpperCase()));
  const units = [...new Set(places.map((p) => p.postcode))].sort();
  const blockedUnits = new Set(units.filter(() => chance(0.55)));
  const blockedPlaces = places.filter((p) => blockedUnits.has(p.postcode));
  const outward = (pc: string): string => pc.split(' ')[0] ?? pc;
  // Free places are on streets with no blocked unit in the same town: a letter to a blocked street is a
  // neighbour (reported apart), never an unrelated letter.
  const key = (...parts: string[]): string => parts.join('|').toUpperCase()
    .replace(/\b(RD)\b/g, 'ROAD').replace(/\b(ST)$/g, 'STREET').replace(/\bAVE\b/g, 'AVENUE').replace(/\bLN\b/g, 'LANE')
    .replace(/[^A-Z0-9|]/g, '');
  const areas = (p: StreetPlace): string[] => [p.town, outward(p.postcode), ...(p.locality ? [p.locality] : [])];
  const blockedStreetTowns = new Set(blockedPlaces.flatMap((p) => areas(p).map((a) => key(p.street, a))));
  const freePlaces = places.filter((p) => !blockedUnits.has(p.postcode) && !areas(p).some((a) => blockedStreetTowns.has(key(p.street, a))));
  // Surnames of people who are not on the list (letter writers' other correspondents).
  const victimSurnames = SURNAMES.filter((_, i) => i % 5 !== 0);
  // ...and not within one letter of a victim's (CLARKE / CLARK would rightly match).
  const otherSurnames = SURNAMES.filter((o, i) => i % 5 === 0 && victimSurnames.every((v) => distance(o.toUpperCase(), v.toUpperCase()) > 1));

  const person = (surnames: readonly string[] = SURNAMES): Person => {
    let surname = pick(surnames);
    if (chance(0.06)) surname = `${pick(surnames)}-${pick(surnames)}`;
    else if (chance(0.02)) surname = `ap ${pick(surnames === otherSurnames ? ['Iorwerth', 'Hywel'] : ['Rhys', 'Gwilym', 'Dafydd'])}`;
    return { given: pick(GIVEN_NAMES), middle: chance(0.3) ? pick(MIDDLE_NAMES) : null, surname };
  };
  const fullName = (p: Person): string => [p.given, p.middle, p.surname].filter(Boolean).join(' ');
  const houseNumber = (): string => {
    const n = 1 + Math.floor(rand() * 180);
    if (chance(0.08)) return `${n}${pick(['A', 'B', 'C'])}`;
    if (chance(0.03)) return `${n}-${n + 2}`;
    return String(n);
  };
  const home = (place: StreetPlace): Home => {
    const named = chance(0.1);
    return {
      flat: chance(0.22) ? String(1 + Math.floor(rand() * 12)) + (chance(0.1) ? 'A' : '') : null,
      number: named && chance(0.5) ? null : houseNumber(),
      houseName: named ? pick(HOUSE_NAMES) : null,
      place,
    };
  };
  const entryLines = (h: Home): string[] => [
    ...(h.flat ? [`Flat ${h.flat}`] : []),
    ...(h.houseName ? [h.houseName] : []),
    h.number ? `${h.number} ${h.place.street}` : h.place.street,
    ...(h.place.locality ? [h.place.locality] : []),
  ];

  // The blocklist: each victim at a postcode unit of their own and with a name of their own, as on a real
  // list, so that a letter to one victim is not, by construction, a neighbour of another.
  const victims: Victim[] = [];
  const byUnit = new Map<string, StreetPlace[]>();
  for (const p of blockedPlaces) byUnit.set(p.postcode, [...(byUnit.get(p.postcode) ?? []), p]);
  const victimUnits = [...byUnit.keys()].sort(() => rand() - 0.5);
  const usedNames = new Set<string>();
  const usedStreets = new Set<string>();
  let unitCursor = 0;
  const streetOf = (unit: string): string => {
    const p = byUnit.get(unit)?.[0];
    return p ? `${p.street}|${outward(p.postcode)}`.toUpperCase() : unit;
  };
  // Entries for one prisoner only, and lapsed entries, get surnames no other entry has: letters to them
  // must clear for another sender or after the end date, and must not stop for a namesake instead.
  const reserved = RESERVED_SURNAMES.filter((r, i) => victimSurnames.every((v) => distance(r.toUpperCase(), v.toUpperCase()) > 1) &&
    RESERVED_SURNAMES.every((o, j) => j >= i || distance(r.toUpperCase(), o.toUpperCase()) > 1));
  const kindOf = (): 'active' | 'scoped' | 'expired' => { const r = rand(); return r < 0.06 ? 'scoped' : r < 0.1 ? 'expired' : 'active'; };
  const entryKinds: ('active' | 'scoped' | 'expired')[] = [];
  for (let i = 0; i < entryCount; i++) {
    const kind = reserved.length > 0 ? kindOf() : 'active';
    entryKinds.push(kind);
    let p = kind === 'active' ? person(victimSurnames) : { ...person(victimSurnames), surname: reserved.shift() ?? 'Reserved' };
    while (usedNames.has(`${p.given} ${p.surname}`)) p = person(victimSurnames);
    usedNames.add(`${p.given} ${p.surname}`);
    // One victim per street and town where the data allows: two victims on one street are neighbours.
    let unit = victimUnits[unitCursor++] ?? '';
    while (unitCursor < victimUnits.length && usedStreets.has(streetOf(unit))) unit = victimUnits[unitCursor++] ?? '';
    if (usedStreets.has(streetOf(unit)) || unit === '') break; // no street left without a victim: a shorter list
    usedStreets.add(streetOf(unit));
    const h = home(byUnit.get(unit)?.[0] ?? pick(blockedPlaces));
    let alias: string | null = null;
    if (chance(0.25)) alias = chance(0.5) ? `${p.given} ${pick(FORMER_SURNAMES)}` : `${pick(GIVEN_SHORT_FORMS[p.given] ?? [p.given])} ${p.surname}`;
    const entry: BlockEntry = {
      id: `EVAL-${String(i + 1).padStart(5, '0')}`,
      names: alias ? [fullName(p), alias] : [fullName(p)],
      addresses: [{ lines: entryLines(h), town: h.place.town, postcode: h.place.postcode }],
      phones: [], emails: [],
      scope: { kind: 'all-prisoners' },
      requestedBy: 'victim', validFrom: '2026-01-01T00:00:00Z', validUntil: null,
    };
    victims.push({ entry, person: p, alias, home: h });
  }
  const scoped = victims.filter((_, i) => entryKinds[i] === 'scoped');
  for (const v of scoped) v.entry = { ...v.entry, scope: { kind: 'prisoners', prisonNumbers: ['A1234BC'] } };
  const expired = victims.filter((_, i) => entryKinds[i] === 'expired');
  for (const v of expired) v.entry = { ...v.entry, validUntil: '2026-06-01T00:00:00Z' };
  const active = victims.filter((v) => v.entry.scope.kind === 'all-prisoners' && !v.entry.validUntil);
  // A victim whose letters must clear (expired, another prisoner's) must not share a surname with an
  // active entry: such a letter would rightly stop for the other victim.
  const surnameParts = (name: string): string[] => name.toUpperCase().split(/[\s-]+/).slice(1);
  const activeSurnames = new Set(active.flatMap((v) => v.entry.names.flatMap(surnameParts)));
  const alone = (v: Victim): boolean => !v.entry.names.flatMap(surnameParts).some((s) => activeSurnames.has(s));

  // Label hygiene for letters that must clear: no blocked premises, no blocked name in a blocked area.
  const blockedStreets = new Set(victims.map((v) => `${v.home.place.street}|${v.home.number ?? ''}|${v.home.place.town}`.toUpperCase()));
  const nameAreas = new Set<string>();
  for (const v of victims) {
    for (const n of v.entry.names) {
      const parts = n.toUpperCase().split(/\s+/);
      nameAreas.add(`${parts[parts.length - 1]}|${(parts[0] ?? '')[0]}|${outward(v.home.place.postcode)}`);
      nameAreas.add(`${parts[parts.length - 1]}|${(parts[0] ?? '')[0]}|${v.home.place.town.toUpperCase()}`);
    }
  }
  const blockedFullNames = new Set(victims.flatMap((v) => v.entry.names.map((n) => n.toUpperCase())));
  /**
   * A victim's street and number moved to another town and postcode, or null when another victim
   * lives at that street and number there: no name could make that letter clear (and cleanPair
   * would retry for ever).
   */
  const sameStreetOtherTown = (): Home | null => {
    const v = pick(active);
    const other = freePlaces.filter((p) => key(p.town) !== key(v.home.place.town) && outward(p.postcode) !== outward(v.home.place.postcode));
    const pl = pick(other);
    const h: Home = { ...v.home, place: { ...v.home.place, town: pl.town, postcode: pl.postcode, locality: null } };
    return blockedStreets.has(`${h.place.street}|${h.number ?? ''}|${h.place.town}`.toUpperCase()) ? null : h;
  };
  const clashes = (p: Person, h: Home): boolean => {
    const s = p.surname.toUpperCase().split(/\s+/).pop() ?? '';
    const forms = [p.given, ...(GIVEN_SHORT_FORMS[p.given] ?? [])].map((g) => g[0]?.toUpperCase() ?? '');
    return forms.some((i) => nameAreas.has(`${s}|${i}|${outward(h.place.postcode)}`) || nameAreas.has(`${s}|${i}|${h.place.town.toUpperCase()}`)) ||
      blockedFullNames.has(`${p.given} ${p.surname}`.toUpperCase()) || blockedFullNames.has(fullName(p).toUpperCase()) ||
      blockedStreets.has(`${h.place.street}|${h.number ?? ''}|${h.place.town}`.toUpperCase());
  };

  // Rendering an envelope.
  interface Style {
    name: string | null; flatForm: number; abbreviate: boolean; upper: boolean; lower: boolean; commas: boolean;
    postcodeForm: number; postcodeOcr: boolean; dropTown: boolean; extraLocality: boolean; dropHouseName: boolean;
    wrap: boolean; ocr: number; oneLine: boolean;
  }
  const plain = (name: string | null): Style => ({
    name, flatForm: 0, abbreviate: false, upper: false, lower: false, commas: false, postcodeForm: 0, postcodeOcr: false,
    dropTown: false, extraLocality: false, dropHouseName: false, wrap: false, ocr: 0, oneLine: false,
  });
  const POSTCODE_CONFUSE: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B', '2': 'Z', '6': 'G', O: '0', I: '1', S: '5', B: '8', Z: '2', G: '6' };
  const render = (h: Home, st: Style): string => {
    const lines: string[] = [];
    if (st.name) lines.push(st.name);
    const street = st.abbreviate ? h.place.street.replace(/\b(\w+)$/, (w) => STREET_ABBREV[w] ?? w) : h.place.street;
    const streetLine = h.number ? `${h.number} ${street}` : street;
    if (h.houseName && !(st.dropHouseName && h.number)) lines.push(h.houseName);
    if (h.flat) {
      switch (st.flatForm) {
        case 1: lines.push(`Flat ${h.flat}, ${streetLine}`); break;
        case 2: lines.push(h.number ? `${h.flat}/${streetLine}` : `Flat ${h.flat}`, ...(h.number ? [] : [streetLine])); break;
        case 3: lines.push(`${streetLine} Flat ${h.flat}`); break;
        case 4: lines.push(`Apartment ${h.flat}`, streetLine); break;
        case 5: lines.push(streetLine); break;
        default: lines.push(`Flat ${h.flat}`, streetLine);
      }
    } else lines.push(streetLine);
    if (h.place.locality && !st.dropTown) lines.push(h.place.locality);
    if (st.extraLocality) lines.push(pick(['Town Centre', 'Lower Side', 'Westfield', 'Hillside', 'Brookside']));
    let pc = h.place.postcode;
    if (st.postcodeOcr) {
      const chars = [...pc];
      const idx = chars.map((c, i) => (POSTCODE_CONFUSE[c] ? i : -1)).filter((i) => i >= 0);
      for (let k = 0; k < 1 + Math.floor(rand() * 2) && idx.length > 0; k++) {
        const i = idx.splice(Math.floor(rand() * idx.length), 1)[0] ?? 0;
        chars[i] = POSTCODE_CONFUSE[chars[i] ?? ''] ?? chars[i] ?? '';
      }
      pc = chars.join('');
    }
    switch (st.postcodeForm) {
      case 1: pc = pc.replace(' ', ''); break;
      case 2: pc = pc.replace(' ', '  '); break;
      case 3: pc = pc.toLowerCase(); break;
      default: break;
    }
    if (st.dropTown) lines.push(pc);
    else if (chance(0.5)) lines.push(h.place.town, pc);
    else lines.push(`${h.place.town} ${pc}`);
    let out = lines;
    if (st.commas) out = out.map((l, i) => (i < out.length - 1 ? `${l},` : l));
    let text = st.oneLine ? out.join(', ') : out.join('\n');
    if (st.upper) text = text.toUpperCase();
    if (st.lower) text = text.toLowerCase();
    if (st.wrap) text = wrap(text);
    if (st.ocr > 0) text = ocrDamage(text, st.ocr, rand);
    return text;
  };
  const wrap = (addressee: string): string => {
    const prison = pick(PRISONS);
    const sender = [`From: ${fullName(person(FORMER_SURNAMES))} A${1000 + Math.floor(rand() * 8999)}${pick(['BC', 'XY', 'DE', 'KL'])}`, ...prison];
    const label = pick(['', 'If undelivered return to:\n', 'Sender:\n']);
    const senderText = label ? `${label}${sender.slice(1).join('\n')}` : sender.join('\n');
    const parts = [addressee];
    if (chance(0.7)) parts.splice(chance(0.5) ? 0 : 1, 0, senderText);
    if (chance(0.6)) parts.unshift(pick(BANNERS));
    if (chance(0.3)) parts.push(pick(NOISE));
    return parts.join(chance(0.85) ? '\n\n' : '\n');
  };

  // Name forms.
  const initialForm = (p: Person): string => pick([`${p.given[0]} ${p.surname}`, `${p.given[0]}. ${p.surname}`, `Mrs ${p.given[0]}.${p.surname}`, `Mr ${p.given[0]} ${p.surname}`]);
  const titled = (p: Person): string => `${pick(['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'Mx'])} ${p.given} ${p.surname}`;
  const nickname = (p: Person): string | null => { const f = GIVEN_SHORT_FORMS[p.given]; return f ? `${pick(f)} ${p.surname}` : null; };
  const surnameFirst = (p: Person): string => pick([`${p.surname.toUpperCase()}, ${p.given.toUpperCase()}`, `${p.surname}, ${p.given}`, `${p.surname.toUpperCase()} ${p.given}`]);
  const middleVariant = (p: Person): string => (p.middle ? `${p.given} ${p.surname}` : `${p.given} ${pick(MIDDLE_NAMES)} ${p.surname}`);
  const hyphenPart = (p: Person): string | null => (p.surname.includes('-') ? `${p.given} ${pick(p.surname.split('-'))}` : null);
  const randomOther = (): string => { const o = person(FORMER_SURNAMES); return chance(0.5) ? `${o.given} ${o.surname}` : titled(o); };

  const letters: EvalLetter[] = [];
  let n = 0;
  const add = (kind: string, expect: Expect, text: string, sender?: string): void => {
    letters.push({ id: `L${String(++n).padStart(5, '0')}`, text, kind, expect, ...(sender ? { sender } : {}) });
  };
  const victimName = (v: Victim): string => fullName(v.person);

  type Variant = (v: Victim, st: Style) => boolean;
  const VARIANTS: Readonly<Record<string, Variant>> = {
    'street-abbreviation': (_v, st) => { st.abbreviate = true; return true; },
    'case-punctuation': (_v, st) => { if (chance(0.5)) st.upper = true; else st.lower = true; st.commas = chance(0.5); st.oneLine = chance(0.3); return true; },
    'postcode-format': (_v, st) => { st.postcodeForm = 1 + Math.floor(rand() * 3); return true; },
    'postcode-ocr': (_v, st) => { st.postcodeOcr = true; return true; },
    'flat-form': (v, st) => { if (!v.home.flat) return false; st.flatForm = 1 + Math.floor(rand() * 5); return true; },
    'missing-town': (_v, st) => { st.dropTown = true; return true; },
    'extra-locality': (_v, st) => { st.extraLocality = true; return true; },
    'house-name': (v, st) => { if (!v.home.houseName) return false; st.dropHouseName = chance(0.5); return true; },
    'title-initials': (v, st) => { st.name = chance(0.5) ? initialForm(v.person) : titled(v.person); return true; },
    nickname: (v, st) => { const nn = nickname(v.person); if (!nn) return false; st.name = nn; return true; },
    'surname-first': (v, st) => { st.name = surnameFirst(v.person); return true; },
    'middle-name': (v, st) => { st.name = middleVariant(v.person); return true; },
    'hyphenated-surname': (v, st) => { const h = hyphenPart(v.person); if (!h) return false; st.name = h; return true; },
    alias: (v, st) => { if (!v.alias) return false; st.name = v.alias; return true; },
    occupier: (_v, st) => { st.name = pick(['The Occupier', 'The Occupier', 'The Resident', 'Occupier']); return true; },
    'other-person-at-address': (_v, st) => { st.name = randomOther(); return true; },
    'return-address-banner': (_v, st) => { st.wrap = true; return true; },
    'ocr-1': (_v, st) => { st.ocr = 1; return true; },
    'ocr-2': (_v, st) => { st.ocr = 2; return true; },
    'ocr-3': (_v, st) => { st.ocr = 3; return true; },
  };
  const kinds = Object.keys(VARIANTS);

  // Must stop: each variant alone, then combined.
  for (const kind of kinds) {
    let made = 0;
    for (let tries = 0; made < perKind && tries < perKind * 50; tries++) {
      const v = kind === 'house-name' ? pick(active.filter((x) => x.home.houseName)) : kind === 'hyphenated-surname'
        ? pick(active.filter((x) => x.person.surname.includes('-')) ) : pick(active);
      if (!v) break;
      const st = plain(victimName(v));
      if (!VARIANTS[kind]?.(v, st)) continue;
      add(kind, 'stop', render(v.home, st));
      made++;
    }
  }
  const welsh = active.filter((v) => v.home.place.welsh);
  for (let i = 0; i < perKind && welsh.length > 0; i++) {
    const v = pick(welsh);
    const st = plain(victimName(v));
    if (chance(0.5)) st.ocr = 1 + Math.floor(rand() * 2);
    const text = render(v.home, st);
    add('welsh', 'stop', chance(0.5) ? text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/’/g, "'") : text);
  }
  for (let i = 0; i < perKind * 3; i++) {
    const v = pick(active);
    const st = plain(victimName(v));
    const chosen = [...kinds].sort(() => rand() - 0.5).slice(0, 2 + Math.floor(rand() * 3));
    const nameKinds = chosen.filter((k) => ['title-initials', 'nickname', 'surname-first', 'middle-name', 'hyphenated-surname', 'alias', 'occupier', 'other-person-at-address'].includes(k));
    const ocrKinds = chosen.filter((k) => k.startsWith('ocr-'));
    const keep = chosen.filter((k) => !nameKinds.includes(k) && !ocrKinds.includes(k)).concat(nameKinds.slice(0, 1), ocrKinds.slice(0, 1));
    const applied = keep.filter((k) => VARIANTS[k]?.(v, st));
    add(`combined(${applied.length})`, 'stop', render(v.home, st));
  }
  // Blocked name in the blocked area (same district or post town), at an address not on the list.
  for (let i = 0, made = 0; made < perKind && i < perKind * 50; i++) {
    const v = pick(active);
    const near = freePlaces.filter((p) => outward(p.postcode) === outward(v.home.place.postcode) || p.town === v.home.place.town);
    if (near.length === 0) continue;
    const st = plain(pick([victimName(v), `${v.person.given} ${v.person.surname}`, titled(v.person), nickname(v.person) ?? victimName(v)]));
    if (chance(0.3)) st.ocr = 1;
    add('victim-name-in-area', 'stop', render(home(pick(near)), st));
    made++;
  }
  // Scope: the named prisoner writing (typed or read from the return address), or nobody known.
  const scopedActive = scoped.filter((v) => !v.entry.validUntil);
  const scopedAlone = scopedActive.filter(alone);
  const expiredAlone = expired.filter(alone);
  for (let i = 0; i < perKind && scopedActive.length > 0; i++) {
    const v = pick(scopedActive);
    const text = render(v.home, plain(victimName(v)));
    if (i % 3 === 0) add('scoped-sender-typed', 'stop', text, 'A1234BC');
    else if (i % 3 === 1) add('scoped-sender-from-return-address', 'stop', `From: A1234BC\n${pick(PRISONS).join('\n')}\n\n${text}`);
    else add('scoped-sender-unknown', 'stop', text);
  }
  for (let i = 0; i < perKind && scopedAlone.length > 0; i++) {
    const v = pick(scopedAlone);
    add('scoped-other-sender', 'clear', render(v.home, plain(victimName(v))), 'B7654DE');
  }
  for (let i = 0; i < perKind && expiredAlone.length > 0; i++) {
    const v = pick(expiredAlone);
    add('expired-entry', 'clear', render(v.home, plain(victimName(v))));
  }

  // Must clear.
  const free = (): Home => home(pick(freePlaces));
  const cleanPair = (mk: () => [Person, Home]): [Person, Home] => {
    for (;;) { const [p, h] = mk(); if (!clashes(p, h)) return [p, h]; }
  };
  for (let i = 0; i < perKind * 2; i++) {
    const [p, h] = cleanPair(() => [person(otherSurnames), free()]);
    const st = plain(chance(0.2) ? titled(p) : fullName(p));
    if (chance(0.5)) { st.wrap = chance(0.5); st.ocr = Math.floor(rand() * 4); st.abbreviate = chance(0.3); st.postcodeForm = Math.floor(rand() * 4); }
    add('unrelated', 'clear', render(h, st));
  }
  for (let i = 0; i < perKind; i++) {
    const v = pick(active);
    const [p, h] = cleanPair(() => {
      const parts = (sn: string): string[] => sn.toUpperCase().split(/[\s-]+/);
      const near = (a: string, b: string): boolean => distance(a, b) <= 1;
      const taken = new Set(victims.filter((x) => parts(x.person.surname).some((q) => parts(v.person.surname).some((r) => near(q, r))))
        .flatMap((x) => x.entry.names.map((nm) => nm[0])));
      const given = pick(GIVEN_NAMES.filter((g) => !taken.has(g[0]) && !(GIVEN_SHORT_FORMS[g] ?? []).some((f) => taken.has(f[0]))));
      const hh = free();
      return [{ given, middle: null, surname: v.person.surname }, hh];
    });
    add('same-surname-elsewhere', 'clear', render(h, plain(`${chance(0.3) ? 'Mrs ' : ''}${p.given} ${p.surname}`)));
  }
  for (let i = 0, made = 0; made < perKind && i < perKind * 50; i++) {
    const h = sameStreetOtherTown();
    if (!h) continue;
    const [p] = cleanPair(() => [person(otherSurnames), h]);
    add('same-street-number-other-town', 'clear', render(h, plain(chance(0.3) ? 'The Occupier' : fullName(p))));
    made++;
  }

  // Reported apart: neighbours, and the victim's full name elsewhere.
  for (let i = 0; i < perKind; i++) {
    const v = pick(active.filter((x) => x.home.number && /^\d+$/.test(x.home.number)));
    if (!v) break;
    const num = Number(v.home.number) + pick([-2, -1, 1, 2, 3, 10]);
    if (num <= 0 || victims.some((x) => x.home.place.street === v.home.place.street && x.home.number === String(num))) continue;
    // Addressed to someone who is on no entry near there: a listed name in its own area is a must-stop
    // letter (blocked-name-in-area), whatever the house number.
    const next: Home = { ...v.home, flat: null, houseName: null, number: String(num) };
    const [p] = cleanPair(() => [person(otherSurnames), next]);
    add('neighbour', 'apart', render(next, plain(chance(0.5) ? fullName(p) : titled(p))));
  }
  for (let i = 0; i < perKind; i++) {
    const v = pick(active);
    const far = freePlaces.filter((p) => key(p.town) !== key(v.home.place.town) && outward(p.postcode) !== outward(v.home.place.postcode));
    add('victim-name-elsewhere', 'apart', render(home(pick(far)), plain(victimName(v))));
  }

  // Heavy OCR damage (handwriting): made last, so that every letter above stays as it was for a seed.
  const heavy = (): number => 4 + Math.floor(rand() * 5);
  for (let i = 0; i < perKind; i++) {
    const v = pick(active);
    const st = plain(pick([victimName(v), 'The Occupier', randomOther()]));
    st.ocr = heavy();
    st.wrap = chance(0.3);
    add('heavy-ocr', 'heavy-stop', render(v.home, st));
  }
  for (let i = 0; i < perKind; i++) {
    const [p, h] = cleanPair(() => [person(otherSurnames), free()]);
    const st = plain(fullName(p));
    st.ocr = heavy();
    add('heavy-ocr-unrelated', 'heavy-clear', render(h, st));
  }
  for (let i = 0, made = 0; made < perKind && i < perKind * 50; i++) {
    const h = sameStreetOtherTown();
    if (!h) continue;
    const [p] = cleanPair(() => [person(otherSurnames), h]);
    const st = plain(chance(0.3) ? 'The Occupier' : fullName(p));
    st.ocr = heavy();
    add('heavy-ocr-same-street-other-town', 'heavy-clear', render(h, st));
    made++;
  }

  return {
    blocklist: { format: 'mailroom-blocklist/v1', version: 1, generatedAt: '2026-11-28T00:00:00Z', entries: victims.map((v) => v.entry) },
    letters,
  };
}
