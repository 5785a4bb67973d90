// Starts the scanner's hot folder for a shell (Electron or the web harness) when one is configured
// (MAILROOM_HOT_FOLDER), reading with the shell's OCR pipeline and screening through the station.
import { startHotFolder, type HotFolder } from '../intake/hot-folder.ts';
import type { OcrPipeline } from '../ocr/pipeline.ts';
import type { EventBus } from './events.ts';
import { IntakeBridge } from './intake-bridge.ts';
import { createLogger } from './log.ts';

const log = createLogger('hot-folder-service');

export interface RunningHotFolder {
  readonly bridge: IntakeBridge;
  readonly hot: HotFolder;
}

export async function startHotFolderService(folder: string, bus: EventBus, ocr: () => Promise<OcrPipeline>): Promise<RunningHotFolder> {
  const bridge = new IntakeBridge(folder, bus);
  const hot = await startHotFolder({
    folder,
    read: async (input, options) => (await ocr()).read(input, options),
    screen: bridge.screen,
  });
  bridge.attach(hot);
  hot.on('progress', ({ batchId, done, total, perMinute, msLeft }) => bus.emit('batch:progress', { batchId, done, total, perMinute, msLeft }));
  hot.on('error', () => log.warn('a scan stays in the hot folder and is tried again at the next start'));
  return { bridge, hot };
}
