// Given names and their short forms: the generated US-genealogy list plus the British and Welsh forms it
// lacks (Dafydd → Dai, Gerard → Ged). Two names are related when one is a short form of the other or
// both are short forms of the same name (Peggy and Maggie of Margaret).
import { NICKNAMES_PACKED } from '../data/nicknames.ts';

const UK_FORMS: Readonly<Record<string, readonly string[]>> = {
  DAFYDD: ['DAI', 'DAVE', 'DAVID', 'DEWI', 'DAFS'],
  DAVID: ['DAI', 'DAFYDD', 'DEWI', 'DAVE', 'DAVEY'],
  GERARD: ['GED', 'GERRY', 'GER'],
  GARETH: ['GAZ', 'GAZZA'],
  GARY: ['GAZ', 'GAZZA'],
  BARRY: ['BAZ', 'BAZZA'],
  DARREN: ['DAZ', 'DAZZA'],
  SHARON: ['SHAZ', 'SHAZZA'],
  LAWRENCE: ['LOZ', 'LAURIE', 'LAURENCE'],
  LAURENCE: ['LOZ', 'LAURIE', 'LAWRENCE'],
  MARGARET: ['MAGGIE', 'PEGGY', 'MEG', 'MAGS', 'MADGE', 'PEG', 'MAIR', 'MAIRWEN'],
  ELIZABETH: ['LIZ', 'BETH', 'LIZZIE', 'BETTY', 'BESS', 'ELIZA', 'LISA', 'BETSAN', 'BETI'],
  IEUAN: ['IFAN', 'EVAN', 'IWAN'],
  SIAN: ['JANE', 'JANET'],
  SIONED: ['JANET', 'JANE'],
  SION: ['JOHN'],
  IOAN: ['JOHN'],
  GWILYM: ['WILLIAM', 'WIL', 'BILL'],
  RHODRI: ['RHOD', 'ROD'],
  LLEWELYN: ['LLEW', 'LEW', 'LLYWELYN'],
  LLYWELYN: ['LLEW', 'LEW', 'LLEWELYN'],
  GWENDOLINE: ['GWEN', 'WENDY'],
  ANGHARAD: ['ANG', 'HARRI'],
  CATHERINE: ['CATH', 'KATE', 'CATHY', 'KATHY', 'CATRIN', 'CATI'],
  TERENCE: ['TEL', 'TEL', 'TERRY'],
  DEREK: ['DEL', 'DEL BOY'],
  PATRICK: ['PADDY', 'PAT', 'PADRAIG'],
  ALISTAIR: ['ALLY', 'ALI', 'ALASDAIR', 'ALASTAIR'],
  JAMES: ['JIM', 'JIMMY', 'JAMIE', 'HAMISH', 'SEAMUS', 'SHAMUS'],
  JOHN: ['JACK', 'JOHNNY', 'SEAN', 'IAN', 'EOIN', 'SHAUN', 'SHANE', 'EVAN'],
  CHRISTOPHER: ['CHRIS', 'KIT', 'CHRISSY'],
  SIOBHAN: ['SHIV', 'SHIVAUN', 'CHEVONNE', 'JOAN'],
  NIAMH: ['NEEVE', 'NEVE'],
  AOIFE: ['EVA', 'EFA'],
  ROISIN: ['ROSIE', 'ROSE'],
  MAIREAD: ['MARGARET'],
  VICTORIA: ['VICKY', 'VICKI', 'TORI', 'VIC'],
  REBECCA: ['BECKY', 'BECCA', 'BEX'],
  KAYLEIGH: ['KAY', 'KAYLEY', 'KAILEY'],
  STEPHEN: ['STEVE', 'STEVIE'],
  STEVEN: ['STEVE', 'STEVIE'],
  MICHAEL: ['MIKE', 'MICK', 'MICKEY', 'MICKY', 'MIKEY'],
  ANTHONY: ['TONY', 'ANT'],
  WAYNE: ['WAZ', 'WAZZA'],
  KEVIN: ['KEV'],
  LEIGH: ['LEE'],
};

interface NicknameTables {
  readonly nicknamesOf: ReadonlyMap<string, ReadonlySet<string>>;
  readonly formalsOf: ReadonlyMap<string, ReadonlySet<string>>;
}

let tables: NicknameTables | null = null;

function add(map: Map<string, Set<string>>, k: string, v: string): void {
  let set = map.get(k);
  if (!set) map.set(k, (set = new Set()));
  set.add(v);
}

function load(): NicknameTables {
  if (tables) return tables;
  const nicknamesOf = new Map<string, Set<string>>();
  const formalsOf = new Map<string, Set<string>>();
  const put = (formal: string, nick: string): void => {
    if (formal === nick || nick.includes(' ')) return;
    add(nicknamesOf, formal, nick);
    add(formalsOf, nick, formal);
  };
  for (const group of NICKNAMES_PACKED.split('|')) {
    const [formal, nicks] = group.split(':');
    if (!formal || !nicks) continue;
    for (const n of nicks.split(' ')) put(formal, n);
  }
  for (const [formal, nicks] of Object.entries(UK_FORMS)) for (const n of nicks) put(formal, n);
  tables = { nicknamesOf, formalsOf };
  return tables;
}

const EMPTY: ReadonlySet<string> = new Set();

/** The name itself and every name it is a short form of. */
function roots(name: string): string[] {
  return [name, ...(load().formalsOf.get(name) ?? EMPTY)];
}

/** Whether two folded given names are the same name in another form: their roots (each name and what it is
 * short for) meet. Looked up directly rather than remembered per pair: a pair key is a new string per call,
 * and a cache of pairs would grow with every letter's (often OCR-damaged) names. */
export function areNicknames(a: string, b: string): boolean {
  if (a === b) return false;
  const { formalsOf } = load();
  const fa = formalsOf.get(a);
  const fb = formalsOf.get(b);
  if (fa?.has(b) || fb?.has(a)) return true;
  if (fa && fb) for (const r of fa) if (fb.has(r)) return true;
  return false;
}

/** Every form the name may be written in: itself, its short forms, what it is short for and their forms. */
export function nameForms(name: string): string[] {
  const { nicknamesOf } = load();
  const out = new Set<string>();
  for (const r of roots(name)) {
    out.add(r);
    for (const n of nicknamesOf.get(r) ?? EMPTY) out.add(n);
  }
  return [...out];
}
