// Where the English LSTM model lives: the npm package in a checkout, extra resources in a packaged app,
// or MAILROOM_OCR_MODEL_DIR. Nothing is ever fetched: a missing model is an error, not a download.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const MODEL_VARIANT = '4.0.0_best_int';
const MODEL_FILE = 'eng.traineddata.gz';

function candidates(): string[] {
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

/** The directory holding eng.traineddata.gz; throws with every place it looked. */
export function resolveModelDir(): string {
  const tried = candidates();
  const dir = tried.find((d) => existsSync(join(d, MODEL_FILE)));
  if (!dir) throw new Error(`OCR model ${MODEL_FILE} not found; looked in: ${tried.join(', ') || '(nowhere)'}`);
  return dir;
}
