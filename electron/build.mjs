// Bundles the main process (ESM) and the sandboxed preload (CommonJS, as sandboxed preloads must
// be) into dist-electron/. Node packages stay external: they ship in node_modules (sharp unpacked).
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.mjs', format: 'esm', packages: 'external' });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs', format: 'cjs', external: ['electron'] });
console.error('built dist-electron/main.mjs and dist-electron/preload.cjs');
