// `mailroom` command line: screen envelope images or typed addressee text against a blocklist.
// stdout carries results only; messages and progress go to stderr.
import { runMatch } from './match.ts';
import { runScreen } from './screen.ts';
import { UsageError, EXIT_USAGE } from './options.ts';

const HELP = `usage:
  mailroom screen [--blocklist FILE] [--sender PRISON_NO] [--json] IMAGE|DIR...
  mailroom match  [--blocklist FILE] --input FILE.jsonl|-

Without --blocklist the built-in demo blocklist is used (every result says "source": "demo").
Exit codes: 0 screened (whatever the verdicts), 2 usage error or unusable blocklist.`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'screen':
        return await runScreen(rest);
      case 'match':
        return await runMatch(rest);
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
    if (e instanceof UsageError) {
      process.stderr.write(`mailroom: ${e.message}\n${HELP}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
}
