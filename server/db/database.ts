// One small database port over the two engines the service runs on: PGlite embedded in the process
// (the no-set-up default) and PostgreSQL through a pool (production). Same SQL, same migrations.
import { Worker } from 'node:worker_threads';
import pg from 'pg';

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type DatabaseConfig =
  | { readonly kind: 'pglite'; readonly dataDir: string | null }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema?: string; readonly poolSize?: number };

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  switch (config.kind) {
    case 'pglite':
      return openPglite(config.dataDir);
    case 'postgres':
      return openPostgres(config.url, config.schema, config.poolSize ?? 10);
    default: {
      const never: never = config;
      throw new Error(`unknown database kind ${String(never)}`);
    }
  }
}

interface WorkerReply {
  readonly id?: number;
  readonly ready?: boolean;
  readonly rows?: unknown[];
  readonly error?: { readonly message: string; readonly name?: string; readonly code?: string };
}

function rebuiltError(error: NonNullable<WorkerReply['error']>): Error {
  return Object.assign(new Error(error.message), error);
}

/**
 * PGlite runs in a worker thread (pglite-worker.mjs): its queries execute in WebAssembly and would
 * otherwise hold the HTTP event loop, so 200 polls a second would queue behind every write.
 */
async function openPglite(dataDir: string | null): Promise<Database> {
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dataDir } });
  const pending = new Map<number, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failure: Error | null = null;
  const failAll = (e: Error) => {
    failure ??= e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (m: WorkerReply) => (m.ready ? resolve() : reject(rebuiltError(m.error ?? { message: 'PGlite did not start' }))));
    worker.once('error', reject);
  });
  worker.on('message', (m: WorkerReply) => {
    const p = m.id === undefined ? undefined : pending.get(m.id);
    if (!p) return;
    pending.delete(m.id!);
    if (m.error) p.reject(rebuiltError(m.error));
    else p.resolve(m.rows ?? []);
  });
  worker.on('error', (e) => failAll(e));
  worker.on('exit', () => failAll(new Error('the PGlite worker has stopped')));
  const send = <Row>(message: { sql?: string; params?: unknown[]; close?: true }): Promise<Row[]> =>
    new Promise<Row[]>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { resolve: resolve as (rows: unknown[]) => void, reject });
      worker.postMessage({ id, ...message });
    });
  const run = <Row>(sql: string, params?: readonly unknown[]): Promise<Row[]> => send<Row>({ sql, ...(params ? { params: [...params] } : {}) });

  // PGlite has one session: a plain query issued while a transaction is open would run inside it and
  // see its uncommitted rows. One queue for everything keeps each transaction truly isolated.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work);
    tail = next.catch(() => undefined);
    return next;
  };
  return {
    kind: 'pglite',
    query: (sql, params) => exclusive(() => run(sql, params)),
    transaction: (work) =>
      exclusive(async () => {
        await run('BEGIN');
        try {
          const result = await work({ query: run });
          await run('COMMIT');
          return result;
        } catch (e) {
          await run('ROLLBACK').catch(() => undefined);
          throw e;
        }
      }),
    close: () =>
      exclusive(async () => {
        if (!failure) await send({ close: true });
        await worker.terminate();
      }),
  };
}

async function openPostgres(url: string, schema: string | undefined, poolSize: number): Promise<Database> {
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('database schema must be a plain identifier');
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  const client = await pool.connect();
  client.release();
  return {
    kind: 'postgres',
    query: async (sql, params) => (await pool.query(sql, params ? [...params] : undefined)).rows,
    transaction: async (work) => {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const result = await work({ query: async (sql, params) => (await c.query(sql, params ? [...params] : undefined)).rows });
        await c.query('COMMIT');
        return result;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Postgres returns bigint as a string (pg) or a number (PGlite); versions fit in a double. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** The SQLSTATE of a database error, when it has one (unique violation is 23505). */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
