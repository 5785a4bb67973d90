// Where the English LSTM models live. Two ship offline and nothing is ever fetched: a missing model
// is an error, not a download.
// - `best`: `4.0.0_best_int` from the npm package @tesseract.js-data/eng (extra resources in a
//   packaged app), or MAILROOM_OCR_MODEL_DIR.
// - `fast`: tessdata_fast 4.1.0 in assets/ocr-model/fast (source and licence in its README), or
//   MAILROOM_OCR_FAST_MODEL_DIR. Read first; `best` reads again what it was unsure of (read-page.ts).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { assetsDir } from '../services/assets.ts';

export type OcrModel = 'fast' | 'best';

export const MODEL_VARIANT = '4.0.0_best_int';
const MODEL_FILE = 'eng.traineddata.gz';

function bestCandidates(): string[] {
  const found: string[] = [];
  const override = process.env.MAILROOM_OCR_MODEL_DIR;
  if (override) found.push(override);
  // A packaged Electron app ships the model as an extra resource (electron-builder.yml).
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) {
    found.push(join(resources, 'ocr-model', MODEL_VARIANT), join(resources, 'ocr-model'));
  }
  try {
    const require = createRequire(import.meta.url);
    found.push(join(dirname(require.resolve('@tesseract.js-data/eng/package.json')), MODEL_VARIANT));
  } catch {
    // Not resolvable from here (bundled main without node_modules): the other candidates remain.
  }
  return found;
}

function fastCandidates(): string[] {
  const found: string[] = [];
  const override = process.env.MAILROOM_OCR_FAST_MODEL_DIR;
  if (override) found.push(override);
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) found.push(join(resources, 'ocr-model', 'fast'));
  try {
    found.push(join(assetsDir(), 'ocr-model', 'fast'));
  } catch {
    // No assets folder beside this build: the other candidates remain.
  }
  return found;
}

/** A directory given explicitly must hold the model: tesseract.js would otherwise wait, or fetch. */
export function checkModelDir(dir: string, model: OcrModel): string {
  if (!existsSync(join(dir, MODEL_FILE))) throw new Error(`OCR model ${MODEL_FILE} (${model}) not found in ${dir}`);
  return dir;
}

/** The directory holding the model's eng.traineddata.gz; throws with every place it looked. */
export function resolveModelDir(model: OcrModel = 'best'): string {
  const tried = model === 'fast' ? fastCandidates() : bestCandidates();
  const dir = tried.find((d) => existsSync(join(d, MODEL_FILE)));
  if (!dir) throw new Error(`OCR model ${MODEL_FILE} (${model}) not found; looked in: ${tried.join(', ') || '(nowhere)'}`);
  return dir;
}
