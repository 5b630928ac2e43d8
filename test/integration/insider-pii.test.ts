/**
 * Issue #16 item 2, end to end: an officer types a phone and an ID number, in every way of writing
 * them the masker must catch, into every free-text field of a call (draft, attempt note, record
 * note, stated values, item notes), the record is amended (stated values, reason), a manager
 * comments, decides (the decision becomes a recall task's reason) and creates an event task,
 * someone reveals with such a reason and a log line carries it; then the real CLI writes the
 * weekly export (XLSX and CSV) and a sync bundle. The raw bytes of the database, its WAL, the
 * log files, the exports (the XLSX's XML inside its ZIP) and the bundle (every ZIP entry) hold
 * none of the numbers. Also: `reads` keys that are not the script's own are refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { UserView } from '../../shared/contract';
import type { DraftState } from '../../shared/domain/calls';
import { AppError } from '../../shared/result';
import { checklistOf } from '../../shared/scripts/schema';
import { initBranch } from '../../electron/core/branch';
import { findUser } from '../../electron/core/users/users';
import { recordAttempt, saveDraft, startCall } from '../../electron/core/calls/calls';
import { revealPii } from '../../electron/core/pii/reveal';
import { amendRecord, finalizeRecord, scriptParties } from '../../electron/core/records/records';
import { openCall } from '../../electron/core/calls/view';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { demoSeed } from '../../electron/core/demo/seed';
import { createLogger } from '../../electron/core/log';
import { addComment, decide, reviewQueue } from '../../electron/core/review/review';
import { createEventTask } from '../../electron/core/tasks/events';
import { generateTasks } from '../../electron/core/tasks/generate';
import { fullState } from '../callState';
import { cli, tempDir, TestClock } from '../helpers';

const PHONE = '14245518283';
const ID = '330102198703221397';
const fw = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const FORMS = [
  '142/4551/8283',
  '142_4551_8283',
  '142—4551—8283',
  '142–4551–8283',
  '142  4551  8283',
  '142.4551.8283',
  '+86 142-4551-8283',
  '0086 142 4551 8283',
  fw(PHONE),
  '330102-19870322--1397',
  '330102/1987/03/22/1397',
  '330102_19870322_1397',
  '330102  19870322  1397',
  fw(ID),
];
/** Every form in one text (each far enough from the next to be its own number). */
const LONG = `借款人报的号码：${FORMS.join(' ，另一种写法是 ')} 。`;
/** For fields of at most 200 characters. */
const SHORT = `新号 142/4551/8283，证件 330102-19870322--1397`;
/** What must not appear in any byte written: the numbers as digits and as typed. */
const NEEDLES = [PHONE, ID, fw(PHONE), fw(ID), ...FORMS];

const dirs: string[] = [];
const contexts: AppContext[] = [];
afterEach(() => {
  for (const c of contexts.splice(0)) c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function userOf(ctx: AppContext, username: string): UserView {
  const u = findUser(ctx.db, username)!;
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role } as UserView;
}

async function branch() {
  const dir = tempDir('cbd-insider-pii-');
  dirs.push(dir);
  const file = path.join(dir, 'branch.db');
  const logs = path.join(dir, 'logs');
  const clock = new TestClock(Date.parse('2026-11-20T02:00:00Z')); // Friday 10:00 in Shanghai
  const ctx = openAppContext(file, { clock: clock.now, log: createLogger({ dir: logs, clock: clock.now }) });
  contexts.push(ctx);
  await initBranch(ctx.db, { code: 'HZ1', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, clock.now());
  await demoSeed(ctx.db, ctx.pii(), { loans: 30, seed: 5, asOf: '2026-11-20', history: false }, clock.now());
  generateTasks(ctx.db, { asOf: '2026-11-20', now: clock.now(), actor: 'test' });
  return { dir, file, logs, clock, ctx };
}

function openTask(ctx: AppContext, type: string, skip = 0): number {
  return (
    ctx.db
      .prepare(
        `SELECT t.id FROM tasks t WHERE t.type = ? AND t.status = 'open'
           AND EXISTS (SELECT 1 FROM parties p WHERE p.loan_id = t.loan_id AND p.role != 'borrower')
         ORDER BY t.id LIMIT 1 OFFSET ?`,
      )
      .get(type, skip) as { id: number }
  ).id;
}

function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof AppError) return `${e.code}:${e.message}`;
    throw e;
  }
  return 'no error';
}

