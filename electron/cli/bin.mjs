#!/usr/bin/env node
// The `mailroom` command. Runs the TypeScript sources directly (no build step after `npm ci`): through
// tsx, except `mailroom match`, whose start-up has a budget (issue 3) that tsx's loader spends a second
// of. For match the sources are bundled with esbuild (as electron/build.mjs bundles the app) into
// node_modules/.cache/mailroom-cli, reused while every source file it was built from is unchanged (size and
// modification time) and rebuilt otherwise; if anything about the bundle fails, tsx runs the sources.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cache = join(root, 'node_modules', '.cache', 'mailroom-cli');
const current = join(cache, 'current.json');

/** A source file's identity for the cache: changed content changes its size or modification time. */
const stamp = (file) => {
  const s = statSync(join(root, file));
  return `${s.size}:${s.mtimeMs}`;
};

/** The bundled entry point, when a bundle built from the sources as they are now exists. */
function freshBundle() {
  try {
    const { dir, inputs } = JSON.parse(readFileSync(current, 'utf8'));
    for (const [file, was] of Object.entries(inputs)) if (stamp(file) !== was) return null;
    const main = join(cache, dir, 'main.mjs');
    statSync(main);
    return main;
  } catch {
    return null;
  }
}

/** Bundles electron/cli/main.ts (packages stay external: node_modules is above the cache) into a new
 * folder and points current.json at it with one rename, so that concurrent runs never read half a bundle. */
async function buildBundle() {
  const { build } = await import('esbuild');
  const dir = `b${process.pid}-${Date.now()}`;
  const out = join(cache, dir);
  mkdirSync(out, { recursive: true });
  const started = Date.now();
  try {
    const result = await build({
      absWorkingDir: root, entryPoints: { main: 'electron/cli/main.ts' }, outdir: out, bundle: true, splitting: true,
      format: 'esm', platform: 'node', target: 'node20', packages: 'external', metafile: true, logLevel: 'silent',
      outExtension: { '.js': '.mjs' },
    });
    const inputs = {};
    let settled = true;
    for (const file of Object.keys(result.metafile.inputs)) {
      inputs[file] = stamp(file);
      // A source saved while it was being bundled may not be in this bundle: use it once, cache nothing.
      if (statSync(join(root, file)).mtimeMs >= started - 2000) settled = false;
    }
    if (!settled) return join(out, 'main.mjs');
    const tmp = `${current}.${dir}`;
    writeFileSync(tmp, JSON.stringify({ dir, inputs }));
    renameSync(tmp, current);
    // Bundles replaced over an hour ago are no longer being loaded by any run.
    for (const old of readdirSync(cache)) {
      const at = join(cache, old);
      if (old !== dir && /^b\d+-\d+$/.test(old) && statSync(at).mtimeMs < Date.now() - 3_600_000) rmSync(at, { recursive: true, force: true });
    }
    return join(out, 'main.mjs');
  } catch (e) {
    rmSync(out, { recursive: true, force: true });
    throw e;
  }
}

async function loadMain() {
  if (process.argv[2] === 'match' && process.env['MAILROOM_CLI_NO_BUNDLE'] !== '1') {
    try {
      const bundled = freshBundle() ?? (await buildBundle());
      return (await import(pathToFileURL(bundled).href)).main;
    } catch {
      // A read-only checkout or a missing esbuild: run the sources through tsx as before.
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('./main.ts')).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
