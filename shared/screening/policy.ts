// Every threshold and rule of the screening decision, in one place, with the reason for each number.
// Changing any value here changes verdicts: bump MATCHER_VERSION in engine.ts with it.

/** Two tokens "agree despite OCR" when their OCR skeletons differ by at most this many edits. One edit
 * per token is what a 1-3 character OCR error rate per letter leaves in a single word; two would make
 * SMITH agree with SMYTHE and most short street names with each other. */
export const TOKEN_MAX_EDITS = 1;

/** Tokens shorter than this must agree exactly (after the OCR skeleton): one edit in a 3-letter word is a
 * third of it (LEE/LEA/LEO), which is noise, not evidence. */
export const TOKEN_FUZZY_MIN_LENGTH = 4;

/** Name score (0..1) at or above which a name counts as the blocked person's. 0.85 is reached by an exact
 * surname with a matching full given name, nickname or one-edit OCR damage, or by an exact surname with a
 * matching initial (0.55 + 0.45 x 0.75 = 0.8875); a one-edit surname with only an initial (0.83) is not. */
export const NAME_STRONG = 0.85;

/** A blocked name anywhere (not in the blocked area) is only REVIEW when the given name is more than an
 * initial and the surname is not among the commonest in the UK: "J Smith" in another town is nobody's
 * evidence, "Siobhan McAllister" is. */
export const NAME_ELSEWHERE_MIN = 0.93;

/** Weights of surname and given name in the name score. The surname carries more: it is what victims and
 * letter writers keep stable, while given names come as initials, nicknames and middle names. */
export const SURNAME_WEIGHT = 0.55;
export const GIVEN_WEIGHT = 0.45;

/** Given-name agreement levels. */
export const GIVEN_EXACT = 1;
/** Nickname or short form (Margaret/Peggy): as good as the name in practice, a little below exact. */
export const GIVEN_NICKNAME = 0.95;
/** One OCR edit in a given name of 4+ letters (JANE/IANE). */
export const GIVEN_OCR = 0.9;
/** Same sound (double metaphone) but more than one edit apart: SIOBHAN/SHIVAUN. */
export const GIVEN_PHONETIC = 0.85;
/** Only an initial on one side that agrees with the other side's name: "J Smith". */
export const GIVEN_INITIAL = 0.75;

/** Surname agreement levels. */
export const SURNAME_EXACT = 1;
/** One OCR edit (SMITH/SMlTH after skeleton is exact; SMITH/SMIH is one edit). */
export const SURNAME_OCR = 0.9;
/** The letter gives one part of a double-barrelled surname (Okonkwo-Hale written as Hale). */
export const SURNAME_PART = 0.92;

/** The surname sounds the same (double metaphone) but is spelt more than one edit away (SCHULZE /
 * SCHOLZ): with the full given name it still reaches NAME_STRONG (0.55 x 0.85 + 0.45 = 0.9175); with only
 * an initial it does not (0.805), because a sound-alike surname and an initial are too common together. */
export const SURNAME_PHONETIC = 0.85;

/** Taken off the name score when both sides give a full middle name and none agrees (Jane Mary Smith /
 * Jane Anne Smith): 0.2 takes an otherwise perfect match (1.0) below NAME_STRONG's neighbourhood to 0.8,
 * so such a letter needs the address, not the name, to stop. */
export const MIDDLE_CONFLICT = 0.2;

/** Scores attached to each rule, so that matches sort in a stable, meaningful order. They do not decide
 * the verdict (the rule does); they say how much evidence stood behind it. */
export const SCORE = {
  blockedAddress: 0.97,
  blockedAddressNoPostcode: 0.9,
  blockedNameInArea: 0.9,
  neighbour: 0.6,
  /** The listed premises under a postcode the writing could be repaired to two ways (BS1 / B51): as
   * strong as the address evidence gets without the postcode, but which postcode was meant is a guess,
   * so a person decides (REVIEW), never the engine. */
  ambiguousPostcode: 0.8,
  partialAddress: 0.55,
  /** The listed street in the listed town with the house number one character off (45 / 95) and no
   * postcode to say otherwise: a partial address, a little below one with the number right. */
  nearNumber: 0.5,
  possibleName: 0.7,
  senderBlock: 0.5,
} as const;

/** Surnames too common in the UK to raise a REVIEW on their own outside the blocked area (ONS/1881-census
 * top surnames; each is borne by more than 0.1% of people). */
export const COMMON_SURNAMES: ReadonlySet<string> = new Set([
  'SMITH', 'JONES', 'WILLIAMS', 'TAYLOR', 'BROWN', 'DAVIES', 'EVANS', 'WILSON', 'THOMAS', 'JOHNSON',
  'ROBERTS', 'ROBINSON', 'THOMPSON', 'WRIGHT', 'WALKER', 'WHITE', 'EDWARDS', 'HUGHES', 'GREEN', 'HALL',
  'LEWIS', 'HARRIS', 'CLARKE', 'PATEL', 'JACKSON', 'WOOD', 'TURNER', 'MARTIN', 'COOPER', 'HILL', 'WARD',
  'MORRIS', 'MOORE', 'CLARK', 'LEE', 'KING', 'BAKER', 'HARRISON', 'MORGAN', 'ALLEN', 'JAMES', 'SCOTT',
  'PHILLIPS', 'WATSON', 'DAVIS', 'PARKER', 'PRICE', 'BENNETT', 'YOUNG', 'GRIFFITHS', 'MITCHELL', 'KELLY',
  'COOK', 'CARTER', 'RICHARDSON', 'BAILEY', 'COLLINS', 'BELL', 'SHAW', 'MURPHY', 'MILLER', 'COX',
  'RICHARDS', 'KHAN', 'MARSHALL', 'ANDERSON', 'SIMPSON', 'ELLIS', 'ADAMS', 'SINGH', 'BEGUM', 'WILKINSON',
  'FOSTER', 'CHAPMAN', 'POWELL', 'WEBB', 'ROGERS', 'GRAY', 'MASON', 'ALI', 'HUNT', 'HUSSAIN', 'CAMPBELL',
  'MATTHEWS', 'OWEN', 'PALMER', 'HOLMES', 'MILLS', 'BARNES', 'KNIGHT', 'LLOYD', 'BUTLER', 'RUSSELL',
  'BARKER', 'FISHER', 'STEVENS', 'JENKINS', 'MURRAY', 'DIXON', 'HARVEY',
]);

/** At most this many postcode readings are kept per written postcode. Each position has at most two
 * readings (as written, or its letter/digit twin), and real damage touches one to three positions: eight
 * readings cover three ambiguous positions without letting noise explode the candidate set. */
export const MAX_POSTCODE_READINGS = 8;

/** A written postcode whose every reading needs this many repairs or more is not compared ("no postcode
 * can be compared": the street, number and town decide). Real OCR damage touches one or two of a
 * postcode's characters; three letter/digit swaps turn most garbled writing into some valid postcode
 * (a handwritten "oxa 2TV" or "905 3BW"), which then only "disagrees" by chance. */
export const POSTCODE_MAX_TRUSTED_REPAIRS = 3;
