// The Electron shell: one locked-down window over the renderer, and the main-side services behind
// the one IPC contract. Main owns what needs Node (OCR, files, keys); the renderer owns the records.
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session, net, type IpcMainInvokeEvent, type WebContents } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHANNELS, eventChannel, invokeChannel } from '../shared/ipc/contract.ts';
import { fail } from '../shared/ipc/result.ts';
import { createDispatcher } from './services/dispatcher.ts';
import { EventBus } from './services/events.ts';
import { loadDemoBlocklist } from './services/list-source.ts';
import { createLogger } from './services/log.ts';
import { createMainServices } from './services/main-services.ts';
import { CONTENT_SECURITY_POLICY, RENDERER_ORIGIN } from './services/security.ts';
import { createOcrPipeline, type OcrPipeline } from './ocr/pipeline.ts';
import { openStationKeys, type StationKeys } from './keys/station-keys.ts';
import { keyFileVault, safeStorageVault, VaultUnavailableError, type Vault } from './keys/vault.ts';
import { startHotFolderService, type RunningHotFolder } from './services/hot-folder-service.ts';
import { createSyncService, type SyncService } from './services/sync-service.ts';

const log = createLogger('main');
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'dist', 'renderer');

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

process.on('uncaughtException', (e) => log.error('uncaught exception; the window stays up', e));
process.on('unhandledRejection', (e) => log.error('unhandled rejection', e));

if (!app.requestSingleInstanceLock()) {
  app.quit();
}

let window: BrowserWindow | null = null;
let ocr: Promise<OcrPipeline> | null = null;
const bus = new EventBus();

/** Only our own window's top frame, showing our own renderer, may call main. */
function trustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return Boolean(window && frame && event.sender === window.webContents && frame === window.webContents.mainFrame && frame.url.startsWith(RENDERER_ORIGIN));
}

/**
 * The OS key store seals the station's keys. Where it would fall back to plain text (Linux with no
 * keyring), an administrator's key file (MAILROOM_KEY_FILE, owner-only) is used; failing both, no
 * victim data is stored and the renderer says why.
 */
async function openVault(): Promise<{ vault: Vault | null; refusal: string | null }> {
  try {
    return { vault: safeStorageVault(safeStorage), refusal: null };
  } catch (e) {
    const keyFile = process.env['MAILROOM_KEY_FILE'];
    if (keyFile) {
      try {
        return { vault: await keyFileVault(keyFile), refusal: null };
      } catch (fileError) {
        return { vault: null, refusal: fileError instanceof Error ? fileError.message : 'the key file cannot be used' };
      }
    }
    return { vault: null, refusal: e instanceof VaultUnavailableError ? e.message : 'the key store failed' };
  }
}

function registerIpc(keys: StationKeys, hotFolder: RunningHotFolder | null, sync: SyncService): void {
  const dispatch = createDispatcher(
    createMainServices({
      shell: 'electron',
      version: app.getVersion(),
      // Until the station is enrolled; then main-services hands out no list and leaves demo mode.
      loadList: loadDemoBlocklist,
      ocr: () => (ocr ??= createOcrPipeline()),
      keys,
      intake: hotFolder?.bridge ?? null,
      sync,
    }),
  );
  for (const channel of CHANNELS) {
    ipcMain.handle(invokeChannel(channel), async (event, payload: unknown) => {
      if (!trustedSender(event)) {
        log.warn(`refused ${channel} from an untrusted frame`);
        return fail('FORBIDDEN_SENDER', 'this window may not call the mailroom service');
      }
      return dispatch(channel, payload);
    });
  }
}

function lockDown(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(RENDERER_ORIGIN)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function serveRenderer(): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const relative = path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
    const file = path.join(rendererDir, relative || 'index.html');
    if (!file.startsWith(rendererDir)) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function createWindow(): void {
  window = new BrowserWindow({
    width: 1280,
    height: 860,
    title: 'Mailroom Screen',
    show: false,
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => (window = null));
  const detach = bus.connect((event, payload) => window?.webContents.send(eventChannel(event), payload));
  window.on('closed', detach);
  void window.loadURL(`${RENDERER_ORIGIN}index.html`);
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));
app.on('second-instance', () => {
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
});

void app.whenReady().then(async () => {
  // Only a document camera is ever granted; everything else a page might ask for is refused.
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(permission === 'media' && mediaTypes.every((t) => t === 'video'));
  });
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => permission === 'media');
  serveRenderer();
  const { vault, refusal } = await openVault();
  if (refusal) log.warn(`victim data will not be stored: ${refusal}`);
  const hotFolderPath = process.env['MAILROOM_HOT_FOLDER'];
  const hotFolder = hotFolderPath ? await startHotFolderService(path.resolve(hotFolderPath), bus, () => (ocr ??= createOcrPipeline())) : null;
  const keysDir = path.join(app.getPath('userData'), 'keys');
  // The device token is sealed by the same vault as the station's keys; without one, no enrolment.
  registerIpc(await openStationKeys(keysDir, vault, refusal), hotFolder, createSyncService({ dir: keysDir, vault }));
  createWindow();
  ocr ??= createOcrPipeline(); // warm the OCR workers while the officer signs in
});

app.on('window-all-closed', () => {
  void (ocr ? ocr.then((p) => p.close()) : Promise.resolve()).finally(() => app.quit());
});
