// `mailroom screen`: reads envelope scans (OCR), screens the addressee, prints one result per input
// in input order. An input that cannot be read is REVIEW with an error, never skipped or CLEAR.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { buildEngine } from '../../shared/screening/engine.ts';
import { screenPage, worstVerdict } from '../../shared/letters/screen-pages.ts';
import { knowledgeOf } from '../../shared/reading/second-look.ts';
import type { ScreeningEngine, ScreeningResult, Verdict } from '../../shared/screening/types.ts';
import { createOcrPipeline, type OcrPipeline } from '../ocr/pipeline.ts';
import { UnreadableInputError, type EnvelopeReading, type PageReading } from '../ocr/types.ts';
import { publicMatches } from './match.ts';
import { LineWriter, UsageError, EXIT_OK, checkSender, listLabel, loadListFor, parseCommandArgs } from './options.ts';
import { ProgressBar } from './progress.ts';

/** Expands directories (their files in name order, hidden files skipped); keeps inputs as given. */
async function expandInputs(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      const names = (await readdir(input, { withFileTypes: true }))
        .filter((d) => d.isFile() && !d.name.startsWith('.'))
        .map((d) => d.name)
        .sort();
      out.push(...names.map((n) => path.join(input, n)));
    } else {
      out.push(input); // missing files are reported per input, as REVIEW
    }
  }
  return out;
}

const round = (n: number, places = 1) => Number(n.toFixed(places));

function pageResult(engine: ScreeningEngine, page: PageReading, sender: string | undefined) {
  const started = performance.now();
  const result: ScreeningResult = screenPage(engine, page, sender);
  const match = performance.now() - started;
  return {
    page: page.page,
    verdict: result.verdict,
    ...(result.reviewReason ? { reason: result.reviewReason } : {}),
    ...(page.unreadable ? { unreadable: page.unreadable } : {}),
    addressee: result.addressee,
    matches: publicMatches(result),
    ocr: { confidence: round(page.confidence, 3) },
    ms: { preprocess: round(page.ms.preprocess), ocr: round(page.ms.ocr), match: round(match, 2) },
  };
}

type Line = Record<string, unknown> & { verdict: Verdict };

function describeReading(input: string, reading: EnvelopeReading, engine: ScreeningEngine, sender: string | undefined, common: object): Line {
  const pages = reading.pages.map((p) => pageResult(engine, p, sender));
  const verdict = worstVerdict(pages.map((p) => p.verdict));
  const worst = pages.find((p) => p.verdict === verdict);
  const base = { input, verdict, ...common };
  if (pages.length === 1 && worst) {
    const { page: _page, verdict: _v, ...rest } = worst;
    return { ...base, ...rest };
  }
  const ms = pages.reduce((a, p) => ({ preprocess: a.preprocess + p.ms.preprocess, ocr: a.ocr + p.ms.ocr, match: a.match + p.ms.match }), { preprocess: 0, ocr: 0, match: 0 });
  return {
    ...base,
    ...(verdict === 'REVIEW' && pages.length === 0 ? { reason: 'unreadable', error: 'the file has no pages' } : {}),
    addressee: worst?.addressee ?? null,
    matches: worst?.matches ?? [],
    ocr: { confidence: round(Math.min(...pages.map((p) => p.ocr.confidence), 1), 3) },
    ms: { preprocess: round(ms.preprocess), ocr: round(ms.ocr), match: round(ms.match, 2) },
    pages,
  };
}

async function screenOne(pipeline: OcrPipeline, engine: ScreeningEngine, input: string, sender: string | undefined, common: object): Promise<Line> {
  try {
    const reading = await pipeline.read({ path: input });
    return describeReading(input, reading, engine, sender, common);
  } catch (e) {
    const error = e instanceof UnreadableInputError ? e.reason : `could not be screened (${e instanceof Error ? e.name : 'error'})`;
    return { input, verdict: 'REVIEW', reason: 'unreadable', ...common, addressee: null, matches: [], error };
  }
}

function humanLine(line: Line): string {
  const matches = (line['matches'] as { entryId: string }[]).map((m) => m.entryId).join(', ');
  const extra = line['error'] ? `  (${String(line['error'])})` : matches ? `  blocks: ${matches}` : '';
  return `${line.verdict.padEnd(6)} ${String(line['input'])}${extra}`;
}

export async function runScreen(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    blocklist: { type: 'string' },
    store: { type: 'string' },
    sender: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (positionals.length === 0) throw new UsageError('give at least one IMAGE or DIR to screen');
  const sender = checkSender(values.sender);
  const loaded = await loadListFor(values);
  const engine = buildEngine(loaded.list);
  const common = { list: listLabel(loaded), matcher: engine.matcher };
  const inputs = await expandInputs(positionals);
  // The list's knowledge gives low-confidence handwriting a second look (shared/reading).
  const pipeline = await createOcrPipeline({ knowledge: knowledgeOf(loaded.list) });
  const out = new LineWriter();
  const progress = !values.json && process.stderr.isTTY ? new ProgressBar(inputs.length, process.stderr) : null;
  try {
    // Several envelopes are read at once (the pool decides how many run); results keep input order.
    const window = 4;
    const pending: Promise<Line>[] = [];
    let next = 0;
    const fill = () => {
      while (pending.length < window && next < inputs.length) {
        pending.push(screenOne(pipeline, engine, inputs[next++] as string, sender, common));
      }
    };
    fill();
    while (pending.length > 0) {
      const line = await (pending.shift() as Promise<Line>);
      fill();
      progress?.tick();
      await out.write(values.json ? JSON.stringify(line) : humanLine(line));
      if (!values.json) await out.flush();
    }
    await out.flush();
  } finally {
    progress?.done();
    await pipeline.close();
  }
  return EXIT_OK;
}
