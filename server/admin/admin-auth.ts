// The admin bearer token: from MAILROOM_ADMIN_TOKEN, or generated at first start and shown once.
// Only its hash is kept, in the database, so a second start cannot show it again.
import { timingSafeEqual } from 'node:crypto';
import { hashToken, newToken } from '../crypto/secrets.ts';
import type { Database } from '../db/database.ts';

export interface AdminAuth {
  check(token: string): boolean;
}

export async function setUpAdminAuth(db: Database, fromEnv: string | null): Promise<{ auth: AdminAuth; generated: string | null }> {
  let expected: string;
  let generated: string | null = null;
  if (fromEnv) {
    expected = hashToken(fromEnv);
  } else {
    const stored = (await db.query<{ value: string }>("SELECT value FROM settings WHERE name = 'admin_token_hash'"))[0];
    if (stored) {
      expected = stored.value;
    } else {
      generated = newToken('mra');
      expected = hashToken(generated);
      const rows = await db.query(
        "INSERT INTO settings (name, value) VALUES ('admin_token_hash', $1) ON CONFLICT (name) DO NOTHING RETURNING name",
        [expected],
      );
      if (rows.length === 0) {
        // Another server on the same database generated one first: use that, show nothing.
        generated = null;
        expected = (await db.query<{ value: string }>("SELECT value FROM settings WHERE name = 'admin_token_hash'"))[0]!.value;
      }
    }
  }
  const expectedBytes = Buffer.from(expected, 'hex');
  return {
    generated,
    auth: {
      check: (token) => {
        const given = Buffer.from(hashToken(token), 'hex');
        return given.length === expectedBytes.length && timingSafeEqual(given, expectedBytes);
      },
    },
  };
}
