// `npm run bench:ocr`: renders envelopes (printed and handwriting-like fonts, skew and turned pages,
// blur, grain, JPEG 35–85, white/cream/manila paper, uneven light, return address, stamp, postmark)
// and prints, per font class, time file → verdict, pool throughput, peak RSS, CER, postcodes read
// exactly, recall and false stops against a blocklist; then the native tesseract CLI on the same
// images, raw and on the pipeline's crops. Figures only: nothing here fails on a slow machine.
//   options: --printed=N --handwriting=N --rss=N --cli=N --workers=N --quick
//            --compare: the sequential pass also without the blocklist's second look (baseline in the same run)
//            --best-only: the sequential pass also with best_int alone, no fast model (baseline in the same run)
//            --whole-rereads: the sequential and batch passes also with unsure fast reads read again whole
//              by best_int, not line by line (baseline in the same run)
import { appendFileSync, existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { blocklistSchema, type Blocklist } from '../../shared/blocklist/format.ts';
import { buildEngine } from '../../shared/screening/engine.ts';
import { screenPages } from '../../shared/letters/screen-pages.ts';
import { knowledgeOf } from '../../shared/reading/second-look.ts';
import type { Verdict } from '../../shared/screening/types.ts';
import { createOcrPipeline, type OcrPipeline } from '../../electron/ocr/pipeline.ts';
import { defaultBestWorkerCount, defaultWorkerCount } from '../../electron/ocr/worker-pool.ts';
import { UnreadableInputError, type StageTimes } from '../../electron/ocr/types.ts';
import { renderEnvelope } from '../fixtures/envelopes.ts';
import { buildCorpus, syntheticEntries, type CorpusLetter, type FontClass } from '../fixtures/corpus.ts';
import { characterErrorRate, compactPostcode, mean, percentile } from '../fixtures/scoring.ts';
import { nativeRead, nativeTesseractAvailable, tessdataDir } from '../fixtures/native-tesseract.ts';
import { stealMeter } from './steal.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GENERATED = join(ROOT, 'test/.generated/bench-ocr');

function arg(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split('=')[1]) : fallback;
}
const quick = process.argv.includes('--quick');
const COUNT: Record<FontClass, number> = { printed: arg('printed', quick ? 40 : 200), handwriting: arg('handwriting', quick ? 40 : 200) };
const RSS_COUNT = arg('rss', quick ? 100 : 1000);
const CLI_COUNT = arg('cli', quick ? 10 : 40);
const WORKERS = arg('workers', defaultWorkerCount());
const COMPARE = process.argv.includes('--compare');
const BEST_ONLY = process.argv.includes('--best-only');
const WHOLE_REREADS = process.argv.includes('--whole-rereads');
const MISSES_FILE = process.env['BENCH_OCR_MISSES'] ?? null;

/** Stage times of the pages read since the last take (the pipeline reports every page it reads). */
const stageLog: StageTimes[] = [];
const takeStages = (): StageTimes[] => stageLog.splice(0);
const STAGES = ['decode', 'layout', 'orientation', 'locate', 'crop', 'recognise'] as const;

interface Outcome {
  readonly letter: CorpusLetter;
  readonly file: string;
  readonly ms: number;
  /** CPU time of the whole process (all threads) for this envelope alone: steadier than wall time on a shared machine. */
  readonly cpuMs: number;
  readonly verdict: Verdict;
  readonly cer: number;
  readonly postcodeExact: boolean;
  readonly rawPostcodeExact: boolean;
  readonly unreadable: boolean;
  /** Summed over the pages and reads of this envelope. */
  readonly stages: Record<(typeof STAGES)[number] | 'jobs' | 'bestJobs' | 'screen', number>;
}

const f1 = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : 'n/a');
const f3 = (n: number): string => (Number.isFinite(n) ? n.toFixed(3) : 'n/a');
const pct = (n: number): string => (Number.isFinite(n) ? `${(100 * n).toFixed(1)}%` : 'n/a');

