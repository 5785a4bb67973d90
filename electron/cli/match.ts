// `mailroom match`: screens typed or already-read envelope text, one JSON line in, one JSON line
// out, in input order. A bad input line gives a REVIEW line with an error, so outputs stay aligned.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { buildEngine } from '../../shared/screening/engine.ts';
import type { ScreeningResult } from '../../shared/screening/types.ts';
import { PRISON_NUMBER } from '../../shared/blocklist/format.ts';
import { LineWriter, UsageError, EXIT_OK, listLabel, loadListFor, parseCommandArgs } from './options.ts';

export function publicMatches(result: ScreeningResult) {
  return result.matches.map((m) => ({ entryId: m.entryId, score: m.score, reasons: m.reasons }));
}

interface InputLine {
  readonly id: unknown;
  readonly text: string;
  readonly sender: string | undefined;
}

/** Reads one input line; a string is an error message for a line that cannot be screened. */
function readLine(raw: string, lineNo: number): InputLine | { id: unknown; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { id: lineNo, error: `line ${lineNo} is not valid JSON` };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { id: lineNo, error: `line ${lineNo} is not a JSON object` };
  }
  const record = value as Record<string, unknown>;
  const id = record['id'] ?? lineNo;
  if (typeof record['text'] !== 'string') return { id, error: `line ${lineNo} has no "text" string` };
  const rawSender = record['sender'];
  const sender = typeof rawSender === 'string' && PRISON_NUMBER.test(rawSender.trim().toUpperCase()) ? rawSender.trim().toUpperCase() : undefined;
  return { id, text: record['text'], sender };
}

export async function runMatch(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    blocklist: { type: 'string' },
    store: { type: 'string' },
    input: { type: 'string' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0] ?? ''}"`);
  if (values.input === undefined) throw new UsageError('--input FILE.jsonl (or - for stdin) is required');
  const loaded = await loadListFor(values);
  const engine = buildEngine(loaded.list);
  const list = listLabel(loaded);
  const input = values.input === '-' ? process.stdin : createReadStream(values.input);
  const opened = new Promise<void>((resolve, reject) => {
    if (values.input === '-') resolve();
    input.once('error', reject);
    input.once('readable', () => resolve());
    input.once('end', () => resolve());
  });
  try {
    await opened;
  } catch (e) {
    throw new UsageError(`cannot read ${values.input}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  const out = new LineWriter();
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const raw of lines) {
    lineNo++;
    const parsed = readLine(raw, lineNo);
    if ('error' in parsed) {
      await out.write(JSON.stringify({ id: parsed.id, verdict: 'REVIEW', list, matcher: engine.matcher, matches: [], error: parsed.error }));
      continue;
    }
    let line: string;
    try {
      const result = engine.screen({ text: parsed.text, sender: parsed.sender });
      line = JSON.stringify({
        id: parsed.id,
        verdict: result.verdict,
        ...(result.reviewReason ? { reason: result.reviewReason } : {}),
        list,
        matcher: engine.matcher,
        matches: publicMatches(result),
      });
    } catch (e) {
      // The engine failing on one letter must not lose the others, and must not pass it.
      const message = e instanceof Error ? e.name : 'error';
      line = JSON.stringify({ id: parsed.id, verdict: 'REVIEW', reason: 'error', list, matcher: engine.matcher, matches: [], error: `screening failed (${message})` });
    }
    await out.write(line);
  }
  await out.flush();
  return EXIT_OK;
}
