// One scan from the hot folder, start to finish: hash it, skip or mark it if already screened, read
// and screen it, write its result beside it, move it to processed/ or failed/, journal it. The
// order (result, move, journal) means a kill at any point leaves nothing half done that a restart
// cannot finish, and nothing screened twice that was finished once.
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { UnreadableInputError, type EnvelopeReading } from '../ocr/types.ts';
import type { IntakeJournal } from './journal.ts';
import { readAndScreen } from './read-and-screen.ts';
import type { IntakeResult, ScanReader, ScreenLetter } from './types.ts';

export const PROCESSED = 'processed';
export const FAILED = 'failed';

const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

/** A name free in `dir`: the scan's own, or with its hash's start added when taken. */
async function freeName(dir: string, name: string, sha256: string): Promise<string> {
  if (!(await exists(join(dir, name)))) return name;
  const ext = extname(name);
  return `${basename(name, ext)}-${sha256.slice(0, 12)}${ext}`;
}

/** Writes through a temporary name and renames: a reader never sees half a result file. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

function ocrSummary(reading: EnvelopeReading): IntakeResult['ocr'] {
  // Confidences, timings and reasons only: what was read (victim data) stays out of the log-like file.
  return {
    format: reading.format,
    pages: reading.pages.map((p) => ({ page: p.page, confidence: Math.round(p.confidence * 1000) / 1000, unreadable: p.unreadable, rotation: p.rotation, ms: p.ms })),
  };
}

export interface ScreenFileContext {
  readonly folder: string;
  readonly journal: IntakeJournal;
  readonly read: ScanReader;
  readonly screen: ScreenLetter;
}

/** Screens one file of the folder; null when the file vanished before it could be read. */
export async function screenFile(path: string, ctx: ScreenFileContext): Promise<IntakeResult | null> {
  const name = basename(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const at = new Date().toISOString();
  const known = ctx.journal.has(sha256);
  if (known) {
    const target = join(ctx.folder, known.moved);
    if (known.name === name && !(await exists(target))) {
      // The crash came after the result was written and before the scan was moved: finish the move.
      await rename(path, target);
      return { name, sha256, moved: known.moved, verdict: known.verdict, at: known.at, resumed: true };
    }
    // The same scan dropped again: not screened twice; it carries the first one's verdict.
    const dir = join(ctx.folder, known.moved.startsWith(`${FAILED}/`) ? FAILED : PROCESSED);
    const final = await freeName(dir, name, sha256);
    const result: IntakeResult = { name, sha256, moved: `${basename(dir)}/${final}`, verdict: known.verdict, at, duplicateOf: known.moved };
    await writeAtomically(join(dir, `${final}.result.json`), `${JSON.stringify(result, null, 2)}\n`);
    await rename(path, join(dir, final));
    return result;
  }

  let result: IntakeResult;
  let dirName: string;
  try {
    const { reading, outcome } = await readAndScreen(ctx.read, ctx.screen, { bytes, name }, name);
    dirName = PROCESSED;
    result = { name, sha256, moved: '', verdict: outcome.verdict, at, screening: outcome, ocr: ocrSummary(reading) };
  } catch (error) {
    if (!(error instanceof UnreadableInputError)) throw error;
    // Not a readable scan: REVIEW with the reason, and the file goes to failed/ for a person.
    dirName = FAILED;
    result = { name, sha256, moved: '', verdict: 'REVIEW', at, error: error.reason };
  }
  const dir = join(ctx.folder, dirName);
  await mkdir(dir, { recursive: true });
  const final = await freeName(dir, name, sha256);
  result = { ...result, moved: `${dirName}/${final}` };
  await writeAtomically(join(dir, `${final}.result.json`), `${JSON.stringify(result, null, 2)}\n`);
  try {
    await rename(path, join(dir, final));
  } catch (error) {
    // Deleted by someone while being screened: the result stays, marked, for the record.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await ctx.journal.record({ sha256, name, moved: result.moved, verdict: result.verdict, at });
  return result;
}