async function loadList(): Promise<Blocklist> {
  const demo = JSON.parse(await readFile(join(ROOT, 'assets/demo-blocklist.json'), 'utf8')) as { entries: unknown[] };
  // The demo people plus invented ones: a list of a real mailroom's size for the false-stop rate.
  const extra = syntheticEntries(2000, 7).map((e) => ({ ...e, requestedBy: 'victim' }));
  return blocklistSchema.parse({ format: 'mailroom-blocklist/v1', version: 1, entries: [...demo.entries, ...extra] });
}

async function renderCorpus(letters: readonly CorpusLetter[]): Promise<string[]> {
  const dir = join(GENERATED, 'envelopes');
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const letter of letters) {
    const file = join(dir, `${letter.id}.jpg`);
    if (!existsSync(file)) await writeFile(file, await renderEnvelope(letter.spec));
    files.push(file);
  }
  return files;
}

/** Entries that apply only to some prisoners: a match on one makes the verdict hang on the sender. */
let scopedEntries: ReadonlySet<string> = new Set();

interface Screened {
  readonly verdict: Verdict;
  readonly text: string;
  /** Every page's text, as screened. */
  readonly fullText: string;
  readonly postcode: string | null;
  readonly unreadable: boolean;
  readonly screenMs: number;
}

async function screenFile(pipeline: OcrPipeline, engine: ReturnType<typeof buildEngine>, file: string): Promise<Screened> {
  let screenMs = 0;
  const screen = (pages: Parameters<typeof screenPages>[1]): ReturnType<typeof screenPages> => {
    const t = performance.now();
    const result = screenPages(engine, pages);
    screenMs += performance.now() - t;
    return result;
  };
  try {
    let reading = await pipeline.read({ path: file });
    let screening = screen(reading.pages);
    if (screening.pages.some((p) => p.sender === null && p.matches.some((m) => scopedEntries.has(m.entryId)))) {
      // As the intake does (needsSender): read the return address and screen again.
      reading = await pipeline.read({ path: file }, { returnAddress: true });
      screening = screen(reading.pages);
    }
    const first = reading.pages[0];
    const best = screening.pages[0];
    const fullText = reading.pages.map((p) => p.text).join('\n\n');
    return { verdict: screening.verdict, text: first?.addresseeText ?? '', fullText, postcode: best?.addressee?.postcode ?? null, unreadable: first?.unreadable !== null, screenMs };
  } catch (error) {
    if (error instanceof UnreadableInputError) return { verdict: 'REVIEW', text: '', fullText: '', postcode: null, unreadable: true, screenMs };
    throw error;
  }
}