/** Files under `p` (recursively), with ZIPs opened: [name, bytes]. */
function contents(p: string): [string, Buffer][] {
  if (!fs.existsSync(p)) return [];
  if (fs.statSync(p).isDirectory()) return fs.readdirSync(p).flatMap((n) => contents(path.join(p, n)));
  const bytes = fs.readFileSync(p);
  const out: [string, Buffer][] = [[p, bytes]];
  if (bytes.subarray(0, 2).toString('latin1') === 'PK')
    for (const [name, data] of Object.entries(unzipSync(bytes))) out.push([`${p}!${name}`, Buffer.from(data)]);
  return out;
}

function leaks(files: [string, Buffer][]): string[] {
  const found: string[] = [];
  for (const [name, bytes] of files)
    for (const n of NEEDLES) if (bytes.includes(Buffer.from(n, 'utf8'))) found.push(`${path.basename(name)}: ${n}`);
  return found;
}

describe('PII typed into a call never leaves in plaintext', () => {
  it('not in the database, its WAL, the logs, the weekly exports or the sync bundle', async () => {
    const { dir, file, logs, clock, ctx } = await branch();
    const officer = userOf(ctx, 'officer1');
    const manager = userOf(ctx, 'manager1');

    // An attempt that ends without a record, with the numbers in its note.
    const other = openTask(ctx, 'post_approval', 1);
    startCall(ctx.db, other, officer, clock.now());
    recordAttempt(ctx.db, other, officer, { outcome: 'no_answer', note: LONG }, clock.now());

    // The call: a draft saved with the numbers everywhere, then finalized with them.
    const taskId = openTask(ctx, 'post_approval');
    startCall(ctx.db, taskId, officer, clock.now());
    const view = openCall(ctx.db, taskId, officer, clock.now());
    const script = view.script!.definition;
    const keys = checklistOf(script, scriptParties(ctx.db, view.loan.id)).map((l) => l.key);
    const typed = (k: string) => ({ result: 'match' as const, stated: `${k} ${LONG}`, note: LONG });
    const state: DraftState = {
      ...fullState(script, keys, clock.now().toISOString(), Object.fromEntries(keys.map((k) => [k, typed(k)]))),
      note: LONG,
    };
    state.items.employer = { result: 'mismatch', stated: LONG, note: LONG };
    saveDraft(ctx.db, taskId, officer, state, clock.now());
    clock.advance(60_000);
    const { recordId } = finalizeRecord(ctx.db, taskId, officer, state, clock.now());
    expect(recordId).toBeGreaterThan(0);

    // The officer corrects the record; the reason and the new values carry the numbers again.
    amendRecord(
      ctx.db,
      taskId,
      officer,
      {
        items: { income: { result: 'unverifiable', stated: LONG, note: `改为 ${LONG}` } },
        reason: `借款人更正 ${LONG}`,
        expectedVersion: 1,
      },
      clock.now(),
    );

    // The manager's desk: a comment, a recall (its comment becomes the new task's reason), an event task.
    const flag = reviewQueue(ctx.db, { kind: 'flag', limit: 50, offset: 0 }, clock.now()).rows.find(
      (r) => r.taskId === taskId,
    )!;
    expect(flag).toBeDefined();
    addComment(ctx.db, { kind: 'flag', id: flag.id, text: LONG }, manager, clock.now());
    decide(ctx.db, { kind: 'flag', id: flag.id, decision: 'needs_recall', comment: LONG }, manager, clock.now());
    createEventTask(
      ctx.db,
      { loanNo: view.loan.loanNo, kind: 'other', reason: SHORT },
      '2026-11-20',
      manager.username,
      clock.now(),
    );
    revealPii(ctx.db, ctx.pii(), { partyId: view.parties[0]!.id, field: 'phone', reason: SHORT }, manager, clock.now());
    ctx.log.info('calls', `finalized: ${LONG}`);

    // What the screens get back is masked too.
    const shown = JSON.stringify(openCall(ctx.db, taskId, officer, clock.now()));
    expect(NEEDLES.filter((n) => shown.includes(n))).toEqual([]);

    // The real CLI writes the weekly export and the sync bundle from the same file.
    const out = path.join(dir, 'out');
    fs.mkdirSync(path.join(out, 'bundles'), { recursive: true });
    for (const format of ['xlsx', 'csv']) {
      const r = cli([
        'report',
        'weekly',
        '--db',
        file,
        '--week',
        '2026-W47',
        '--format',
        format,
        '--out',
        path.join(out, `week.${format}`),
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
    }
    const sync = cli(['sync', 'export', '--db', file, '--out', path.join(out, 'bundles'), '--json']);
    expect(sync.code, sync.stderr).toBe(0);
    const bundles = contents(path.join(out, 'bundles'));
    expect(bundles.some(([n]) => n.includes('!'))).toBe(true);
    // The bundle does carry the call (masked): the scan below looks at real content.
    expect(bundles.some(([, b]) => b.includes(Buffer.from('142****8283')))).toBe(true);

    // Scanned while this connection is still open, so the WAL is still there.
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    const files = [...contents(file), ...contents(`${file}-wal`), ...contents(logs), ...contents(out)];
    expect(files.some(([n]) => n.endsWith('.xml'))).toBe(true);
    expect(leaks(files)).toEqual([]);
  }, 300_000);

  it('refuses read-aloud ticks and other draft keys that are not the script’s own', async () => {
    const { clock, ctx } = await branch();
    const officer = userOf(ctx, 'officer1');
    const taskId = openTask(ctx, 'post_approval');
    startCall(ctx.db, taskId, officer, clock.now());
    const view = openCall(ctx.db, taskId, officer, clock.now());
    const script = view.script!.definition;
    const keys = checklistOf(script, scriptParties(ctx.db, view.loan.id)).map((l) => l.key);
    const good = fullState(script, keys, clock.now().toISOString());
    const at = clock.now().toISOString();
    const withRead = { ...good, reads: { ...good.reads, [`新号${PHONE}`]: at } };
    expect(code(() => saveDraft(ctx.db, taskId, officer, withRead, clock.now()))).toBe(
      'invalid_input:errors.readUnknown',
    );
    expect(code(() => finalizeRecord(ctx.db, taskId, officer, withRead, clock.now()))).toBe(
      'invalid_input:errors.readUnknown',
    );
    const withAnswer = { ...good, answers: { [ID]: 'x' } };
    expect(code(() => saveDraft(ctx.db, taskId, officer, withAnswer, clock.now()))).toBe(
      'invalid_input:errors.draftKeyUnknown',
    );
    const withItem = { ...good, items: { ...good.items, [PHONE]: { result: null, stated: '', note: '' } } };
    expect(code(() => finalizeRecord(ctx.db, taskId, officer, withItem, clock.now()))).toBe(
      'invalid_input:errors.draftKeyUnknown',
    );
    // Nothing of it was written; the script's own keys still work.
    const raw = fs.readFileSync(ctx.db.name);
    expect(raw.includes(Buffer.from(PHONE))).toBe(false);
    expect(code(() => saveDraft(ctx.db, taskId, officer, good, clock.now()))).toBe('no error');
    expect(code(() => finalizeRecord(ctx.db, taskId, officer, good, clock.now()))).toBe('no error');
    const outbox = ctx.db.prepare("SELECT data FROM outbox WHERE entity = 'record'").pluck().all() as string[];
    expect(Object.keys((JSON.parse(outbox[0]!) as { reads: object }).reads).sort()).toEqual(
      Object.keys(good.reads).sort(),
    );
  }, 300_000);
});
