// Packages the app with electron-builder --dir, using a stub in place of the Electron binary (which
// cannot be downloaded here), and checks what the installers would ship: the bundled main process,
// the sandboxed preload, the renderer, sharp outside the asar, the offline OCR model, the demo data.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { listPackage } from '@electron/asar';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let unpacked: string;
let asarFiles: Set<string>;

beforeAll(async () => {
  await run('npm', ['run', 'build'], { cwd: root, maxBuffer: 32 * 1024 * 1024 });
  const stub = await mkdtemp(path.join(tmpdir(), 'electron-stub-'));
  await mkdir(path.join(stub, 'resources'));
  await writeFile(path.join(stub, 'electron'), '#!/bin/sh\necho "stub electron: no binary on this machine" >&2\nexit 1\n');
  await chmod(path.join(stub, 'electron'), 0o755);
  await writeFile(path.join(stub, 'version'), '41.7.1');
  const out = await mkdtemp(path.join(tmpdir(), 'mailroom-release-'));
  await run(
    'npx',
    ['electron-builder', '--linux', '--dir', `-c.electronDist=${stub}`, '-c.electronVersion=41.7.1', `-c.directories.output=${out}`],
    { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  unpacked = path.join(out, 'linux-unpacked');
  asarFiles = new Set(listPackage(path.join(unpacked, 'resources', 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/')));
}, 600_000);

describe('the packaged app (electron-builder --dir)', () => {
  it('contains the bundled main process, the CommonJS preload and the built renderer', () => {
    for (const f of ['/package.json', '/dist-electron/main.mjs', '/dist-electron/preload.cjs', '/dist/renderer/index.html']) {
      expect(asarFiles.has(f), f).toBe(true);
    }
    expect([...asarFiles].some((f) => f.startsWith('/dist/renderer/assets/') && f.endsWith('.js'))).toBe(true);
  });

  it('keeps sharp and the OCR engine outside the asar, where native code and WebAssembly can load', () => {
    expect(existsSync(path.join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', 'sharp', 'package.json'))).toBe(true);
    expect(existsSync(path.join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', 'tesseract.js-core'))).toBe(true);
  });

  it('ships the English OCR model and the demo data as resources, and no source maps or server libraries', () => {
    expect(existsSync(path.join(unpacked, 'resources', 'ocr-model', '4.0.0_best_int', 'eng.traineddata.gz'))).toBe(true);
    expect(existsSync(path.join(unpacked, 'resources', 'ocr-model', 'fast', 'eng.traineddata.gz'))).toBe(true);
    expect(existsSync(path.join(unpacked, 'resources', 'ocr-model', 'LICENSE-Apache-2.0'))).toBe(true);
    expect(existsSync(path.join(unpacked, 'resources', 'assets', 'demo-blocklist.json'))).toBe(true);
    expect([...asarFiles].some((f) => f.endsWith('.map'))).toBe(false);
    expect([...asarFiles].some((f) => f.startsWith('/node_modules/@electric-sql/') || f.startsWith('/node_modules/fastify/'))).toBe(false);
    expect([...asarFiles].some((f) => f.startsWith('/renderer/') || f.startsWith('/test/'))).toBe(false);
  });
});
