/** `audit verify` and `scripts validate` through the real CLI. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { cli, initDb, tempDir, ROOT } from '../helpers';

describe('checks on the command line', () => {
  it('audit verify passes on an intact chain and names the first entry edited by hand', () => {
    const db = initDb();
    const ok = cli(['audit', 'verify', '--db', db, '--json']);
    expect(ok.code).toBe(0);
    expect(ok.json).toMatchObject({ valid: true, firstBadSeq: null });
    expect((ok.json as { entries: number }).entries).toBeGreaterThan(1);
    const raw = new Database(db);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare('UPDATE audit_log SET details = \'{"x":1}\' WHERE seq = 2').run();
    raw.close();
    const bad = cli(['audit', 'verify', '--db', db, '--json']);
    expect(bad.code).toBe(1);
    expect(bad.json).toMatchObject({ valid: false, firstBadSeq: 2 });
  });

  it('scripts validate accepts the shipped scripts and rejects a broken one with its path', () => {
    const ok = cli(['scripts', 'validate', '--json']);
    expect(ok.code).toBe(0);
    expect((ok.json as { scripts: unknown[] }).scripts).toHaveLength(6);
    const dir = tempDir();
    const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'resources/scripts/event.json'), 'utf8'));
    doc.steps[0].next = 'nowhere';
    fs.writeFileSync(path.join(dir, 'event.json'), JSON.stringify(doc));
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ not json');
    const bad = cli(['scripts', 'validate', '--dir', dir, '--json']);
    expect(bad.code).toBe(1);
    const checks = (bad.json as { scripts: { file: string; valid: boolean; problems: string[] }[] }).scripts;
    expect(checks.map((c) => [c.file, c.valid])).toEqual([
      ['broken.json', false],
      ['event.json', false],
    ]);
    expect(checks[1]!.problems.join()).toContain('steps.0.next: scripts.unknownStep');
    // People read the problem in plain words.
    const text = cli(['scripts', 'validate', '--dir', dir]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('steps.0.next: 指向不存在的步骤');
  });
});
