// The `mailroom` command as a user (or a script) runs it: real rendered envelopes through sharp and
// tesseract.js, the demo blocklist, JSON lines on stdout, exit codes.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile, mkdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderEnvelope } from '../fixtures/envelopes.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = path.join(root, 'electron', 'cli', 'bin.mjs');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function mailroom(args: string[], stdin?: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const options = { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } };
    const child = execFile(process.execPath, [bin, ...args], options, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

const lines = (s: string) => s.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

let dir: string;
const returnAddress = ['From: A7654ZX R. Jones', 'HMP Leeds, 2 Gloucester Terrace', 'Leeds LS12 2TJ'];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mailroom-cli-'));
  await mkdir(path.join(dir, 'batch'));
  await writeFile(path.join(dir, 'batch', 'a-blocked.jpg'), await renderEnvelope({ addressee: ['Ms Jane Smith', 'Flat 2, 14 Acacia Road', 'Leeds', 'LS6 2AB'], returnAddress, seed: 1 }));
  await writeFile(path.join(dir, 'batch', 'b-unlisted.jpg'), await renderEnvelope({ addressee: ['Mr Tom Hughes', '31 Beech Grove', 'Harrogate', 'HG2 0ET'], returnAddress, seed: 2, paper: 'cream' }));
  await writeFile(path.join(dir, 'batch', 'c-corrupt.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]));
  await writeFile(path.join(dir, 'bad-list.json'), JSON.stringify({ format: 'mailroom-blocklist/v1', version: 1, entries: [{ id: 'UPC-9', names: [], addresses: [] }] }));
});

describe('mailroom screen', () => {
  it('holds a rendered envelope to a blocked address, clears an unlisted one, and reviews a corrupt file, in name order', async () => {
    const run = await mailroom(['screen', '--json', path.join(dir, 'batch')]);
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out.map((l) => path.basename(String(l['input'])))).toEqual(['a-blocked.jpg', 'b-unlisted.jpg', 'c-corrupt.jpg']);
    const [blocked, unlisted, corrupt] = out;
    expect(blocked).toMatchObject({ verdict: 'HOLD', list: { source: 'demo', version: 12 } });
    expect((blocked?.['matches'] as { entryId: string }[]).map((m) => m.entryId)).toContain('UPC-100231');
    expect(blocked?.['matcher']).toEqual(expect.any(String));
    expect(blocked?.['ocr']).toEqual({ confidence: expect.any(Number) });
    expect(blocked?.['ms']).toEqual({ preprocess: expect.any(Number), ocr: expect.any(Number), match: expect.any(Number) });
    expect(unlisted).toMatchObject({ verdict: 'CLEAR', matches: [] });
    expect(corrupt).toMatchObject({ verdict: 'REVIEW', error: expect.any(String) });
  });

  it('reports a file that does not exist as REVIEW with an error, and keeps going', async () => {
    const missing = path.join(dir, 'nope.jpg');
    const run = await mailroom(['screen', '--json', missing, path.join(dir, 'batch', 'a-blocked.jpg')]);
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out[0]).toMatchObject({ input: missing, verdict: 'REVIEW', error: expect.any(String) });
    expect(out[1]).toMatchObject({ verdict: 'HOLD' });
  });

  it('refuses a malformed blocklist with exit 2, naming the entry and the field, and screens nothing', async () => {
    const run = await mailroom(['screen', '--json', '--blocklist', path.join(dir, 'bad-list.json'), path.join(dir, 'batch')]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/entry 1 "UPC-9".*at least one name or address/);
  });

  it('treats a bad sender as a usage error', async () => {
    const run = await mailroom(['screen', '--sender', 'nobody', path.join(dir, 'batch')]);
    expect(run.code).toBe(2);
  });
});

