/**
 * Issue #16 item 16: what a killed backup, restore, export or report left behind (hidden copies
 * of the whole database among them) is removed by the next CLI command or app start — and only
 * what belongs to processes that have ended: a file another running process is writing stays.
 */
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../electron/core/clock';
import { addWeeks, isoWeekOf } from '../../shared/domain/weeks';
import { startHarnessProcess } from '../harness/process';
import { cli, tempDir } from '../helpers';

const dirs: string[] = [];
let work: string;
let db: string;
let tmp: string;
/** The id of a process that has ended (as a killed one has). */
let dead: number;
const live = process.pid;

const plant = (file: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, 'left behind');
  return file;
};
const exists = (files: string[]) => Object.fromEntries(files.map((f) => [path.basename(f), fs.existsSync(f)]));
const all = (files: string[], v: boolean) => Object.fromEntries(files.map((f) => [path.basename(f), v]));

beforeAll(() => {
  work = tempDir('cbd-leftovers-');
  tmp = tempDir('cbd-leftovers-tmp-');
  dirs.push(work, tmp);
  db = path.join(work, 'branch.db');
  const seed = cli(['demo-seed', '--db', db, '--loans', '30', '--seed', '4', '--json']);
  expect(seed.code, seed.stderr).toBe(0);
  const p = spawnSync(process.execPath, ['-e', '']);
  dead = p.pid!;
}, 120_000);

afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('leftovers of ended processes are swept', () => {
  it('by the next CLI command: backup copies, a restore copy, a key temp, report folders, spools', () => {
    const gone = [
      plant(path.join(work, `.manual.db.${dead}.partial`)),
      plant(path.join(work, `.manual.db.${dead}.partial-wal`)),
      plant(path.join(work, `.manual.db.${dead}.partial-journal`)),
      plant(path.join(work, 'backups', `.callback-desk-2026-12-01.db.${dead}.partial`)),
      plant(path.join(work, `branch.db.${dead}.restoring`)),
      plant(path.join(work, `branch.db.sign.key.${dead}.tmp`)),
      plant(path.join(tmp, `callback-desk-report-${dead}-aB3xY9`, '回访周报-2026-W40.xlsx')),
      plant(path.join(tmp, `callback-desk-import-${dead}-${randomUUID()}.spool`)),
    ];
    const kept = [
      plant(path.join(work, `.other.db.${live}.partial`)), // a backup running right now
      plant(path.join(work, 'backups', `.callback-desk-2026-12-02.db.${live}.partial`)),
      plant(path.join(work, 'notes.partial')), // not a name of ours
    ];
    const r = cli(['stats', '--db', db, '--json'], { env: { TMPDIR: tmp } });
    expect(r.code, r.stderr).toBe(0);
    expect(exists(gone)).toEqual(all(gone, false));
    expect(fs.existsSync(path.join(tmp, `callback-desk-report-${dead}-aB3xY9`))).toBe(false);
    expect(exists(kept)).toEqual(all(kept, true));
  });

  it('a restore copy without its database is kept (it may be the only copy; recovery decides)', () => {
    const dir = tempDir('cbd-leftovers-');
    dirs.push(dir);
    const copy = plant(path.join(dir, `gone.db.${dead}.restoring`));
    cli(['stats', '--db', path.join(dir, 'gone.db'), '--json'], { env: { TMPDIR: tmp } });
    expect(fs.existsSync(copy)).toBe(true);
  });

  it('by the next export to the same folder: bundle partials and weekly-export parts of any week', () => {
    const usb = path.join(work, 'usb');
    const gone = [
      plant(path.join(usb, `.HZ001-000001-000010.zip.${dead}.partial`)),
      plant(path.join(usb, `.回访周报-2026-W40.xlsx.${dead}-0123abcd.part`)),
    ];
    const kept = [plant(path.join(usb, `.HZ001-000011-000020.zip.${live}.partial`))];
    const s = cli(['sync', 'export', '--db', db, '--out', usb, '--json'], { env: { TMPDIR: tmp } });
    expect(s.code, s.stderr).toBe(0);
    expect(fs.existsSync(gone[0]!)).toBe(false);
    const week = addWeeks(isoWeekOf(shanghaiDate(new Date())), -1);
    const r = cli(
      ['report', 'weekly', '--db', db, '--week', week, '--out', path.join(usb, 'w.csv'), '--format', 'csv'],
      {
        env: { TMPDIR: tmp },
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(exists(gone)).toEqual(all(gone, false));
    expect(exists(kept)).toEqual(all(kept, true));
  });

  it('by the next start of the app (harness)', async () => {
    const gone = [
      plant(path.join(work, `.manual2.db.${dead}.partial`)),
      plant(path.join(work, 'backups', `.callback-desk-2026-12-03.db.${dead}.partial-wal`)),
    ];
    const h = await startHarnessProcess(db);
    try {
      expect(exists(gone)).toEqual(all(gone, false));
    } finally {
      await h.stop();
    }
  }, 120_000);
});