async function sequentialPass(pipeline: OcrPipeline, engine: ReturnType<typeof buildEngine>, letters: readonly CorpusLetter[], files: readonly string[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (let i = 0; i < letters.length; i++) {
    const letter = letters[i] as CorpusLetter;
    const file = files[i] as string;
    takeStages();
    const started = performance.now();
    const cpu = process.cpuUsage();
    const r = await screenFile(pipeline, engine, file);
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const pages = takeStages();
    const sum = (key: keyof StageTimes): number => pages.reduce((a, p) => a + p[key], 0);
    const stages = { decode: sum('decode'), layout: sum('layout'), orientation: sum('orientation'), locate: sum('locate'), crop: sum('crop'), recognise: sum('recognise'), jobs: sum('jobs'), bestJobs: sum('bestJobs'), screen: r.screenMs };
    const truthPc = compactPostcode(letter.truth.postcode);
    // BENCH_OCR_MISSES=FILE keeps what was read off each blocked letter that came out CLEAR (synthetic
    // letters only), so a miss can be replayed against the engine with `mailroom match`.
    if (MISSES_FILE && letter.truth.entryId !== null && r.verdict === 'CLEAR') {
      appendFileSync(MISSES_FILE, `${JSON.stringify({ file, entryId: letter.truth.entryId, truth: letter.truth.addressee, text: r.fullText })}\n`);
    }
    out.push({
      letter,
      file,
      ms,
      cpuMs,
      verdict: r.verdict,
      cer: characterErrorRate(letter.truth.addressee.join('\n'), r.text),
      postcodeExact: r.postcode !== null && compactPostcode(r.postcode) === truthPc,
      rawPostcodeExact: compactPostcode(r.text.split('\n').at(-1) ?? '').endsWith(truthPc.slice(-3)) && compactPostcode(r.text).includes(truthPc),
      unreadable: r.unreadable,
      stages,
    });
  }
  return out;
}

/** Envelopes a second with `inFlight` read at once, and the process's CPU time (all threads) per envelope. */
async function throughput(pipeline: OcrPipeline, engine: ReturnType<typeof buildEngine>, files: readonly string[], inFlight: number): Promise<{ rate: number; cpuMs: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++] as string;
      await screenFile(pipeline, engine, file);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const used = process.cpuUsage(cpu);
  return { rate: files.length / ((performance.now() - started) / 1000), cpuMs: (used.user + used.system) / 1000 / Math.max(1, files.length) };
}

/** One line of the figures a baseline is compared on. */
function summaryLine(outcomes: readonly Outcome[]): string {
  const blocked = outcomes.filter((o) => o.letter.truth.entryId !== null);
  const clean = outcomes.filter((o) => o.letter.truth.entryId === null);
  const med = (f: (o: Outcome) => number): string => f1(percentile(outcomes.map(f), 50));
  return [
    `median ${med((o) => o.ms)} ms wall, ${med((o) => o.cpuMs)} ms CPU, p90 ${f1(percentile(outcomes.map((o) => o.ms), 90))} ms`,
    `CER ${f3(mean(outcomes.map((o) => o.cer)))}`,
    `postcode exact ${pct(mean(outcomes.map((o) => (o.postcodeExact ? 1 : 0))))}`,
    `recall ${pct(mean(blocked.map((o) => (o.verdict !== 'CLEAR' ? 1 : 0))))} (HOLD ${pct(mean(blocked.map((o) => (o.verdict === 'HOLD' ? 1 : 0))))})`,
    `false stops ${pct(mean(clean.map((o) => (o.verdict !== 'CLEAR' ? 1 : 0))))}`,
  ].join('; ');
}

