/** The migration list and the migration files agree: one file per entry, versions from the file names, increasing, steps of 10 after 0009. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION } from '../../electron/core/db/migrations';
import { ROOT } from '../helpers';

const DIR = path.join(ROOT, 'electron/core/db/migrations');
const files = fs.readdirSync(DIR).filter((f) => /^\d{4}-.+\.ts$/.test(f));

describe('migration numbers', () => {
  it('list every NNNN-name.ts file once, in order, with the version of its file name', () => {
    expect(MIGRATIONS).toHaveLength(files.length);
    const byVersion = new Map(files.map((f) => [Number(f.slice(0, 4)), f]));
    expect(byVersion.size).toBe(files.length);
    for (const m of MIGRATIONS) {
      const file = byVersion.get(m.version);
      expect(
        file,
        `migration ${m.version} (${m.name}) has no file ${String(m.version).padStart(4, '0')}-*.ts`,
      ).toBeDefined();
      const src = fs.readFileSync(path.join(DIR, file!), 'utf8');
      expect(src, `${file} declares version ${m.version}`).toMatch(new RegExp(`version:\\s*${m.version}\\b`));
    }
  });
  it('increase strictly, and go in steps of 10 after 0009', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    for (let i = 1; i < versions.length; i++) expect(versions[i]!).toBeGreaterThan(versions[i - 1]!);
    for (const v of versions.filter((v) => v > 9)) expect(v % 10, `migration ${v} is not a multiple of 10`).toBe(0);
    expect(SCHEMA_VERSION).toBe(versions[versions.length - 1]);
  });
  it('have distinct names', () => {
    expect(new Set(MIGRATIONS.map((m) => m.name)).size).toBe(MIGRATIONS.length);
  });
});
