// The service's configuration, from the command line and the environment: where the data lives,
// the data key, the admin token, the address to listen on and TLS. Problems are messages, not stacks.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import type { DatabaseConfig } from './db/database.ts';

export type Command = 'serve' | 'export-snapshot' | 'rotate-key';

export interface Config {
  readonly command: Command;
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseConfig;
  /** The folder holding the embedded database, locked while in use; null with DATABASE_URL. */
  readonly pgliteDir: string | null;
  readonly dataKey: Uint8Array;
  readonly adminToken: string | null;
  readonly https: { readonly key: Buffer; readonly cert: Buffer } | null;
  readonly pageTtlMs: number;
  readonly logLevel: string;
  /** export-snapshot: the file to write, and how many days its pages stay valid. */
  readonly out: string | null;
  readonly validDays: number;
}

export class ConfigError extends Error {}

export const USAGE = `usage: npm run server -- [serve] [--port 8080] [--host 127.0.0.1] [--data DIR]
                        [--tls-cert FILE --tls-key FILE] [--allow-plain-http] [--page-ttl-minutes 60]
       npm run server -- export-snapshot --out FILE [--valid-days 7] [--data DIR]
       npm run server -- rotate-key [--data DIR]
environment: DATABASE_URL (PostgreSQL; default: embedded PGlite in DIR/db), MAILROOM_DATA_KEY (base64,
  32 bytes; default: DIR/data.key, created on first start), MAILROOM_ADMIN_TOKEN (default: generated
  and printed once), MAILROOM_LOG_LEVEL (default info)`;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function parseArgs(argv: readonly string[]): { command: Command; flags: Map<string, string> } {
  const flags = new Map<string, string>();
  let command: Command = 'serve';
  const booleans = new Set(['allow-plain-http', 'help']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (i === 0 && (arg === 'serve' || arg === 'export-snapshot' || arg === 'rotate-key')) {
      command = arg;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new ConfigError(`unexpected argument ${arg}`);
    const name = m[1]!;
    if (booleans.has(name)) flags.set(name, 'true');
    else {
      const value = m[2] ?? argv[++i];
      if (value === undefined) throw new ConfigError(`--${name} needs a value`);
      flags.set(name, value);
    }
  }
  return { command, flags };
}

function intFlag(flags: Map<string, string>, name: string, fallback: number, min: number, max: number): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new ConfigError(`--${name} must be an integer from ${min} to ${max}`);
  return n;
}

/** The data key: MAILROOM_DATA_KEY, or a key file beside the data, created readable by its owner only. */
function dataKeyFrom(env: NodeJS.ProcessEnv, dataDir: string | null): Uint8Array {
  const fromEnv = env.MAILROOM_DATA_KEY?.trim();
  if (fromEnv) {
    const key = Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new ConfigError('MAILROOM_DATA_KEY must be base64 of 32 bytes (e.g. `openssl rand -base64 32`)');
    return key;
  }
  if (!dataDir) throw new ConfigError('set MAILROOM_DATA_KEY (base64 of 32 bytes), or --data DIR to keep a key file there');
  const file = join(dataDir, 'data.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new ConfigError(`${file} does not hold base64 of 32 bytes`);
  return key;
}

export function loadConfig(argv: readonly string[], env: NodeJS.ProcessEnv): Config {
  const { command, flags } = parseArgs(argv);
  if (flags.has('help')) throw new ConfigError(USAGE);
  const host = flags.get('host') ?? '127.0.0.1';
  if (host !== 'localhost' && isIP(host) === 0) throw new ConfigError('--host must be an IP address or localhost');
  const port = intFlag(flags, 'port', 8080, 0, 65535);
  const dataFlag = flags.get('data');
  const dataDir = dataFlag ? resolve(dataFlag) : env.DATABASE_URL ? null : resolve('mailroom-server-data');

  const certFile = flags.get('tls-cert');
  const keyFile = flags.get('tls-key');
  if (Boolean(certFile) !== Boolean(keyFile)) throw new ConfigError('--tls-cert and --tls-key go together');
  const https = certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : null;
  if (!https && !LOOPBACK.has(host) && !flags.has('allow-plain-http')) {
    throw new ConfigError(`listening on ${host} needs TLS (--tls-cert and --tls-key), or --allow-plain-http behind a TLS proxy`);
  }

  let database: DatabaseConfig;
  if (env.DATABASE_URL) {
    database = { kind: 'postgres', url: env.DATABASE_URL, ...(env.DATABASE_SCHEMA ? { schema: env.DATABASE_SCHEMA } : {}) };
  } else {
    mkdirSync(dataDir!, { recursive: true, mode: 0o700 });
    database = { kind: 'pglite', dataDir: join(dataDir!, 'db') };
  }

  const out = flags.get('out') ?? null;
  if (command === 'export-snapshot' && !out) throw new ConfigError('export-snapshot needs --out FILE');

  return {
    command,
    host,
    port,
    database,
    pgliteDir: database.kind === 'pglite' ? dataDir : null,
    dataKey: dataKeyFrom(env, dataDir),
    adminToken: env.MAILROOM_ADMIN_TOKEN?.trim() || null,
    https,
    pageTtlMs: intFlag(flags, 'page-ttl-minutes', 60, 1, 7 * 24 * 60) * 60_000,
    logLevel: env.MAILROOM_LOG_LEVEL ?? 'info',
    out,
    validDays: intFlag(flags, 'valid-days', 7, 1, 90),
  };
}
