// Finds the shipped assets (demo blocklist, sample envelopes) from a checkout, the bundled main
// process, or a packaged app's resources folder.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MARKER = 'demo-blocklist.json';

export function assetsDir(): string {
  const fromEnv = process.env['MAILROOM_ASSETS_DIR'];
  if (fromEnv && existsSync(path.join(fromEnv, MARKER))) return fromEnv;
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources && existsSync(path.join(resources, 'assets', MARKER))) return path.join(resources, 'assets');
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'assets');
    if (existsSync(path.join(candidate, MARKER))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('the assets folder (with the demo blocklist) was not found');
}

export const demoBlocklistPath = (): string => path.join(assetsDir(), MARKER);
