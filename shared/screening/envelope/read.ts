// Finds the candidate addressee blocks in the text read off an envelope: drops banners and barcode noise,
// marks the sender's return address, splits blocks at blank lines and after each postcode, and reads
// each block's name lines, address lines and postcode. Every block is screened; none is thrown away.
import { findPostcodeInLine, type FoundPostcode } from '../postcode/postcode.ts';
import { foldText, wordTokens } from '../text/fold.ts';
import { BUILDING_WORDS, FLAT_WORDS, STREET_TYPES } from '../address/words.ts';
import { repairNumber } from '../address/parse.ts';

export interface EnvelopeBlock {
  /** Lines that may hold the addressee's name (at most two, above the address). */
  readonly nameLines: readonly string[];
  readonly addressLines: readonly string[];
  readonly postcode: FoundPostcode | null;
  /** Introduced by "From:", "Sender:", "If undelivered return to", or a prison's address. */
  readonly isSender: boolean;
}

export interface EnvelopeReading {
  readonly blocks: readonly EnvelopeBlock[];
  /** A prison number read from the return address, when one was written. */
  readonly senderNumber: string | null;
}

const BANNER_WORDS = new Set([
  'PRIVATE', 'CONFIDENTIAL', 'URGENT', 'BY', 'HAND', 'FIRST', 'SECOND', 'CLASS', '1ST', '2ND', 'ROYAL', 'MAIL',
  'POSTAGE', 'PAID', 'PAR', 'AVION', 'AIRMAIL', 'RECORDED', 'SIGNED', 'FOR', 'SPECIAL', 'DELIVERY', 'DO', 'NOT',
  'BEND', 'PERSONAL', 'LEGAL', 'RULE', '39', 'PRIORITY', 'POSTED', 'FRAGILE', 'PHOTOGRAPHS', 'PLEASE', 'ADDRESSEE',
  'ONLY', 'STRICTLY', 'AND', 'TRACKED', 'STAMP', 'HERE', 'POSTCODE', 'PRISON', 'CORRESPONDENCE', 'HANDLE', 'WITH',
  'CARE', 'OPENED', 'BE', 'TO',
]);
const SENDER_LABEL = /^\s*(FROM|SENDER|SENT BY|RETURN ADDRESS|RETURN TO|IF UNDELIVERED|IF UNDELIVERABLE|IF NOT DELIVERED)\b[^:]*:?\s*/;
const PRISON_WORDS = /\b(HMP|HMYOI|HMPYOI|YOI|HM PRISON|PRISON|HMP\/YOI)\b/;
const TITLE = /^(MR|MRS|MS|MISS|MX|DR|MASTER|REV|SIR|LADY|DAME|PROF)\b/;
const COUNTRY = /^(UK|U K|UNITED KINGDOM|GREAT BRITAIN|GB|ENGLAND|WALES|CYMRU|SCOTLAND|NORTHERN IRELAND)$/;
const ADDRESSEE_LABEL = /^\s*(TO|FAO|ATTN|FOR THE ATTENTION OF)\s*:\s*/;

function isBanner(folded: string): boolean {
  const words = wordTokens(folded.replace(/&/g, ' AND '));
  if (words.length === 0) return true;
  const banner = words.filter((w) => BANNER_WORDS.has(w) || w.length <= 1).length;
  return banner / words.length >= 0.6 && !/\d{1,4}[A-Z]?\s+[A-Z]{3,}/.test(folded);
}

