// The candidate index must find exactly what the brute-force scan (the same scorer over every entry)
// finds: every verdict, every match, every score. The index also tells the scorer which of its gates a
// key found each candidate for, and skips the comparisons no key let through; a gate a key kind does not
// cover would turn a HOLD into a CLEAR. These letters are built to reach each gate by one route only.
import { describe, expect, it } from 'vitest';
import type { Blocklist } from '../../shared/blocklist/format.ts';
import { buildEngine } from '../../shared/screening/engine.ts';
import { readEnvelope } from '../../shared/screening/envelope/read.ts';
import { parseEntryName, parseLetterName, type EntryName, type LetterName } from '../../shared/screening/names/parse.ts';
import { nameMayReach, scoreName } from '../../shared/screening/names/score.ts';
import { NAME_ELSEWHERE_MIN, NAME_STRONG } from '../../shared/screening/policy.ts';
import { prepareBlock } from '../../shared/screening/prepare.ts';
import { generateEvalSet, mulberry32 } from './generate.ts';
import { nameBenchPersonPairs } from './sources.ts';

const AT = new Date('2026-11-28T12:00:00Z');
const COMMON = ['Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Hall', 'Wood', 'Martin', 'Clarke'];
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';

/** Letters to listed names (a third of them given one of the commonest surnames, which the index keys only
 * with their own district and town) at other addresses, with the listed postcode one character off
 * anywhere (district included), another sector, or another entry's; the town as listed, one letter off or
 * another entry's; the listed street line or another. */
function nameLetters(seed: number, count: number): { list: Blocklist; texts: string[] } {
  const rand = mulberry32(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)] as T;
  const base = generateEvalSet(seed, 1500, 1).blocklist;
  const entries = base.entries.map((e) => (rand() < 0.35 ? { ...e, names: e.names.map((n) => n.replace(/\S+$/, pick(COMMON))) } : e));
  const texts: string[] = [];
  while (texts.length < count) {
    const e = pick(entries);
    const a = e.addresses[0];
    const name = e.names[0];
    if (!a || !name) continue;
    const words = name.split(' ');
    const shown = rand() < 0.3 ? `${pick(['Mr', 'Mrs', 'Ms', 'Dr'])} ${words[0]?.[0] ?? ''} ${words.slice(1).join(' ')}` : name;
    let postcode = a.postcode ?? 'ZZ1 1ZZ';
    const r = rand();
    if (r < 0.5) {
      const chars = postcode.split('');
      let k = 0;
      do k = Math.floor(rand() * chars.length); while (chars[k] === ' ');
      chars[k] = /\d/.test(chars[k] ?? '') ? pick([...DIGITS]) : pick([...LETTERS]);
      postcode = chars.join('');
    } else if (r < 0.65) {
      postcode = postcode.replace(/\s\w+$/, ` ${pick([...DIGITS])}${pick([...LETTERS])}${pick([...LETTERS])}`);
    } else if (r < 0.75) {
      postcode = pick(entries).addresses[0]?.postcode ?? postcode;
    }
    let town = a.town ?? '';
    if (rand() < 0.3 && town.length > 3) {
      const k = 1 + Math.floor(rand() * (town.length - 1));
      town = town.slice(0, k) + pick([...LETTERS]).toLowerCase() + town.slice(k + 1);
    } else if (rand() < 0.2) {
      town = pick(entries).addresses[0]?.town ?? town;
    }
    const street = rand() < 0.3 ? (a.lines[a.lines.length - 1] ?? '') : `${1 + Math.floor(rand() * 200)} ${pick(['Other Street', 'Mill Lane', 'High Road'])}`;
    texts.push(`${shown}\n${street}\n${town} ${postcode}`);
  }
  return { list: { ...base, entries }, texts };
}

describe('candidate index against the brute-force scan', () => {
  it('finds exactly the same matches for names near their listed area by every route (postcode, district, town)', () => {
    const { list, texts } = nameLetters(5, 1500);
    const index = buildEngine(list);
    const brute = buildEngine(list, { scan: 'brute-force' });
    const differ = texts.filter((text) => JSON.stringify(index.screen({ text, at: AT })) !== JSON.stringify(brute.screen({ text, at: AT })));
    expect(differ).toEqual([]);
    // The set reaches the name rules it is about, and not only CLEAR.
    const rules = new Set(texts.flatMap((text) => brute.screen({ text, at: AT }).matches.map((m) => m.rule)));
    expect(rules).toContain('blocked-name-in-area');
    expect(rules).toContain('possible-name-in-town');
  });

  it('finds exactly the same matches on every kind of evaluation letter of an unseen seed', () => {
    const set = generateEvalSet(23, 1000, 12);
    const index = buildEngine(set.blocklist);
    const brute = buildEngine(set.blocklist, { scan: 'brute-force' });
    const differ = set.letters.filter((l) => {
      const input = { text: l.text, sender: l.sender, at: AT };
      return JSON.stringify(index.screen(input)) !== JSON.stringify(brute.screen(input));
    });
    expect(differ.map((l) => l.text)).toEqual([]);
  });

  it('never turns down by its name bound a listed name whose full score reaches a name rule', () => {
    // The engine rejects a name key's candidate by nameMayReach before scoring it; if scoreName ever
    // scored higher than that bound (a change to one and not the other), the index would say CLEAR where
    // the brute-force scan holds. Pairs: name-bench's people both ways, and the names read off evaluation
    // letters against every listed name of their list.
    const pairs: [LetterName, EntryName][] = [];
    for (const p of nameBenchPersonPairs()) {
      for (const [a, b] of [[p.name1, p.name2], [p.name2, p.name1]] as const) {
        const l = parseLetterName(a);
        const e = parseEntryName(b);
        if (l && e) pairs.push([l, e]);
      }
    }
    const set = generateEvalSet(29, 400, 4);
    const listed = set.blocklist.entries.flatMap((e) => e.names.map(parseEntryName)).filter((n): n is EntryName => n !== null);
    for (const letter of set.letters) {
      for (const b of readEnvelope(letter.text).blocks.map(prepareBlock)) {
        for (const l of [...b.names, ...b.buriedNames]) for (const e of listed) pairs.push([l, e]);
      }
    }
    let reaching = 0;
    const missed: string[] = [];
    for (const [l, e] of pairs) {
      for (const floor of [NAME_STRONG, NAME_ELSEWHERE_MIN]) {
        if (scoreName(l, e).score < floor) continue;
        reaching++;
        if (!nameMayReach(l, e.surnameId, e.givenId, floor, () => e)) missed.push(`${l.tokens.join(" ")} / ${e.display} (${floor})`);
      }
    }
    expect(missed).toEqual([]);
    expect(reaching).toBeGreaterThan(500);
  });
});
