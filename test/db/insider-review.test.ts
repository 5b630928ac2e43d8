/**
 * Issue 16 item 2, holes found in review: numbers an officer can still store in plaintext through
 * the call contract. A draft's `answers` accept numbers as well as strings (the schema's
 * `z.number()`), and a number answer was stored as typed: a phone or ID number sent as a JSON
 * number reached the drafts and records tables unmasked.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { UserView } from '../../shared/contract';
import type { DraftState } from '../../shared/domain/calls';
import { checklistOf } from '../../shared/scripts/schema';
import { findUser } from '../../electron/core/auth/users';
import { initBranch } from '../../electron/core/branch';
import { saveDraft, startCall } from '../../electron/core/calls/calls';
import { finalizeRecord, scriptParties } from '../../electron/core/calls/records';
import { openCall } from '../../electron/core/calls/view';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { demoSeed } from '../../electron/core/demo/seed';
import { generateTasks } from '../../electron/core/schedule/generate';
import { fullState } from '../callState';
import { tempDb, TestClock } from '../helpers';

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