function report(cls: FontClass, outcomes: readonly Outcome[], steal: string): void {
  const times = outcomes.map((o) => o.ms);
  const blocked = outcomes.filter((o) => o.letter.truth.entryId !== null);
  const clean = outcomes.filter((o) => o.letter.truth.entryId === null);
  const stopped = (o: Outcome): boolean => o.verdict !== 'CLEAR';
  console.log(`\n## ${cls} (${outcomes.length} envelopes: ${blocked.length} to blocked addresses, ${clean.length} clean)`);
  console.log(`time file → verdict: median ${f1(percentile(times, 50))} ms, p90 ${f1(percentile(times, 90))} ms, max ${f1(Math.max(...times))} ms (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${availableParallelism()} cores; CPU taken by the VM host during the pass: ${steal})`);
  const cpu = outcomes.map((o) => o.cpuMs);
  console.log(`CPU time per envelope (all threads): median ${f1(percentile(cpu, 50))} ms, p90 ${f1(percentile(cpu, 90))} ms`);
  const stage = (key: keyof Outcome['stages']): string => f1(percentile(outcomes.map((o) => o.stages[key]), 50));
  console.log(`per stage, median ms: ${STAGES.map((k) => `${k} ${stage(k)}`).join(', ')}, screening ${stage('screen')}; OCR jobs per envelope: median ${stage('jobs')}, mean ${f1(mean(outcomes.map((o) => o.stages.jobs)))}; envelopes with a best_int read ${pct(mean(outcomes.map((o) => (o.stages.bestJobs > 0 ? 1 : 0))))}`);
  console.log(`CER of addressee lines: mean ${f3(mean(outcomes.map((o) => o.cer)))}, median ${f3(percentile(outcomes.map((o) => o.cer), 50))}`);
  console.log(`postcode read exactly: ${pct(mean(outcomes.map((o) => (o.postcodeExact ? 1 : 0))))} after the engine's repair, ${pct(mean(outcomes.map((o) => (o.rawPostcodeExact ? 1 : 0))))} as read`);
  console.log(`recall of blocked letters (HOLD or REVIEW): ${pct(mean(blocked.map((o) => (stopped(o) ? 1 : 0))))} (HOLD ${pct(mean(blocked.map((o) => (o.verdict === 'HOLD' ? 1 : 0))))})`);
  console.log(`false stops of clean letters: ${pct(mean(clean.map((o) => (stopped(o) ? 1 : 0))))} (REVIEW unreadable ${pct(mean(clean.map((o) => (o.unreadable ? 1 : 0))))}, HOLD ${pct(mean(clean.map((o) => (o.verdict === 'HOLD' ? 1 : 0))))})`);
  const byFont = new Map<string, Outcome[]>();
  for (const o of outcomes) byFont.set(o.letter.font, [...(byFont.get(o.letter.font) ?? []), o]);
  for (const [font, os] of byFont) {
    const b = os.filter((o) => o.letter.truth.entryId !== null);
    const c = os.filter((o) => o.letter.truth.entryId === null);
    console.log(`  ${font.padEnd(18)} n=${String(os.length).padStart(3)} CER ${f3(mean(os.map((o) => o.cer)))} postcode ${pct(mean(os.map((o) => (o.postcodeExact ? 1 : 0))))} recall ${pct(mean(b.map((o) => (stopped(o) ? 1 : 0))))} false-stop ${pct(mean(c.map((o) => (stopped(o) ? 1 : 0))))}`);
  }
}

async function peakRss(pipeline: OcrPipeline, engine: ReturnType<typeof buildEngine>, files: readonly string[], count: number, inFlight: number): Promise<{ peak: number; start: number; end: number }> {
  let peak = process.memoryUsage().rss;
  const start = peak;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const list = Array.from({ length: count }, (_, i) => files[i % files.length] as string);
  await throughput(pipeline, engine, list, inFlight);
  clearInterval(timer);
  return { peak: Math.max(peak, process.memoryUsage().rss), start, end: process.memoryUsage().rss };
}

