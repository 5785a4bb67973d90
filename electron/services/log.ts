// One named logger per module. Messages carry ids, counts and timings, never victim data or what
// was read off an envelope: errors are logged by name and message only, without their payloads.
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const wanted = (process.env['MAILROOM_LOG_LEVEL'] ?? 'info') as Level;
  return ORDER[wanted] ?? ORDER.info;
}

function describeError(e: unknown): string {
  if (e instanceof Error) {
    const cause = e.cause instanceof Error ? ` (cause: ${e.cause.name}: ${e.cause.message})` : '';
    return `${e.name}: ${e.message}${cause}`;
  }
  return typeof e;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

export function createLogger(name: string): Logger {
  const write = (level: Level, message: string, error?: unknown): void => {
    if (ORDER[level] < threshold()) return;
    const suffix = error === undefined ? '' : ` — ${describeError(error)}`;
    // Logs go to stderr so that CLI stdout carries results only.
    process.stderr.write(`${new Date().toISOString()} ${level.toUpperCase()} [${name}] ${message}${suffix}\n`);
  };
  return {
    debug: (m) => write('debug', m),
    info: (m) => write('info', m),
    warn: (m, e) => write('warn', m, e),
    error: (m, e) => write('error', m, e),
  };
}
