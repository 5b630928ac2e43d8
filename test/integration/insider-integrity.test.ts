/**
 * Issue 16 item 7: an insider with the database file edits it directly — drops the append-only
 * trigger, edits, recreates the trigger — and `doctor` (the real CLI, `--json` and text) must name
 * each row that no longer matches what the audit log vouches for: a finalized record whose outcome
 * and items were changed, an amended version changed, a deleted outbox entry (in the middle, or the
 * newest with the sequence wound back), a deleted flag, a flag closed by hand, an officer made admin,
 * an admin row added by hand. An untouched seeded database stays healthy.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUser, toUserView } from '../../electron/core/users/users';
import { amendRecord } from '../../electron/core/records/records';
import { openDatabase } from '../../electron/core/db/open';
import type { RowCheck } from '../../electron/core/audit/integrity';
import { cli, cliInit, tempDir } from '../helpers';

let dir: string;
let seeded: string;
let n = 0;

beforeAll(() => {
  dir = tempDir('cbd-insider-integrity-');
  seeded = path.join(dir, 'seeded.db');
  expect(cliInit(seeded).code).toBe(0);
  const r = cli(['demo-seed', '--db', seeded, '--loans', '30', '--as-of', '2026-11-20', '--json']);
  expect(r.code).toBe(0);
}, 180_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of the seeded database (each attack on its own file). */
function copy(): string {
  const f = path.join(dir, `victim-${++n}.db`);
  fs.copyFileSync(seeded, f);
  return f;
}

/** What the attacker does: open the file with plain SQLite and run `sql` (trigger dropped and recreated in it). */
function tamper(file: string, sql: string): void {
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

function one<T>(file: string, sql: string): T {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).get() as T;
  } finally {
    db.close();
  }
}

interface DoctorJson {
  healthy: boolean;
  auditChain: string;
  rows: RowCheck;
}

function doctorJson(file: string): { code: number; report: DoctorJson } {
  const r = cli(['doctor', '--db', file, '--json']);
  return { code: r.code, report: r.json as DoctorJson };
}

const recreate = (table: string, op: 'update' | 'delete', word: string) =>
  `CREATE TRIGGER ${table}_no_${op} BEFORE ${op.toUpperCase()} ON ${table}
     BEGIN SELECT RAISE(ABORT, '${table} rows are ${word}'); END;`;