/** Barcodes, franking marks and stamp text: few letters, long digit runs, or bars. */
function isNoise(raw: string): boolean {
  const s = raw.trim();
  if (s.length === 0) return false;
  if (/[|]{3,}|[#*=_~]{3,}/.test(s)) return true;
  if (/\d{9,}/.test(s.replace(/\s/g, '')) && !/[a-z]{3,}/i.test(s)) return true;
  const letters = (s.match(/[A-Za-z\u00C0-\u024F]/g) ?? []).length;
  const digits = (s.match(/\d/g) ?? []).length;
  return letters === 0 && digits === 0 ? true : letters + digits < s.length * 0.4;
}

/** A line that is part of an address rather than a name: a number, a flat, a street type or a building. */
export function looksLikeAddress(folded: string): boolean {
  if (TITLE.test(folded)) return false;
  const words = wordTokens(folded);
  // A house or flat number (14, 14A, 2/14, l4), not a digit OCR put into a name (8EVAN).
  if (/\d/.test(folded) && (/\d\s*[/-]\s*\d/.test(folded) || words.some((w) => repairNumber(w) !== null))) return true;
  const last = words[words.length - 1] ?? '';
  return words.some((w) => FLAT_WORDS.has(w) || BUILDING_WORDS.has(w) || w === 'HEOL' || w === 'FFORDD') ||
    (words.length > 1 && STREET_TYPES.has(last));
}

/** A line no name could be: a house or flat number, or a flat word. */
function clearlyAddress(folded: string): boolean {
  const words = wordTokens(folded);
  return (/\d/.test(folded) && (/\d\s*[/-]\s*\d/.test(folded) || words.some((w) => repairNumber(w) !== null))) ||
    words.some((w) => FLAT_WORDS.has(w));
}

/** Commas split a line into address lines when it clearly holds several ("Flat 2, 14 Acacia Rd"), but
 * not "SMITH, JANE". */
function splitCommas(line: string): string[] {
  // Counted in place: a match array per line is garbage.
  let commas = 0;
  for (let at = line.indexOf(','); at >= 0 && commas < 2; at = line.indexOf(',', at + 1)) commas++;
  if (commas === 0 || (commas === 1 && !/\d/.test(line))) return [line];
  return line.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
}

interface RawBlock { lines: string[]; isSender: boolean }

function segment(text: string): RawBlock[] {
  const blocks: RawBlock[] = [];
  let current: RawBlock = { lines: [], isSender: false };
  const close = (): void => {
    if (current.lines.length > 0) blocks.push(current);
    current = { lines: [], isSender: false };
  };
  for (const rawLine of text.split(/\r?\n/)) {
    if (rawLine.trim().length === 0) { close(); continue; }
    if (isNoise(rawLine)) continue;
    let line = rawLine.trim();
    // The line is folded again only when a label is cut off it: a fold is a new string every time.
    let folded = foldText(line);
    const label = SENDER_LABEL.exec(folded);
    if (label) {
      close();
      current.isSender = true;
      line = line.slice(label[0].length).trim();
      if (line.length === 0) continue;
      folded = foldText(line);
    } else if (isBanner(folded)) {
      continue;
    }
    const addressee = ADDRESSEE_LABEL.exec(folded);
    if (addressee) {
      if (current.isSender || current.lines.length > 0) close();
      line = line.slice(addressee[0].length).trim();
      if (line.length === 0) continue;
      folded = foldText(line);
    }
    const parts = splitCommas(line);
    for (const part of parts) {
      current.lines.push(part);
      if (PRISON_WORDS.test(part === line ? folded : foldText(part))) current.isSender = true;
    }
    if (findPostcodeInLine(folded)) close();
  }
  close();
  return blocks;
}

function readBlock(raw: RawBlock): EnvelopeBlock {
  const lines = raw.lines.filter((l) => !COUNTRY.test(foldText(l).replace(/[^A-Z ]/g, '').trim()));
  let postcode: FoundPostcode | null = null;
  let end = lines.length;
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 2); i--) {
    const found = findPostcodeInLine(foldText(lines[i] ?? ''));
    if (found) {
      postcode = found;
      end = i;
      break;
    }
  }
  const body = lines.slice(0, end);
  if (postcode && postcode.rest.length > 0) body.push(postcode.rest);
  // Line breaks lost by the reader ("Jane Smith 14 Acacia Road Leeds"): the words before the first house
  // number are the name.
  const joined = /^([^\d,]*[A-Za-z][^\d,]*?)\s+(\d+[A-Za-z]?\b.*[A-Za-z]{3,}.*)$/.exec(body[0] ?? '');
  if (joined && body.length <= 2 && !clearlyAddress(foldText(joined[1] ?? '')) && !looksLikeAddress(foldText(joined[1] ?? ''))) {
    body.splice(0, 1, joined[1] ?? '', joined[2] ?? '');
  }
  const nameLines: string[] = [];
  let i = 0;
  // One name line; a second only when it carries a title or follows "c/o" ("FAO", "Attn" are stripped).
  while (i < body.length && nameLines.length < 2 && !looksLikeAddress(foldText(body[i] ?? '')) && body.length - i > 1) {
    const folded = foldText(body[i] ?? '');
    if (nameLines.length === 1 && !TITLE.test(folded) && !/^C\s*\/?\s*O\b/.test(folded)) break;
    nameLines.push(body[i] ?? '');
    i++;
  }
  // A first line that reads either way ("Edward Hall", "Rose Cottage", "Mrs Rose Hill") is screened as
  // both a name and a house name: a wrong guess must not lose either.
  const first = body[0] ?? '';
  if (nameLines.length === 0 && body.length > 1 && !clearlyAddress(foldText(first))) nameLines.push(first);
  else if (nameLines.length > 0 && i === 1 && looksLikeAddress(foldText(first).replace(TITLE, '').trim())) i = 0;
  // A block of one line with no postcode: a name alone, or an address line alone.
  if (body.length === 1 && !postcode && !looksLikeAddress(foldText(body[0] ?? ''))) {
    return { nameLines: [body[0] ?? ''], addressLines: [], postcode, isSender: raw.isSender };
  }
  return { nameLines, addressLines: body.slice(i), postcode, isSender: raw.isSender };
}

