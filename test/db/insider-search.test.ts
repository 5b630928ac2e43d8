/**
 * Issue 16 item 1, "search is an oracle", tried as an insider would: an officer enumerates the
 * candidates the screen's mask leaves open (4 phone digits, an ID number's birth date, a name's
 * given characters) through the real dispatcher on a real database file. Nothing may be learned:
 * a loan outside the officer's work is never returned, full-number searches are audited with a
 * masked query and limited per user (20 per 10 minutes), and the limit survives a restart.
 * Also the officer scope rule of `tasks.queue`, which no other test would miss if removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LoanRow } from '../../shared/contract';
import { idCheckChar } from '../../shared/domain/idNumber';
import type { Result } from '../../shared/result';
import { verifyAuditChain } from '../../electron/core/audit/log';
import { findUser } from '../../electron/core/users/users';
import { initBranch } from '../../electron/core/branch';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { demoSeed, DEMO_PASSWORD } from '../../electron/core/demo/seed';
import { createDispatcher, type Dispatch } from '../../electron/core/dispatch';
import { generateTasks } from '../../electron/core/tasks/generate';
import { tempDb, TestClock } from '../helpers';

let clock: TestClock;
let template: string;
let file: string;
let ctx: AppContext;
let dispatch: Dispatch;

const START = Date.parse('2026-11-20T02:00:00Z'); // 10:00 in Shanghai

// One seeded branch, copied (database and its key file) for every test: seeding hashes passwords.
beforeAll(async () => {
  template = tempDb();
  const c = openAppContext(template, { clock: () => new Date(START) });
  await initBranch(c.db, { code: 'HZ1', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, new Date(START));
  await demoSeed(c.db, c.pii(), { loans: 60, seed: 7, asOf: '2026-11-20', history: false }, new Date(START));
  generateTasks(c.db, { asOf: '2026-11-20', now: new Date(START), actor: 'test' });
  c.close();
});

afterAll(() => fs.rmSync(path.dirname(template), { recursive: true, force: true }));

beforeEach(() => {
  clock = new TestClock(START);
  file = tempDb();
  for (const f of fs.readdirSync(path.dirname(template)))
    fs.copyFileSync(path.join(path.dirname(template), f), path.join(path.dirname(file), f));
  ctx = openAppContext(file, { clock: clock.now });
  dispatch = createDispatcher(ctx, () => {});
});

afterEach(() => {
  ctx.close();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

interface Borrower {
  loanId: number;
  loanNo: string;
  name: string;
  phone: string;
  idNumber: string;
}

/** The borrower of a loan in plaintext, as only the test (holding the key) can read it. */
function borrowers(): Borrower[] {
  const rows = ctx.db
    .prepare(
      `SELECT l.id AS loanId, l.loan_no AS loanNo, p.name, p.phone_enc, p.id_number_enc
         FROM loans l JOIN parties p ON p.loan_id = l.id AND p.role = 'borrower'
        WHERE p.phone_enc IS NOT NULL AND EXISTS (SELECT 1 FROM tasks t WHERE t.loan_id = l.id)
        ORDER BY l.id`,
    )
    .all() as { loanId: number; loanNo: string; name: string; phone_enc: string; id_number_enc: string }[];
  return rows.map((r) => ({
    loanId: r.loanId,
    loanNo: r.loanNo,
    name: r.name,
    phone: ctx.pii().decrypt(r.phone_enc),
    idNumber: ctx.pii().decrypt(r.id_number_enc),
  }));
}

const userId = (username: string) => findUser(ctx.db, username)!.id;

/** Every task of the loan goes to `username`: the loan is then in that officer's work only. */
function giveLoanTo(loanId: number, username: string): void {
  ctx.db.prepare('UPDATE tasks SET assignee_id = ? WHERE loan_id = ?').run(userId(username), loanId);
}

async function login(username: string, password = DEMO_PASSWORD): Promise<void> {
  await dispatch('auth.logout', {});
  const r = await dispatch('auth.login', { username, password });
  expect(r.ok, `login ${username}`).toBe(true);
}

type List = { total: number; rows: LoanRow[] };

/** One search as the attacker makes it: a small page, the clock moving on 25 ms per call. */
async function search(q: string): Promise<Result<List>> {
  clock.advance(25);
  return (await dispatch('loans.list', { search: q, offset: 0, limit: 10 })) as Result<List>;
}