async function nativeComparison(engine: ReturnType<typeof buildEngine>, list: Blocklist, outcomes: readonly Outcome[]): Promise<void> {
  if (!(await nativeTesseractAvailable())) {
    console.log('\n## native tesseract CLI: not installed (apt-get install tesseract-ocr), comparison skipped');
    return;
  }
  const sample = outcomes.slice(0, CLI_COUNT);
  const cropsDir = join(GENERATED, 'crops');
  await mkdir(cropsDir, { recursive: true });
  // The crops the pipeline sent to OCR, captured through its tap, with the time tesseract.js took.
  const crops: { file: string; outcome: Outcome }[] = [];
  let current: Outcome | null = null;
  let firstCrop = true;
  const pipeline = await createOcrPipeline({
    workers: 1,
    knowledge: knowledgeOf(list),
    tap: (jobId, pnm) => {
      if (!current || !firstCrop) return;
      firstCrop = false;
      const file = join(cropsDir, `${jobId}.pnm`);
      crops.push({ file, outcome: current });
      void writeFile(file, pnm);
    },
  });
  const jsTimes: number[] = [];
  for (const o of sample) {
    current = o;
    firstCrop = true;
    const t = performance.now();
    await screenFile(pipeline, engine, o.file);
    jsTimes.push(performance.now() - t);
  }
  await pipeline.close();
  await new Promise((r) => setTimeout(r, 100));
  const pipeMs = percentile(jsTimes, 50);
  const pipeRight = mean(sample.map((o) => ((o.verdict === 'CLEAR') === (o.letter.truth.entryId === null) ? 1 : 0)));
  const pipePc = mean(sample.map((o) => (o.postcodeExact ? 1 : 0)));
  console.log(`\n## native tesseract ${CLI_COUNT > 0 ? '(OMP_THREAD_LIMIT=1, one process per file, with each of the pipeline\'s two models)' : ''} on ${sample.length} printed envelopes`);
  console.log(`pipeline (tesseract.js, 1 fast + 1 best_int worker), file → verdict: median ${f1(pipeMs)} ms; postcode exact ${pct(pipePc)}; verdict right ${pct(pipeRight)}`);
  for (const model of ['fast', 'best'] as const) {
    const tessdata = await tessdataDir(GENERATED, model);
    const raw = { ms: [] as number[], pc: [] as number[], right: [] as number[] };
    for (const o of sample) {
      const r = await nativeRead(o.file, 3, tessdata);
      raw.ms.push(r.ms);
      const s = engine.screen({ text: r.text });
      raw.pc.push(s.addressee?.postcode && compactPostcode(s.addressee.postcode) === compactPostcode(o.letter.truth.postcode) ? 1 : 0);
      raw.right.push((s.verdict === 'CLEAR') === (o.letter.truth.entryId === null) ? 1 : 0);
    }
    const crop = { ms: [] as number[], cer: [] as number[] };
    for (const c of crops) {
      const r = await nativeRead(c.file, 6, tessdata);
      crop.ms.push(r.ms);
      crop.cer.push(characterErrorRate(c.outcome.letter.truth.addressee.join('\n'), r.text));
    }
    const name = model === 'best' ? 'best_int' : 'fast';
    console.log(`CLI (${name}) on the raw image (--psm 3): median ${f1(percentile(raw.ms, 50))} ms; postcode exact ${pct(mean(raw.pc))}; verdict right ${pct(mean(raw.right))}`);
    console.log(`CLI (${name}) on the pipeline's crops (--psm 6): median ${f1(percentile(crop.ms, 50))} ms; CER ${f3(mean(crop.cer))} (pipeline CER on the same envelopes ${f3(mean(sample.map((o) => o.cer)))})`);
    console.log(`ratios (${name}): CLI raw / pipeline time ${f1(percentile(raw.ms, 50) / pipeMs)}×; CLI crop / pipeline time ${f1(percentile(crop.ms, 50) / pipeMs)}×; pipeline accuracy (verdicts right) ${pct(pipeRight)} vs CLI raw ${pct(mean(raw.right))}`);
  }
}