describe('doctor against direct edits of the database file', () => {
  it('an untouched seeded database is healthy, every row vouched for', () => {
    const { code, report } = doctorJson(copy());
    expect(code).toBe(0);
    expect(report.healthy).toBe(true);
    expect(report.rows.status).toBe('ok');
    expect(report.rows.problemCount).toBe(0);
    // Users, records, flags and outbox entries of the seed are all anchored.
    expect(report.rows.anchoredRows).toBeGreaterThan(100);
  });

  it('names a finalized record whose outcome and items were changed, though the audit chain holds', () => {
    const file = copy();
    const rec = one<{ id: number; task_id: number; version: number }>(
      file,
      "SELECT id, task_id, version FROM records WHERE outcome = 'completed_with_discrepancy' ORDER BY id LIMIT 1",
    );
    expect(rec).toBeDefined();
    tamper(
      file,
      `DROP TRIGGER records_no_update; DROP TRIGGER record_items_no_update;
       UPDATE records SET outcome = 'completed' WHERE id = ${rec.id};
       UPDATE record_items SET result = 'match', note = '' WHERE record_id = ${rec.id} AND result = 'mismatch';
       ${recreate('records', 'update', 'immutable')} ${recreate('record_items', 'update', 'immutable')}`,
    );
    const { code, report } = doctorJson(file);
    expect(report.auditChain).toBe('ok');
    expect(code).toBe(1);
    expect(report.healthy).toBe(false);
    expect(report.rows.problems).toContainEqual({
      kind: 'record',
      id: rec.id,
      problem: 'changed',
      taskId: rec.task_id,
      version: rec.version,
    });
    // The text output names it too.
    const text = cli(['doctor', '--db', file]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`record ${rec.id} (task ${rec.task_id}, version ${rec.version}): changed`);
  });

  it('names an amended version changed by hand', () => {
    const file = copy();
    const rec = one<{ task_id: number; finalized_by: number }>(
      file,
      "SELECT task_id, finalized_by FROM records WHERE outcome = 'completed' ORDER BY id LIMIT 1",
    );
    const db = openDatabase(file, { mustExist: true });
    let amended: { recordId: number; version: number };
    try {
      const manager = toUserView(findUser(db, 'manager1')!);
      const item = db
        .prepare(
          "SELECT key FROM record_items WHERE record_id = (SELECT id FROM records WHERE task_id = ?) AND result = 'match' LIMIT 1",
        )
        .pluck()
        .get(rec.task_id) as string;
      amended = amendRecord(
        db,
        rec.task_id,
        manager,
        {
          items: { [item]: { result: 'unverifiable', stated: '', note: '回访时未能核实' } },
          reason: '复核录音后更正',
          expectedVersion: 1,
        },
        new Date(),
      );
    } finally {
      db.close();
    }
    expect(doctorJson(file).report.healthy).toBe(true);
    tamper(
      file,
      `DROP TRIGGER records_no_update;
       UPDATE records SET reason = '无' WHERE id = ${amended.recordId};
       ${recreate('records', 'update', 'immutable')}`,
    );
    const { code, report } = doctorJson(file);
    expect(code).toBe(1);
    expect(report.rows.problems).toContainEqual({
      kind: 'record',
      id: amended.recordId,
      problem: 'changed',
      taskId: rec.task_id,
      version: 2,
    });
  });

  it('names an outbox entry deleted from the middle', () => {
    const file = copy();
    const seq = one<{ seq: number }>(file, 'SELECT seq FROM outbox ORDER BY seq LIMIT 1 OFFSET 20').seq;
    tamper(
      file,
      `DROP TRIGGER outbox_no_delete; DELETE FROM outbox WHERE seq = ${seq};
       ${recreate('outbox', 'delete', 'append-only')}`,
    );
    const { code, report } = doctorJson(file);
    expect(code).toBe(1);
    expect(report.rows.problems).toEqual([{ kind: 'outbox', id: seq, problem: 'missing' }]);
  });

  it('names the newest outbox entries deleted with the sequence wound back', () => {
    const file = copy();
    const last = one<{ seq: number }>(file, 'SELECT max(seq) AS seq FROM outbox').seq;
    // The newest entry an anchoring audit entry vouches for (a record or flag, not a task update).
    const anchored = one<{ seq: number }>(
      file,
      "SELECT max(seq) AS seq FROM outbox WHERE entity IN ('record', 'flag')",
    ).seq;
    tamper(
      file,
      `DROP TRIGGER outbox_no_delete; DELETE FROM outbox WHERE seq >= ${anchored};
       UPDATE sqlite_sequence SET seq = ${anchored - 1} WHERE name = 'outbox';
       ${recreate('outbox', 'delete', 'append-only')}`,
    );
    const { code, report } = doctorJson(file);
    expect(code).toBe(1);
    expect(report.rows.problems).toContainEqual({ kind: 'outbox', id: anchored, problem: 'missing' });
    expect(last).toBeGreaterThanOrEqual(anchored);
  });

  it('names a flag deleted, and a flag closed by hand', () => {
    const file = copy();
    const flags = (() => {
      const db = new Database(file, { readonly: true });
      try {
        return db
          .prepare(
            "SELECT id FROM flags WHERE status = 'open' AND id NOT IN (SELECT flag_id FROM reviews WHERE flag_id IS NOT NULL) ORDER BY id LIMIT 2",
          )
          .pluck()
          .all() as number[];
      } finally {
        db.close();
      }
    })();
    expect(flags).toHaveLength(2);
    tamper(
      file,
      `DELETE FROM flags WHERE id = ${flags[0]};
       UPDATE flags SET status = 'false_alarm', decided_at = '2026-11-20T03:00:00.000Z' WHERE id = ${flags[1]};`,
    );
    const { code, report } = doctorJson(file);
    expect(report.auditChain).toBe('ok');
    expect(code).toBe(1);
    expect(report.rows.problems).toEqual(
      expect.arrayContaining([
        { kind: 'flag', id: flags[0], problem: 'missing' },
        { kind: 'flag', id: flags[1], problem: 'changed' },
      ]),
    );
    expect(cli(['doctor', '--db', file]).stdout).toContain(`flag ${flags[0]}: gone`);
  });

  it('names an officer made admin, and an admin account added by hand', () => {
    const file = copy();
    const officer = one<{ id: number }>(file, "SELECT id FROM users WHERE username = 'officer1'").id;
    const hash = one<{ password_hash: string }>(file, "SELECT password_hash FROM users WHERE username = 'officer1'");
    tamper(
      file,
      `UPDATE users SET role = 'admin' WHERE id = ${officer};
       INSERT INTO users (username, display_name, role, password_hash, created_at)
         VALUES ('it-helper', '运维', 'admin', '${hash.password_hash}', '2026-11-20T03:00:00.000Z');`,
    );
    const added = one<{ id: number }>(file, "SELECT id FROM users WHERE username = 'it-helper'").id;
    const { code, report } = doctorJson(file);
    expect(code).toBe(1);
    expect(report.rows.problems).toEqual(
      expect.arrayContaining([
        { kind: 'user', id: officer, problem: 'changed', username: 'officer1' },
        { kind: 'user', id: added, problem: 'unanchored', username: 'it-helper' },
      ]),
    );
    const text = cli(['doctor', '--db', file]);
    expect(text.stdout).toContain(`user officer1 (id ${officer}): changed`);
    expect(text.stdout).toContain(`user it-helper (id ${added}): has no audit entry`);
  });

  it('a sign-in (failed count, lock, last sign-in) is normal work, not tampering', () => {
    const file = copy();
    tamper(
      file,
      "UPDATE users SET failed_logins = 3, locked_until = '2026-11-20T03:00:00.000Z', last_login_at = '2026-11-20T02:00:00.000Z' WHERE username = 'officer2'",
    );
    expect(doctorJson(file)).toMatchObject({ code: 0, report: { healthy: true } });
  });
});
