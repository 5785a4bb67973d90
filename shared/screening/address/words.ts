// The words of UK addresses: street types with their abbreviations (English and Welsh), flat words and
// the small words that carry no identity. Keys and values are folded (upper case, no diacritics).

/** Abbreviation or variant → canonical street-type word. Welsh types stay Welsh: a letter to
 * "Heol y Bont" is written in Welsh, and HEOL is not translated to ROAD on either side. */
export const STREET_TYPES: ReadonlyMap<string, string> = new Map([
  ['ROAD', 'ROAD'], ['RD', 'ROAD'],
  ['STREET', 'STREET'], ['STR', 'STREET'],
  ['AVENUE', 'AVENUE'], ['AVE', 'AVENUE'], ['AV', 'AVENUE'], ['AVN', 'AVENUE'],
  ['CRESCENT', 'CRESCENT'], ['CRES', 'CRESCENT'], ['CRESC', 'CRESCENT'], ['CR', 'CRESCENT'],
  ['CLOSE', 'CLOSE'], ['CL', 'CLOSE'],
  ['GARDENS', 'GARDENS'], ['GDNS', 'GARDENS'], ['GDN', 'GARDENS'], ['GARDEN', 'GARDENS'],
  ['TERRACE', 'TERRACE'], ['TERR', 'TERRACE'], ['TCE', 'TERRACE'], ['TER', 'TERRACE'],
  ['COURT', 'COURT'], ['CT', 'COURT'], ['CRT', 'COURT'],
  ['LANE', 'LANE'], ['LN', 'LANE'],
  ['GROVE', 'GROVE'], ['GR', 'GROVE'], ['GRV', 'GROVE'],
  ['DRIVE', 'DRIVE'], ['DR', 'DRIVE'], ['DRV', 'DRIVE'],
  ['PLACE', 'PLACE'], ['PL', 'PLACE'],
  ['SQUARE', 'SQUARE'], ['SQ', 'SQUARE'],
  ['PARADE', 'PARADE'], ['PDE', 'PARADE'],
  ['WAY', 'WAY'], ['WALK', 'WALK'], ['WLK', 'WALK'], ['MEWS', 'MEWS'], ['ROW', 'ROW'], ['RISE', 'RISE'],
  ['HILL', 'HILL'], ['VIEW', 'VIEW'], ['GREEN', 'GREEN'], ['GRN', 'GREEN'], ['PARK', 'PARK'], ['PK', 'PARK'],
  ['BROW', 'BROW'], ['FOLD', 'FOLD'], ['GATE', 'GATE'], ['WYND', 'WYND'], ['VALE', 'VALE'], ['CHASE', 'CHASE'],
  ['CIRCLE', 'CIRCLE'], ['CIRCUS', 'CIRCUS'], ['APPROACH', 'APPROACH'], ['CAUSEWAY', 'CAUSEWAY'], ['QUAY', 'QUAY'],
  ['YARD', 'YARD'], ['PASSAGE', 'PASSAGE'], ['EMBANKMENT', 'EMBANKMENT'], ['BROADWAY', 'BROADWAY'],
  ['HIGHWAY', 'HIGHWAY'], ['BOULEVARD', 'BOULEVARD'], ['BLVD', 'BOULEVARD'], ['ESPLANADE', 'ESPLANADE'],
  ['HEOL', 'HEOL'], ['HL', 'HEOL'],
  ['FFORDD', 'FFORDD'], ['FFDD', 'FFORDD'],
  ['STRYD', 'STRYD'],
  ['LON', 'LON'],
  ['RHODFA', 'RHODFA'],
  ['CLOS', 'CLOS'],
  ['LLYS', 'LLYS'],
  ['MAES', 'MAES'],
  ['CILGANT', 'CILGANT'], ['TERAS', 'TERAS'], ['PLAS', 'PLAS'], ['LLWYBR', 'LLWYBR'],
]);

/** Words that name a flat or unit inside a building: the number after them is the flat, not the house. */
export const FLAT_WORDS: ReadonlySet<string> = new Set([
  'FLAT', 'FLT', 'APARTMENT', 'APT', 'APPT', 'UNIT', 'ROOM', 'SUITE', 'MAISONETTE', 'FLOOR', 'FL',
]);

/** Words with no identity of their own (articles, Welsh "y"/"yr", directions written out). */
export const FILLER_WORDS: ReadonlySet<string> = new Set([
  'THE', 'OF', 'AND', 'Y', 'YR', 'AR', 'A', 'AT', 'C', 'O', 'CO', 'TO', 'FAO', 'ATTN', 'NO',
]);

/** Words that name the building type: they do not tell one house from another. */
export const BUILDING_WORDS: ReadonlySet<string> = new Set([
  'HOUSE', 'HSE', 'COTTAGE', 'COTTAGES', 'COTT', 'FARM', 'LODGE', 'HALL', 'BUNGALOW', 'VILLA', 'MANOR',
  'BUILDING', 'BUILDINGS', 'BLOCK', 'CHAMBERS', 'MANSIONS', 'TOWER', 'TY', 'BWTHYN', 'FFERM',
]);

/** "ST" is SAINT before a name and STREET at the end of a street line. */
export function canonicalWord(token: string, isLast: boolean): string {
  if (token === 'ST') return isLast ? 'STREET' : 'SAINT';
  if (token === 'STE') return 'SAINT';
  return STREET_TYPES.get(token) ?? token;
}
