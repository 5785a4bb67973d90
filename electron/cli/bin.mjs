#!/usr/bin/env node
// The `mailroom` command. Runs the TypeScript sources directly (no build step after `npm ci`).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
