/**
 * The schema, held still: a fresh database equals one upgraded step by step from every earlier
 * version, and both equal test/db/schema.snapshot.sql. A migration that changes the schema on
 * purpose updates the snapshot with `UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run test/db/schema-snapshot.test.ts`
 * and the diff shows in review.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations/index';
import { ROOT } from '../helpers';

const SNAPSHOT = path.join(ROOT, 'test/db/schema.snapshot.sql');

/** Every table, index, view and trigger as SQL, white space folded, in a stable order. */
function schemaOf(db: Database.Database): string {
  const rows = db
    .prepare(
      "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all() as { type: string; name: string; sql: string }[];
  const body = rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql.replace(/\s+/g, ' ').trim()};`).join('\n');
  return `-- user_version ${db.pragma('user_version', { simple: true })}\n${body}\n`;
}

function built(from: number | null): string {
  const db = new Database(':memory:');
  try {
    if (from !== null) migrate(db, from);
    migrate(db);
    return schemaOf(db);
  } finally {
    db.close();
  }
}

describe('schema snapshot', () => {
  const fresh = built(null);

  it.each(MIGRATIONS.slice(0, -1).map((m) => m.version))(
    'a database at version %i upgrades to the fresh schema',
    (v) => {
      expect(built(v)).toBe(fresh);
    },
  );

  it('the fresh schema is the committed snapshot', () => {
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') fs.writeFileSync(SNAPSHOT, fresh);
    expect(fresh.startsWith(`-- user_version ${SCHEMA_VERSION}\n`)).toBe(true);
    expect(fresh).toBe(fs.readFileSync(SNAPSHOT, 'utf8'));
  });
});
