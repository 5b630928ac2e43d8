/** Each row type of core/db/rows.ts names exactly the columns of its table in a fresh database. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/db/migrate';
import { ROW_COLUMNS } from '../../electron/core/db/rows';

describe('row types', () => {
  it.each(Object.entries(ROW_COLUMNS))('%s has the columns of its table', (table, columns) => {
    const db = new Database(':memory:');
    try {
      migrate(db);
      const actual = (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
      expect([...columns].sort()).toEqual(actual.sort());
    } finally {
      db.close();
    }
  });
});