const PRISON_NUMBER_LETTER: Readonly<Record<string, string>> = { '0': 'O', '1': 'I', '5': 'S', '8': 'B', '2': 'Z', '6': 'G' };
const PRISON_NUMBER_DIGIT: Readonly<Record<string, string>> = { O: '0', D: '0', I: '1', L: '1', S: '5', B: '8', Z: '2', G: '6' };

/** Reads a prison number (A1234BC) from a token, repairing letter/digit confusions by position. */
export function readPrisonNumber(token: string): string | null {
  if (token.length !== 7) return null;
  let out = '';
  for (let i = 0; i < 7; i++) {
    const c = token[i] ?? '';
    const wantDigit = i >= 1 && i <= 4;
    const isDigit = c >= '0' && c <= '9';
    if (wantDigit) out += isDigit ? c : (PRISON_NUMBER_DIGIT[c] ?? '?');
    else out += !isDigit ? c : (PRISON_NUMBER_LETTER[c] ?? '?');
  }
  return /^[A-Z]\d{4}[A-Z]{2}$/.test(out) ? out : null;
}

export function readEnvelope(text: string): EnvelopeReading {
  const raw = segment(text);
  let senderNumber: string | null = null;
  const tokensOf = (lines: readonly string[]): string[] => lines.flatMap((l) => foldText(l).split(/[^A-Z0-9]+/));
  // A prison number in the return address first; then one written as-is anywhere (never repaired there,
  // so that an addressee's postcode is not taken for a prison number).
  for (const b of raw) {
    if (!b.isSender || senderNumber) continue;
    for (const t of tokensOf(b.lines)) {
      const n = readPrisonNumber(t);
      if (n) { senderNumber = n; break; }
    }
  }
  if (!senderNumber) {
    const m = /\b([A-Z]\d{4}[A-Z]{2})\b/.exec(foldText(text));
    senderNumber = m?.[1] ?? null;
  }
  return { blocks: raw.map(readBlock), senderNumber };
}
