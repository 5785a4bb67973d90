// The schema, as numbered migrations applied in order on start, the same on PGlite and PostgreSQL.
// A migration is never edited once released; a change is a new migration.
import type { Database } from './database.ts';

interface Migration {
  readonly id: number;
  readonly name: string;
  readonly sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    id: 1,
    name: 'blocklist, accounts, devices, events, keys',
    sql: `
      CREATE TABLE list_state (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        version bigint NOT NULL
      );
      INSERT INTO list_state (id, version) VALUES (true, 0);

      -- One row per list version: the change that raised the list to it. Entries are sealed
      -- (AES-GCM, key from configuration); deletions carry no victim data at all.
      CREATE TABLE changes (
        version bigint PRIMARY KEY,
        entry_id text NOT NULL,
        op text NOT NULL CHECK (op IN ('upsert', 'delete')),
        sealed bytea,
        actor text NOT NULL,
        at timestamptz NOT NULL,
        CHECK ((op = 'upsert') = (sealed IS NOT NULL))
      );
      CREATE INDEX changes_by_entry ON changes (entry_id, version DESC);

      -- The current list: each live entry points at the change that holds its current content.
      CREATE TABLE entries (
        id text PRIMARY KEY,
        version bigint NOT NULL REFERENCES changes (version),
        entered_by text NOT NULL,
        entered_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      );

      CREATE TABLE audit_log (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        entry_id text,
        list_version bigint,
        reason text,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb
      );
      CREATE INDEX audit_by_entry ON audit_log (entry_id, seq);

      CREATE TABLE case_handlers (
        id text PRIMARY KEY,
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        disabled_at timestamptz
      );

      CREATE TABLE sessions (
        token_hash text PRIMARY KEY,
        handler_id text NOT NULL REFERENCES case_handlers (id),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );

      -- Removing or narrowing a block waits here for a second case handler.
      CREATE TABLE proposals (
        id text PRIMARY KEY,
        entry_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('remove', 'narrow')),
        base_version bigint NOT NULL,
        sealed bytea,
        proposed_by text NOT NULL,
        reason text,
        proposed_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'rejected', 'stale')),
        decided_by text,
        decided_at timestamptz
      );
      CREATE INDEX proposals_pending ON proposals (status, proposed_at);

      CREATE TABLE devices (
        id text PRIMARY KEY,
        site text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        enrolled_by text NOT NULL,
        enrolled_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_seen_at timestamptz
      );

      CREATE TABLE events (
        id text PRIMARY KEY,
        device_id text NOT NULL REFERENCES devices (id),
        type text NOT NULL,
        at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        body jsonb NOT NULL
      );

      CREATE TABLE signing_keys (
        key_id text PRIMARY KEY,
        public_key bytea NOT NULL,
        sealed_secret bytea NOT NULL,
        created_at timestamptz NOT NULL,
        announcement jsonb,
        retired_at timestamptz
      );

      CREATE TABLE settings (
        name text PRIMARY KEY,
        value text NOT NULL
      );
    `,
  },
];

export async function migrate(db: Database): Promise<number> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  return db.transaction(async (tx) => {
    // Two servers starting on one PostgreSQL database apply each migration once.
    await tx.query('SELECT pg_advisory_xact_lock(7301)');
    const done = new Set((await tx.query<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => r.id));
    let applied = 0;
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
      applied++;
    }
    return applied;
  });
}

/** Splits a migration on semicolons at line ends (our migrations hold no procedural bodies). */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