describe('mailroom match', () => {
  it('screens 10,000 text lines, one output line each, in input order, with bad lines aligned', async () => {
    const input: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      if (i === 17) input.push('{not json');
      else if (i === 18) input.push(JSON.stringify({ id: 'no-text' }));
      else if (i % 3 === 0) input.push(JSON.stringify({ id: `L${i}`, text: 'Ms J Smith\nFlat 2\n14 Acacia Road\nLeeds\nLS6 2AB' }));
      else input.push(JSON.stringify({ id: `L${i}`, text: `Mr A Person\n${i} Long Street\nYork\nYO1 7HH` }));
    }
    const file = path.join(dir, 'letters.jsonl');
    await writeFile(file, `${input.join('\n')}\n`);
    const run = await mailroom(['match', '--input', file]);
    expect(run.code).toBe(0);
    const out = lines(run.stdout);
    expect(out).toHaveLength(10_000);
    expect(out[0]).toMatchObject({ id: 'L0', verdict: 'HOLD', list: { source: 'demo', version: 12 } });
    expect(out[1]).toMatchObject({ id: 'L1', verdict: 'CLEAR' });
    expect(out[17]).toMatchObject({ id: 18, verdict: 'REVIEW', error: expect.stringContaining('JSON') });
    expect(out[18]).toMatchObject({ id: 'no-text', verdict: 'REVIEW', error: expect.stringContaining('text') });
    expect(out[9_999]?.['id']).toBe('L9999');
  });

  it('reads stdin with --input -', async () => {
    const run = await mailroom(['match', '--input', '-'], `${JSON.stringify({ id: 'a', text: 'The Occupier\n14 Acacia Road\nLeeds\nLS6 2AB' })}\n`);
    expect(lines(run.stdout)).toEqual([expect.objectContaining({ id: 'a', verdict: 'HOLD' })]);
  });

  it('uses a blocklist file when given one, and says so', async () => {
    const list = path.join(dir, 'one.json');
    await writeFile(list, JSON.stringify({ format: 'mailroom-blocklist/v1', version: 44, entries: [{ id: 'F-1', addresses: [{ lines: ['9 Elm Road'], postcode: 'YO1 7HH' }] }] }));
    const run = await mailroom(['match', '--blocklist', list, '--input', '-'], `${JSON.stringify({ id: 'x', text: 'Mr B\n9 Elm Road\nYork\nYO1 7HH' })}\n`);
    expect(lines(run.stdout)).toEqual([expect.objectContaining({ id: 'x', verdict: 'HOLD', list: { source: 'file', version: 44 } })]);
  });

  it('screens alike with a list file written exactly as validated and with one that needs normalising', async () => {
    const entry = { id: 'F-2', names: ['Jane Smith'], addresses: [{ lines: ['9 Elm Road'], town: 'York', postcode: 'YO1 7HH' }], phones: [], emails: [], scope: { kind: 'all-prisoners' } };
    const exact = path.join(dir, 'exact.json');
    const loose = path.join(dir, 'loose.json');
    await writeFile(exact, JSON.stringify({ format: 'mailroom-blocklist/v1', version: 45, entries: [entry] }));
    await writeFile(loose, JSON.stringify({ format: 'mailroom-blocklist/v1', version: 45, entries: [{ id: ' F-2 ', names: [' Jane Smith '], addresses: [{ lines: [' 9 Elm Road'], town: 'York ', postcode: ' YO1 7HH' }] }] }));
    const letters = ['The Occupier\n9 Elm Road\nYork\nYO1 7HH', 'Jane Smith\n2 Oak Lane\nYork\nYO1 7AA', 'Tom Hughes\n31 Beech Grove\nHarrogate\nHG2 0ET']
      .map((text, i) => JSON.stringify({ id: i, text })).join('\n');
    const a = await mailroom(['match', '--blocklist', exact, '--input', '-'], `${letters}\n`);
    const b = await mailroom(['match', '--blocklist', loose, '--input', '-'], `${letters}\n`);
    expect(a.code).toBe(0);
    expect(lines(a.stdout).map((l) => l['verdict'])).toEqual(['HOLD', 'HOLD', 'CLEAR']);
    expect(a.stdout).toBe(b.stdout);
  });

  it('refuses a list file that is not valid with exit 2, naming the entry and field', async () => {
    const run = await mailroom(['match', '--blocklist', path.join(dir, 'bad-list.json'), '--input', '-'], `${JSON.stringify({ id: 'x', text: 'A\n1 Road\nYork\nYO1 7HH' })}\n`);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('UPC-9');
  });

  it('runs from a bundle of the sources as they are now, with the same output as the sources through tsx', async () => {
    const letters = ['The Occupier\n14 Acacia Road\nLeeds\nLS6 2AB', 'Ms J Smith\n2 Oak Lane\nLeeds\nLS6 1AA', 'Tom Hughes\n31 Beech Grove\nHarrogate\nHG2 0ET']
      .map((text, i) => JSON.stringify({ id: i, text })).join('\n');
    const bundled = await mailroom(['match', '--input', '-'], `${letters}\n`);
    const current = JSON.parse(await readFile(path.join(root, 'node_modules', '.cache', 'mailroom-cli', 'current.json'), 'utf8')) as { inputs: Record<string, string> };
    for (const source of ['electron/cli/match.ts', 'shared/screening/engine.ts', 'shared/blocklist/format.ts']) {
      const s = await stat(path.join(root, source));
      expect(current.inputs[source]).toBe(`${s.size}:${s.mtimeMs}`);
    }
    const sources = await mailroom(['match', '--input', '-'], `${letters}\n`, { MAILROOM_CLI_NO_BUNDLE: '1' });
    expect(bundled.code).toBe(0);
    const verdicts = lines(bundled.stdout).map((l) => l['verdict']);
    expect(verdicts).toHaveLength(3);
    expect([verdicts[0], verdicts[2]]).toEqual(['HOLD', 'CLEAR']);
    expect(bundled.stdout).toBe(sources.stdout);
  });

  it('exits 2 when --input is missing', async () => {
    expect((await mailroom(['match'])).code).toBe(2);
  });
});
