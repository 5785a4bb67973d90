// `npm run start:web`: builds the renderer if its sources changed, then serves it and the main-side
// services on 127.0.0.1 (port from PORT) in demo mode, for development and the Playwright tests. Like
// the Electron shell it leaves demo mode once enrolled, unless MAILROOM_HARNESS_KEEP_DEMO=1 (tests only).
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDispatcher } from '../services/dispatcher.ts';
import { EventBus } from '../services/events.ts';
import { loadDemoBlocklist } from '../services/list-source.ts';
import { createLogger } from '../services/log.ts';
import { createMainServices } from '../services/main-services.ts';
import { createOcrPipeline, type OcrPipeline } from '../ocr/pipeline.ts';
import { startHarness } from './server.ts';
import { openStationKeys } from '../keys/station-keys.ts';
import { ensureKeyFile, keyFileVault } from '../keys/vault.ts';
import { startHotFolderService } from '../services/hot-folder-service.ts';
import { createSyncService } from '../services/sync-service.ts';

const log = createLogger('web-harness');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = path.join(root, 'dist', 'renderer');

async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const info = await stat(path.join(entry.parentPath, entry.name));
    newest = Math.max(newest, info.mtimeMs);
  }
  return newest;
}

async function buildIfStale(): Promise<void> {
  const built = await stat(path.join(outDir, 'index.html')).catch(() => null);
  const sources = Math.max(await newestMtime(path.join(root, 'renderer')), await newestMtime(path.join(root, 'shared')));
  if (built && built.mtimeMs >= sources) return;
  log.info('building the renderer (sources changed since the last build)');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

async function main(): Promise<void> {
  await buildIfStale();
  const bus = new EventBus();
  let ocr: Promise<OcrPipeline> | null = null;
  const pipeline = () => (ocr ??= createOcrPipeline());
  // The harness supplies its own key: a key file in its data folder (MAILROOM_HARNESS_DATA).
  const dataDir = path.resolve(process.env['MAILROOM_HARNESS_DATA'] ?? path.join(root, '.cache', 'web-harness'));
  const vault = await keyFileVault(await ensureKeyFile(path.join(dataDir, 'harness.key')));
  const keys = await openStationKeys(path.join(dataDir, 'keys'), vault, null);
  const sync = createSyncService({ dir: path.join(dataDir, 'keys'), vault });
  const hotFolder = process.env['MAILROOM_HOT_FOLDER'] ? await startHotFolderService(path.resolve(process.env['MAILROOM_HOT_FOLDER']), bus, pipeline) : null;
  const dispatch = createDispatcher(
    createMainServices({ sync, intake: hotFolder?.bridge ?? null, shell: 'web-harness', version: process.env['npm_package_version'] ?? '0.1.0', loadList: loadDemoBlocklist, ocr: pipeline, keys, plaintextRecordsControl: process.env['MAILROOM_E2E_POSITIVE_CONTROL'] === '1',
      // Harness-only: end-to-end tests that enrol with the demo administrator and carry on with the demo accounts.
      keepDemoModeAfterEnrolment: process.env['MAILROOM_HARNESS_KEEP_DEMO'] === '1',
    }),
  );
  const port = Number(process.env['PORT'] ?? 5178);
  const harness = await startHarness({ dispatch, bus, staticDir: outDir, port });
  void pipeline(); // warm the OCR workers before the first envelope
  process.stdout.write(`Mailroom Screen web harness (demo mode until enrolled) listening on ${harness.url}\n`);
  const stop = () => {
    void harness
      .close()
      .then(() => hotFolder?.hot.close())
      .then(() => (ocr ? ocr.then((p) => p.close()) : undefined))
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  log.error('the web harness could not start', e);
  process.exit(1);
});