/** The 10,000 numbers the mask 138****5678 leaves, the true one moved to `at`. */
function phoneCandidates(truth: string, at: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < 10_000; i++) out.push(truth.slice(0, 3) + String(i).padStart(4, '0') + truth.slice(7));
  out.splice(out.indexOf(truth), 1);
  out.splice(at, 0, truth);
  return out;
}

const searchEntries = () =>
  ctx.db.prepare("SELECT actor, details FROM audit_log WHERE action = 'loans.search' ORDER BY seq").all() as {
    actor: string;
    details: string;
  }[];

describe('officer scope on loans.list', () => {
  it('lists an officer only the loans whose file they may open; a manager sees the whole branch', async () => {
    const [theirs, other] = borrowers();
    giveLoanTo(theirs!.loanId, 'officer1');
    giveLoanTo(other!.loanId, 'officer2');
    const all = (ctx.db.prepare('SELECT count(*) FROM loans').pluck().get() as number) ?? 0;

    await login('officer1');
    const mine = (await dispatch('loans.list', { offset: 0, limit: 50_000 })) as Result<List>;
    if (!mine.ok) throw new Error(mine.error.message);
    const listed = mine.value.rows.map((r) => r.loanNo);
    expect(listed).toContain(theirs!.loanNo);
    expect(listed).not.toContain(other!.loanNo);
    expect(mine.value.total).toBe(listed.length);
    expect(mine.value.total).toBeLessThan(all);
    // The list and the loan file follow one rule: everything listed opens, the rest is refused.
    for (const loanNo of listed) expect((await dispatch('loans.file', { loanNo })).ok, loanNo).toBe(true);
    expect(await dispatch('loans.file', { loanNo: other!.loanNo })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'errors.loanNotYours' },
    });

    await login('manager1');
    const branch = (await dispatch('loans.list', { offset: 0, limit: 50_000 })) as Result<List>;
    expect(branch.ok && branch.value.total).toBe(all);
  });

  it('keeps a loan the officer dialled in their list after its task went to someone else', async () => {
    const b = borrowers().find(
      (x) =>
        ctx.db
          .prepare("SELECT 1 FROM tasks WHERE loan_id = ? AND status = 'open' AND window_start <= '2026-11-20'")
          .get(x.loanId) !== undefined,
    );
    giveLoanTo(b!.loanId, 'officer2');
    await login('officer1');
    expect(((await search(b!.loanNo)) as { value: List }).value.total).toBe(0);
    // officer1 dials the loan from the pool (no answer), then the manager gives it to officer2.
    const task = ctx.db
      .prepare("SELECT id FROM tasks WHERE loan_id = ? AND status = 'open' AND window_start <= '2026-11-20' LIMIT 1")
      .pluck()
      .get(b!.loanId) as number;
    ctx.db.prepare('UPDATE tasks SET assignee_id = NULL WHERE id = ?').run(task);
    expect(await dispatch('calls.start', { taskId: task })).toMatchObject({ ok: true });
    expect(await dispatch('calls.recordAttempt', { taskId: task, outcome: 'no_answer' })).toMatchObject({ ok: true });
    giveLoanTo(b!.loanId, 'officer2');
    expect(((await search(b!.loanNo)) as { value: List }).value.rows.map((r) => r.loanNo)).toEqual([b!.loanNo]);
  });
});

