import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blocklistSchema, fastParseBlocklist, parseBlocklist, parseBlocklistText } from './format.ts';

const entry = (over: Record<string, unknown> = {}) => ({
  id: 'UPC-1',
  names: ['Jane Smith'],
  addresses: [{ lines: ['14 Acacia Road'], town: 'Leeds', postcode: 'LS6 2AB' }],
  ...over,
});
const list = (entries: unknown[], over: Record<string, unknown> = {}) => ({ format: 'mailroom-blocklist/v1', version: 3, entries, ...over });

function problems(raw: unknown): readonly string[] {
  const r = parseBlocklist(raw);
  if (r.ok) throw new Error('expected the list to be refused');
  return r.problems;
}

describe('mailroom-blocklist/v1', () => {
  it('accepts the shipped demo list', () => {
    const r = parseBlocklistText(readFileSync(new URL('../../assets/demo-blocklist.json', import.meta.url), 'utf8'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.list.entries.length).toBeGreaterThan(5);
  });

  it('fills defaults (all prisoners, no phones) and ignores unknown fields', () => {
    const r = parseBlocklist(list([entry({ caseNotes: 'ignored' })], { producer: 'x' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.list.entries[0]?.scope).toEqual({ kind: 'all-prisoners' });
    expect(r.list.entries[0]?.phones).toEqual([]);
    expect(r.list.entries[0]).not.toHaveProperty('caseNotes');
  });

  it('accepts an entry with only a name, or only an address', () => {
    expect(parseBlocklist(list([entry({ addresses: [] })])).ok).toBe(true);
    expect(parseBlocklist(list([entry({ names: [] })])).ok).toBe(true);
  });

  it('refuses a file of another format, naming the field', () => {
    expect(problems(list([entry()], { format: 'something-else' }))).toEqual([expect.stringContaining('field format')]);
  });

  it('refuses a missing version', () => {
    const raw: Record<string, unknown> = list([entry()]);
    delete raw['version'];
    expect(problems(raw)[0]).toContain('field version');
  });

  it('names the entry and the field of a malformed entry', () => {
    const p = problems(list([entry(), entry({ id: 'UPC-2', requestedBy: 'neighbour' })]));
    expect(p).toEqual([expect.stringMatching(/^entry 2 "UPC-2": field requestedBy/)]);
  });

  it('refuses an entry with neither a name nor an address', () => {
    expect(problems(list([entry({ names: [], addresses: [] })]))[0]).toMatch(/entry 1 "UPC-1".*at least one name or address/);
  });

  it('refuses an entry without an id', () => {
    const bad: Record<string, unknown> = entry();
    delete bad['id'];
    expect(problems(list([bad]))[0]).toMatch(/entry 1 \(no id\): field id/);
  });

  it('refuses a prisoner scope with a malformed prison number', () => {
    const p = problems(list([entry({ scope: { kind: 'prisoners', prisonNumbers: ['12345'] } })]));
    expect(p[0]).toMatch(/entry 1 "UPC-1": field scope\.prisonNumbers\.0/);
  });

  it('refuses duplicate entry ids', () => {
    expect(problems(list([entry(), entry()]))[0]).toMatch(/entry 2 "UPC-1": field id: duplicates/);
  });

  it('never quotes victim data in its messages', () => {
    const p = problems(list([entry({ names: [42], addresses: [{ lines: ['14 Acacia Road'], postcode: 7 }], validFrom: 'Jane Smith' })]));
    expect(p.join('\n')).not.toMatch(/Acacia|Jane|Smith|LS6/);
  });

  it('reports invalid JSON by position, not content', () => {
    const r = parseBlocklistText('{"format": "mailroom-blocklist/v1", "entries": [ {"names": ["Jane Smith"}');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problems[0]).toMatch(/not valid JSON/);
      expect(r.problems[0]).not.toContain('Jane');
    }
  });
  it('gives exactly the schema\'s output on the fast path for well-formed lists (trimmed, defaults, unknown keys dropped)', () => {
    const raw = list(
      [
        entry({ id: ' UPC-1 ', names: [' Jane Smith '], caseNotes: 'x', validFrom: '2026-01-01T00:00:00Z', validUntil: null }),
        entry({ id: 'UPC-2', addresses: [{ postcode: ' ls6 2ab ' }], scope: { kind: 'prisoners', prisonNumbers: [' a1234bc '] }, requestedBy: 'police' }),
        entry({ id: 'UPC-3', names: [], phones: ['0113'], scope: { kind: 'all-prisoners', note: 1 } }),
      ],
      { generatedAt: '2026-01-02T03:04:05+01:00', producer: 'x' },
    );
    const fast = fastParseBlocklist(raw);
    expect(fast).toBeDefined();
    expect(JSON.stringify(fast)).toBe(JSON.stringify(blocklistSchema.parse(raw)));
  });

  it('leaves anything the schema must judge to the schema', () => {
    for (const bad of [entry({ names: [' '] }), entry({ validFrom: 'Jane Smith' }), entry({ scope: { kind: 'prisoners', prisonNumbers: [] } }), entry({ addresses: [{ lines: [] }] })]) {
      expect(fastParseBlocklist(list([bad]))).toBeUndefined();
      expect(parseBlocklist(list([bad])).ok).toBe(false);
    }
  });
});
