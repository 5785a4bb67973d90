// `npm run server -- …`: serves the central blocklist service, or runs one of its offline tasks
// (exporting a signed snapshot file, rotating the signing key). Stdout carries only the ready line
// and the once-only admin token; logs go to stderr.
import { writeFileSync } from 'node:fs';
import { bytesToBase64 } from '../shared/sync/index.ts';
import { snapshotFileText } from './admin/admin-routes.ts';
import { createService, openCore } from './app.ts';
import { ConfigError, loadConfig, USAGE, type Config } from './config.ts';
import { DataDirBusy, lockDataDir } from './data-dir-lock.ts';

async function serve(config: Config, release: () => void): Promise<void> {
  const service = await createService({
    database: config.database,
    dataKey: config.dataKey,
    adminToken: config.adminToken,
    pageTtlMs: config.pageTtlMs,
    log: { level: config.logLevel, stream: process.stderr },
    https: config.https,
  });
  const url = await service.listen(config.port, config.host);
  if (service.generatedAdminToken) {
    process.stdout.write(`admin token (shown once; keep it safe, or set MAILROOM_ADMIN_TOKEN): ${service.generatedAdminToken}\n`);
  }
  const key = service.keys.current();
  process.stdout.write(
    `mailroom-server ready on ${url} (database ${service.db.kind}, list version ${await service.blocks.headVersion()}, key ${key.keyId}, server key ${bytesToBase64(key.publicKey)})\n`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    service.app.log.info({ signal }, 'stopping');
    service.close().then(
      () => {
        release();
        process.exit(0);
      },
      () => {
        release();
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function offline(config: Config): Promise<void> {
  const core = await openCore({ database: config.database, dataKey: config.dataKey });
  try {
    if (config.command === 'export-snapshot') {
      writeFileSync(config.out!, await snapshotFileText(core.feed, config.validDays), { mode: 0o600 });
      process.stdout.write(`wrote signed snapshot of list version ${await core.blocks.headVersion()} to ${config.out} (valid ${config.validDays} days)\n`);
    } else {
      const { keyId, publicKey } = await core.keys.rotate('cli');
      process.stdout.write(`rotated signing key: new key ${keyId} (${bytesToBase64(publicKey)}), announced by the previous key; restart running servers\n`);
    }
  } finally {
    await core.db.close();
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.argv.slice(2), process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n${e.message === USAGE ? '' : `${USAGE}\n`}`);
      process.exit(2);
    }
    throw e;
  }
  let release = () => undefined as void;
  try {
    if (config.pgliteDir) release = lockDataDir(config.pgliteDir);
  } catch (e) {
    if (e instanceof DataDirBusy) {
      process.stderr.write(`mailroom-server: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  process.on('exit', release);
  if (config.command === 'serve') await serve(config, release);
  else await offline(config).finally(release);
}

// Anything unexpected is logged by kind and the process exits: a half-working service that signs
// pages is worse than a stopped one the supervisor restarts.
process.on('uncaughtException', (e) => {
  process.stderr.write(`mailroom-server: fatal ${e.name}: ${e.message}\n`);
  process.exit(1);
});

main().catch((e: unknown) => {
  process.stderr.write(`mailroom-server: could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