async function main(): Promise<void> {
  const list = await loadList();
  const engine = buildEngine(list);
  scopedEntries = new Set(list.entries.filter((e) => e.scope.kind === 'prisoners').map((e) => e.id));
  const entries = list.entries.map((e) => ({ id: e.id, names: e.names, addresses: e.addresses.map((a) => ({ lines: a.lines, town: a.town ?? null, postcode: a.postcode ?? null })), scope: e.scope }));
  console.log(`# OCR bench — ${new Date().toISOString()}, node ${process.version}, ${WORKERS} fast-model worker(s) + ${defaultBestWorkerCount(WORKERS)} best_int, list of ${list.entries.length} entries, matcher ${engine.matcher}`);
  const corpora = {} as Record<FontClass, { letters: CorpusLetter[]; files: string[] }>;
  for (const cls of ['printed', 'handwriting'] as const) {
    const letters = buildCorpus({ count: COUNT[cls], fontClass: cls, seed: cls === 'printed' ? 11 : 23, entries });
    corpora[cls] = { letters, files: await renderCorpus(letters) };
  }
  const onStages = (stages: StageTimes): void => {
    stageLog.push(stages);
  };
  const knowledge = knowledgeOf(list);
  const pipeline = await createOcrPipeline({ workers: WORKERS, onStages, knowledge });
  const outcomes = {} as Record<FontClass, Outcome[]>;
  for (const cls of ['printed', 'handwriting'] as const) {
    // A class asked for with a count of 0 (--handwriting=0) is not read at all: no figures of nothing.
    if (COUNT[cls] === 0) continue;
    if (COMPARE) {
      // Baseline in the same run: low-confidence reads REVIEW whatever the list holds.
      const plain = await createOcrPipeline({ workers: WORKERS, onStages });
      const before = await sequentialPass(plain, engine, corpora[cls].letters, corpora[cls].files);
      await plain.close();
      const b = before.filter((o) => o.letter.truth.entryId !== null);
      const c = before.filter((o) => o.letter.truth.entryId === null);
      console.log(`\n(compare) ${cls} without the second look: recall ${pct(mean(b.map((o) => (o.verdict !== 'CLEAR' ? 1 : 0))))}, false stops ${pct(mean(c.map((o) => (o.verdict !== 'CLEAR' ? 1 : 0))))}`);
    }
    if (BEST_ONLY) {
      // Baseline in the same run: every block read by best_int alone (the pipeline before the fast model).
      const plain = await createOcrPipeline({ workers: WORKERS, fastModel: false, onStages, knowledge });
      const before = await sequentialPass(plain, engine, corpora[cls].letters, corpora[cls].files);
      await plain.close();
      console.log(`\n(best-only) ${cls}: ${summaryLine(before)}`);
    }
    if (WHOLE_REREADS) {
      // Baseline in the same run: an unsure fast read is read again whole by best_int.
      const plain = await createOcrPipeline({ workers: WORKERS, onStages, knowledge, lineRereads: false });
      const before = await sequentialPass(plain, engine, corpora[cls].letters, corpora[cls].files);
      const batch = await throughput(plain, engine, corpora[cls].files, WORKERS * 2);
      await plain.close();
      console.log(`\n(whole-rereads) ${cls}: ${summaryLine(before)}; batch ${f1(batch.rate)} envelopes/s, CPU ${f1(batch.cpuMs)} ms per envelope`);
    }
    const steal = stealMeter();
    outcomes[cls] = await sequentialPass(pipeline, engine, corpora[cls].letters, corpora[cls].files);
    const stolen = steal();
    if (BEST_ONLY || WHOLE_REREADS) console.log(`(this pipeline) ${cls}: ${summaryLine(outcomes[cls])}`);
    report(cls, outcomes[cls], stolen);
    const batchSteal = stealMeter();
    const batch = await throughput(pipeline, engine, corpora[cls].files, WORKERS * 2);
    // CPU per envelope bounds the rate on a busy machine (cores × 1000 / CPU ms), and unlike the rate
    // it does not move when other work shares the cores.
    console.log(`batch throughput with the pool (${WORKERS} fast + ${defaultBestWorkerCount(WORKERS)} best_int worker(s), ${WORKERS * 2} in flight): ${f1(batch.rate)} envelopes/s, CPU ${f1(batch.cpuMs)} ms per envelope (all threads; CPU taken by the VM host: ${batchSteal()})`);
  }
  const all = [...corpora.printed.files, ...corpora.handwriting.files];
  if (RSS_COUNT > 0 && all.length > 0) {
    const rss = await peakRss(pipeline, engine, all, RSS_COUNT, WORKERS * 2);
    console.log(`\npeak RSS over ${RSS_COUNT} envelopes: ${f1(rss.peak / 2 ** 20)} MiB (start ${f1(rss.start / 2 ** 20)} MiB, end ${f1(rss.end / 2 ** 20)} MiB)`);
  }
  await pipeline.close();
  if (CLI_COUNT > 0 && outcomes.printed) await nativeComparison(engine, list, outcomes.printed);
}

await main();