describe('the phone-number oracle', () => {
  it('recovers nothing in 10,000 calls: out of scope never answers, in scope the limit stops it first', async () => {
    const [inScope, outOfScope] = borrowers();
    giveLoanTo(inScope!.loanId, 'officer1');
    giveLoanTo(outOfScope!.loanId, 'officer2');
    await login('officer1');

    // Within the limit: the out-of-scope borrower's true number, tried 4th, finds nothing.
    const outside = phoneCandidates(outOfScope!.phone, 3).slice(0, 10);
    for (const q of outside) {
      const r = await search(q);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value.rows.map((x) => x.loanNo)).not.toContain(outOfScope!.loanNo);
    }

    // Then the in-scope borrower, the true number well after the limit (as ~4,500 calls found it).
    const candidates = phoneCandidates(inScope!.phone, 4_500);
    const learned: string[] = [];
    let limited = 0;
    let firstLimited = -1;
    for (let i = 0; i < candidates.length; i++) {
      const r = await search(candidates[i]!);
      if (r.ok) {
        if (r.value.total > 0) learned.push(candidates[i]!);
      } else {
        expect(r.error).toEqual({
          code: 'rate_limited',
          message: 'errors.searchRateLimited',
          params: { limit: 20, minutes: 10 },
        });
        limited++;
        if (firstLimited < 0) firstLimited = i;
      }
    }
    expect(learned).toEqual([]);
    // 10 searches above + 10 here = the 20 of the window; every later call is refused.
    expect(firstLimited).toBe(10);
    expect(limited).toBe(candidates.length - 10);

    // Audited: 20 entries by the officer, masked, with their hit counts; no full number anywhere.
    const entries = searchEntries();
    expect(entries).toHaveLength(20);
    for (const e of entries) {
      expect(e.actor).toBe('officer1');
      expect(JSON.parse(e.details)).toEqual({
        channel: 'loans.list',
        kind: 'phone',
        query: expect.stringMatching(/^1\d\d\*{4}\d{4}$/),
        hits: 0,
      });
    }
    const log = ctx.db.prepare('SELECT group_concat(details) FROM audit_log').pluck().get() as string;
    expect(log).not.toContain(inScope!.phone);
    expect(log).not.toContain(outOfScope!.phone);
    // The refusal is audited once per window, not once per refused call.
    const limitedEntries = ctx.db
      .prepare("SELECT actor, details FROM audit_log WHERE action = 'loans.search_limited'")
      .all() as { actor: string; details: string }[];
    expect(limitedEntries).toHaveLength(1);
    expect(limitedEntries[0]!.actor).toBe('officer1');
    expect(JSON.parse(limitedEntries[0]!.details)).toMatchObject({ searches: 20, limit: 20, windowMinutes: 10 });
    expect(verifyAuditChain(ctx.db)).toMatchObject({ ok: true });

    // The manager sees who ran into the limit; an officer may not read that list.
    expect(await dispatch('loans.searchAlerts', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await login('manager1');
    expect(await dispatch('loans.searchAlerts', {})).toEqual({
      ok: true,
      value: [
        {
          at: expect.any(String),
          actor: 'officer1',
          actorName: '王芳',
          kind: 'phone',
          searches: 20,
          limit: 20,
          windowMinutes: 10,
        },
      ],
    });
  });

  it('holds across a restart of the app, counts the task queue too, and opens again after the window', async () => {
    const [b] = borrowers();
    giveLoanTo(b!.loanId, 'officer1');
    await login('officer1');
    const candidates = phoneCandidates(b!.phone, 100);
    // The queue's search by full phone number is the same oracle and shares the same count.
    for (let i = 0; i < 10; i++) {
      clock.advance(25);
      expect(await dispatch('tasks.queue', { tab: 'all', search: candidates[i] })).toMatchObject({ ok: true });
    }
    for (let i = 10; i < 20; i++) expect((await search(candidates[i]!)).ok).toBe(true);
    expect(await search(candidates[20]!)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    clock.advance(25);
    expect(await dispatch('tasks.queue', { tab: 'all', search: candidates[21] })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });

    // Restarting the app (a new process on the same file) does not reset the count.
    ctx.close();
    ctx = openAppContext(file, { clock: clock.now });
    dispatch = createDispatcher(ctx, () => {});
    await login('officer1');
    expect(await search(candidates[22]!)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    // Searches that name no full number still work while limited.
    expect(await search(b!.loanNo)).toMatchObject({ ok: true, value: { total: 1 } });
    // Another officer has a count of their own.
    await login('officer2');
    expect((await search(candidates[23]!)).ok).toBe(true);

    // Ten minutes after the window's searches, the officer may search again (20 more at most).
    clock.advance(10 * 60_000);
    await login('officer1');
    const r = await search(b!.phone);
    expect(r).toMatchObject({ ok: true, value: { total: 1 } });
    expect(searchEntries().at(-1)).toMatchObject({ actor: 'officer1' });
    expect(JSON.parse(searchEntries().at(-1)!.details)).toMatchObject({ hits: 1 });
  });
});

describe('the ID-number birth-date oracle', () => {
  it('finds nothing among the ~1,500 candidates of the masked ID 330102********1234', async () => {
    const [b] = borrowers();
    giveLoanTo(b!.loanId, 'officer1');
    const id = b!.idNumber;
    const [head, seq, check] = [id.slice(0, 6), id.slice(14, 17), id.slice(17)];
    const candidates: string[] = [];
    for (let d = Date.UTC(1940, 0, 1); d <= Date.UTC(2008, 11, 31); d += 86_400_000) {
      const first17 = head + new Date(d).toISOString().slice(0, 10).replace(/-/g, '') + seq;
      if (idCheckChar(first17) === check) candidates.push(first17 + check);
    }
    expect(candidates).toContain(id);
    expect(candidates.length).toBeGreaterThan(1_000);
    candidates.splice(candidates.indexOf(id), 1);
    candidates.splice(700, 0, id);

    await login('officer1');
    const answers = [];
    for (const q of candidates) answers.push(await search(q));
    expect(answers.filter((r) => r.ok && r.value.total > 0)).toEqual([]);
    expect(answers.slice(0, 20).every((r) => r.ok)).toBe(true);
    expect(answers.slice(20).every((r) => !r.ok && r.error.code === 'rate_limited')).toBe(true);
    const entries = searchEntries();
    expect(entries).toHaveLength(20);
    for (const e of entries)
      expect(JSON.parse(e.details)).toMatchObject({ kind: 'id', query: `${head}********${id.slice(-4)}`, hits: 0 });
    const log = ctx.db.prepare('SELECT group_concat(details) FROM audit_log').pluck().get() as string;
    expect(log).not.toContain(id);
  });
});

describe('the name-fragment oracle', () => {
  it('finds no loan outside the officer’s work by any fragment of its borrower’s name', async () => {
    const all = borrowers();
    const target = all.find((b) => [...b.name].length >= 2)!;
    giveLoanTo(target.loanId, 'officer2');
    await login('officer1');
    const chars = [...target.name];
    const fragments = new Set<string>();
    for (let i = 0; i < chars.length; i++)
      for (let j = i + 1; j <= chars.length; j++) fragments.add(chars.slice(i, j).join(''));
    const seen = new Set<string>();
    for (const f of fragments) {
      const r = await search(f);
      if (!r.ok) throw new Error(r.error.message);
      for (const row of r.value.rows) seen.add(row.loanNo);
      expect(r.value.rows.map((x) => x.loanNo)).not.toContain(target.loanNo);
    }
    // What a name search shows the officer lies inside their scope: the files open (full names are
    // on them), so a fragment teaches nothing they may not read.
    for (const loanNo of seen) expect((await dispatch('loans.file', { loanNo })).ok).toBe(true);
    // The manager still finds the borrower by name.
    await login('manager1');
    const r = await search(target.name);
    expect(r.ok && r.value.rows.map((x) => x.loanNo)).toContain(target.loanNo);
  });
});

describe('tasks.queue officer scope (a rule no other test would miss)', () => {
  it('lists an officer their own and the pool’s tasks only, whatever assignee they ask for', async () => {
    const [a, b] = borrowers();
    giveLoanTo(a!.loanId, 'officer2');
    giveLoanTo(b!.loanId, 'officer1');
    const officer2Tasks = ctx.db
      .prepare('SELECT count(*) FROM tasks WHERE assignee_id = ?')
      .pluck()
      .get(userId('officer2')) as number;
    expect(officer2Tasks).toBeGreaterThan(0);
    await login('officer1');
    for (const assignee of ['all', 'officer2', 'mine_or_pool']) {
      const r = (await dispatch('tasks.queue', { tab: 'all', assignee, limit: 50_000 })) as Result<{
        rows: { loanNo: string; assignee: string | null }[];
        total: number;
      }>;
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.rows.length, assignee).toBeGreaterThan(0);
      expect(
        r.value.rows.filter((x) => x.assignee !== null && x.assignee !== 'officer1'),
        assignee,
      ).toEqual([]);
      expect(
        r.value.rows.map((x) => x.loanNo),
        assignee,
      ).not.toContain(a!.loanNo);
    }
    // A manager asking for officer2's tasks gets them: the filter is the officer's scope, not a bug.
    await login('manager1');
    const m = (await dispatch('tasks.queue', { tab: 'all', assignee: 'officer2', limit: 50_000 })) as Result<{
      total: number;
    }>;
    expect(m.ok && m.value.total).toBe(officer2Tasks);
  });
});
