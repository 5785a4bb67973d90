// `mailroom` command line: screen envelope images or typed addressee text against a blocklist.
// stdout carries results only; messages and progress go to stderr.
import { ListUnusableError, UsageError, EXIT_USAGE } from './options.ts';

const HELP = `usage:
  mailroom screen [--blocklist FILE | --store DIR] [--sender PRISON_NO] [--json] IMAGE|DIR...
  mailroom match  [--blocklist FILE | --store DIR] --input FILE.jsonl|-
  mailroom sync   --store DIR --server-key KEY (--server URL --token T | --from-file FILE) [--reconcile]

Without --blocklist or --store the built-in demo blocklist is used (every result says "source": "demo").
--store screens with the list synced into DIR (encrypted; key from MAILROOM_STORE_KEY or DIR.key).
Exit codes: 0 screened (whatever the verdicts) or store current, 1 sync refused or failed,
2 usage error or unusable blocklist or store.`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'screen':
        // Each command loads its own modules: `match` should not pay for OCR's and sync's start-up.
        return await (await import('./screen.ts')).runScreen(rest);
      case 'match':
        return await (await import('./match.ts')).runMatch(rest);
      case 'sync':
        return await (await import('./sync.ts')).runSync(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stderr.write(`${HELP}\n`);
        return command === undefined ? EXIT_USAGE : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof ListUnusableError) {
      process.stderr.write(`mailroom: ${e.message}\n`);
      return EXIT_USAGE;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`mailroom: ${e.message}\n${HELP}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
