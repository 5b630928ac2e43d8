/**
 * Issue 16 item 2, holes found in review: numbers an officer can still store in plaintext through
 * the call contract. A draft's `answers` accept numbers as well as strings (the schema's
 * `z.number()`), and a number answer was stored as typed: a phone or ID number sent as a JSON
 * number reached the drafts and records tables unmasked. And the name of an imported file (often
 * named after the borrower by whoever saved it) was stored as typed in the imports table.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { UserView } from '../../shared/contract';
import type { DraftState } from '../../shared/domain/calls';
import { checklistOf } from '../../shared/scripts/schema';
import { findUser } from '../../electron/core/users/users';
import { initBranch } from '../../electron/core/branch';
import { saveDraft, startCall } from '../../electron/core/calls/calls';
import { finalizeRecord, scriptParties } from '../../electron/core/records/records';
import { openCall } from '../../electron/core/calls/view';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { migrate } from '../../electron/core/db/migrate';
import { m0007 } from '../../electron/core/db/migrations/0007-mask-free-text';
import { demoSeed } from '../../electron/core/demo/seed';
import { analyseImport, fileSource } from '../../electron/core/imports/analyse';
import { commitImport, listImports } from '../../electron/core/imports/commit';
import { importLimits } from '../../electron/core/imports/limits';
import { generateTasks } from '../../electron/core/tasks/generate';
import { fullState } from '../callState';
import { ROOT, tempDb, TestClock } from '../helpers';

const dirs: string[] = [];
const contexts: AppContext[] = [];
afterEach(() => {
  for (const c of contexts.splice(0)) c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function branch() {
  const file = tempDb();
  dirs.push(path.dirname(file));
  const clock = new TestClock(Date.parse('2026-11-20T02:00:00Z'));
  const ctx = openAppContext(file, { clock: clock.now });
  contexts.push(ctx);
  await initBranch(ctx.db, { code: 'HZ1', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, clock.now());
  await demoSeed(ctx.db, ctx.pii(), { loans: 10, seed: 5, asOf: '2026-11-20', history: false }, clock.now());
  generateTasks(ctx.db, { asOf: '2026-11-20', now: clock.now(), actor: 'test' });
  const u = findUser(ctx.db, 'officer1')!;
  const officer = { id: u.id, username: u.username, displayName: u.display_name, role: u.role } as UserView;
  return { file, clock, ctx, officer };
}

describe('number answers of a draft', () => {
  it('a phone or ID number sent as a JSON number is not stored in plaintext', async () => {
    const { file, clock, ctx, officer } = await branch();
    const taskId = (
      ctx.db
        .prepare("SELECT id FROM tasks WHERE type = 'post_approval' AND status = 'open' ORDER BY id LIMIT 1")
        .get() as {
        id: number;
      }
    ).id;
    startCall(ctx.db, taskId, officer, clock.now());
    const view = openCall(ctx.db, taskId, officer, clock.now());
    const script = view.script!.definition;
    const ask = script.steps.filter((s) => s.kind === 'ask').map((s) => s.id);
    const keys = checklistOf(script, scriptParties(ctx.db, view.loan.id)).map((l) => l.key);
    const base = fullState(script, keys, clock.now().toISOString());
    // What DevTools can send: numbers where the screen would send text.
    const state: DraftState = {
      ...base,
      answers: { ...base.answers, [ask[0]!]: 14245518283, [ask[1]!]: 330102198703221 },
    };
    saveDraft(ctx.db, taskId, officer, state, clock.now());
    const draft = ctx.db.prepare('SELECT state FROM drafts WHERE task_id = ?').get(taskId) as { state: string };
    expect(draft.state).not.toContain('14245518283');
    expect(draft.state).not.toContain('330102198703221');

    clock.advance(60_000);
    finalizeRecord(ctx.db, taskId, officer, state, clock.now());
    const rec = ctx.db.prepare('SELECT answers FROM records WHERE task_id = ?').get(taskId) as { answers: string };
    expect(rec.answers).not.toContain('14245518283');
    expect(rec.answers).not.toContain('330102198703221');
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(fs.readFileSync(file).includes(Buffer.from('14245518283'))).toBe(false);
  });
});

describe('the name of an imported file', () => {
  it('is stored masked: a file named after a borrower does not put the number in the imports table', async () => {
    const file = tempDb();
    dirs.push(path.dirname(file));
    const ctx = openAppContext(file);
    contexts.push(ctx);
    await initBranch(ctx.db, { code: 'HZ1', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, new Date());
    const source = path.join(ROOT, 'test/fixtures/import/valid-utf8.csv');
    const a = await analyseImport(ctx.db, ctx.pii(), {
      fileName: '张三 142 4551 8283 330102198703221397.csv',
      source: fileSource(source),
      limits: importLimits(ctx.db),
      today: '2026-11-23',
    });
    commitImport(ctx.db, ctx.pii(), a, { skipInvalid: true, actor: 'manager1', now: new Date() });
    const stored = ctx.db.prepare('SELECT file_name FROM imports').pluck().all() as string[];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toContain('张三');
    expect(stored[0]!.replace(/\D/g, '')).not.toContain('45518283');
    expect(stored[0]).not.toContain('330102198703221397');
    expect(listImports(ctx.db).map((i) => i.fileName)).toEqual(stored);
  });
});

describe('migration 0007 and file names stored before', () => {
  it('masks the name of a file imported before names were masked', async () => {
    const file = tempDb();
    dirs.push(path.dirname(file));
    const ctx = openAppContext(file);
    await initBranch(ctx.db, { code: 'HZ1', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, new Date());
    const a = await analyseImport(ctx.db, ctx.pii(), {
      fileName: 'x.csv',
      source: fileSource(path.join(ROOT, 'test/fixtures/import/valid-utf8.csv')),
      limits: importLimits(ctx.db),
      today: '2026-11-23',
    });
    commitImport(ctx.db, ctx.pii(), a, { skipInvalid: true, actor: 'manager1', now: new Date() });
    ctx.close();
    // The branch as it was before 0007: the name as typed, no reported_phones table yet.
    const db = new Database(file);
    const triggers = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'imports'")
      .all() as { name: string; sql: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    db.prepare('UPDATE imports SET file_name = ?').run('张三 142 4551 8283.csv');
    for (const t of triggers) db.exec(t.sql);
    db.exec('DROP TABLE reported_phones');
    db.pragma(`user_version = ${m0007.version - 1}`);
    expect(migrate(db, m0007.version)).toEqual([m0007.version]);
    const name = db.prepare('SELECT file_name FROM imports').pluck().get() as string;
    db.close();
    expect(name).toContain('张三');
    expect(name.replace(/\D/g, '')).not.toContain('45518283');
  });
});

describe('calls.open on an unassigned task', () => {
  it('refuses an officer a closed pool task of a loan outside their work', async () => {
    const { clock, ctx, officer } = await branch();
    const loanId = (
      ctx.db.prepare("SELECT loan_id FROM tasks WHERE status = 'open' AND assignee_id IS NULL LIMIT 1").get() as {
        loan_id: number;
      }
    ).loan_id;
    // Every task of the loan closed without an assignee (cancelled pool tasks): not in anyone's work.
    ctx.db.prepare("UPDATE tasks SET status = 'cancelled', assignee_id = NULL WHERE loan_id = ?").run(loanId);
    const taskId = (ctx.db.prepare('SELECT id FROM tasks WHERE loan_id = ? LIMIT 1').get(loanId) as { id: number }).id;
    expect(() => openCall(ctx.db, taskId, officer, clock.now())).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    const m = findUser(ctx.db, 'manager1')!;
    const manager = { id: m.id, username: m.username, displayName: m.display_name, role: m.role } as UserView;
    expect(openCall(ctx.db, taskId, manager, clock.now()).task.taskId).toBe(taskId);
  });
});
