// Loads the blocklist the main side screens with: a file given by the user, or the built-in demo
// list. Errors say what is wrong with the file, never what it contains.
import { readFile } from 'node:fs/promises';
import { parseBlocklistText, type Blocklist } from '../../shared/blocklist/format.ts';
import { demoBlocklistPath } from './assets.ts';

export type ListSource = 'demo' | 'file' | 'store';

export interface LoadedList {
  readonly source: ListSource;
  readonly list: Blocklist;
}

export class BlocklistFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`blocklist ${file} is not usable:\n  ${problems.join('\n  ')}`);
    this.name = 'BlocklistFileError';
  }
}

export async function loadBlocklistFile(file: string, source: ListSource = 'file'): Promise<LoadedList> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new BlocklistFileError(file, [`cannot be read (${code})`]);
  }
  const parsed = parseBlocklistText(text);
  if (!parsed.ok) throw new BlocklistFileError(file, parsed.problems);
  return { source, list: parsed.list };
}

export const loadDemoBlocklist = (): Promise<LoadedList> => loadBlocklistFile(demoBlocklistPath(), 'demo');
