// One small database port over the two engines the service runs on: PGlite embedded in the process
// (the no-set-up default) and PostgreSQL through a pool (production). Same SQL, same migrations.
import { PGlite } from '@electric-sql/pglite';
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

async function openPglite(dataDir: string | null): Promise<Database> {
  const db = dataDir ? new PGlite(dataDir) : new PGlite();
  await db.waitReady;
  // PGlite has one session: a plain query issued while a transaction is open would run inside it and
  // see its uncommitted rows. One queue for everything keeps each transaction truly isolated.
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
  const rows = async <Row>(q: Pick<PGlite, 'query'>, sql: string, params?: readonly unknown[]): Promise<Row[]> =>
    (await q.query<Row>(sql, params ? [...params] : undefined)).rows;
  return {
    kind: 'pglite',
    query: (sql, params) => exclusive(() => rows(db, sql, params)),
    transaction: (work) =>
      exclusive(() => db.transaction((tx) => work({ query: (sql, params) => rows(tx, sql, params) }))),
    close: () => exclusive(() => db.close()),
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
