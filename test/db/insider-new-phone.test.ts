/**
 * Issue #16 item 2: a new phone number the borrower gives during a call has its own field
 * (`calls.newPhone`): validated as a mainland mobile, stored encrypted with its HMAC index and
 * mask like the parties' numbers, shown masked on the call screen, audited masked, never in the
 * outbox, and only by the officer working the call.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { initBranch } from '../../electron/core/branch';
import { openAppContext, type AppContext } from '../../electron/core/context';
import { createDispatcher } from '../../electron/core/dispatch';
import { DEMO_PASSWORD, demoSeed } from '../../electron/core/demo/seed';
import { generateTasks } from '../../electron/core/tasks/generate';
import { tempDir, TestClock } from '../helpers';

const dirs: string[] = [];
const contexts: AppContext[] = [];
afterEach(() => {
  for (const c of contexts.splice(0)) c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('calls.newPhone', () => {
  it('stores the number encrypted, shows it masked, keeps it out of the outbox and the audit log', async () => {
    const dir = tempDir('cbd-insider-phone-');
    dirs.push(dir);
    const file = path.join(dir, 'branch.db');
    const clock = new TestClock(Date.parse('2026-11-20T02:00:00Z'));
    const ctx = openAppContext(file, { clock: clock.now });
    contexts.push(ctx);
    await initBranch(ctx.db, { code: 'HZ1', name: '测试支行', admin: 'admin', password: 'admin-pass-1' }, clock.now());
    await demoSeed(ctx.db, ctx.pii(), { loans: 10, seed: 2, asOf: '2026-11-20', history: false }, clock.now());
    generateTasks(ctx.db, { asOf: '2026-11-20', now: clock.now(), actor: 'test' });
    const api = createDispatcher(ctx);
    const as = async (username: string) => {
      ctx.session.logout();
      const r = await api('auth.login', { username, password: DEMO_PASSWORD });
      if (!r.ok) throw new Error(JSON.stringify(r));
    };
    const taskId = ctx.db
      .prepare("SELECT id FROM tasks WHERE status = 'open' ORDER BY id LIMIT 1")
      .pluck()
      .get() as number;

    await as('officer1');
    // Not during a call: nobody holds the task yet, but an officer may take it by starting.
    expect((await api('calls.start', { taskId })).ok).toBe(true);
    const bad = await api('calls.newPhone', { taskId, phone: '010-12345678' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'errors.newPhoneInvalid' } });
    const saved = await api('calls.newPhone', { taskId, phone: '+86 142-4551-8283' });
    expect(saved).toMatchObject({ ok: true, value: { phone: '142****8283' } });
    const view = await api('calls.open', { taskId });
    expect(view.ok && (view.value as { newPhones: { phone: string }[] }).newPhones).toEqual([
      expect.objectContaining({ phone: '142****8283' }),
    ]);

    // At rest: ciphertext that decrypts to the number, the HMAC index, the mask.
    const row = ctx.db.prepare('SELECT phone_enc, phone_hmac, phone_masked FROM reported_phones').get() as {
      phone_enc: string;
      phone_hmac: string;
      phone_masked: string;
    };
    expect(row.phone_enc).not.toContain('14245518283');
    expect(ctx.pii().decrypt(row.phone_enc)).toBe('14245518283');
    expect(row.phone_hmac).toBe(ctx.pii().index('phone', '14245518283'));
    expect(row.phone_masked).toBe('142****8283');
    const everywhere = [
      ...(ctx.db.prepare('SELECT data FROM outbox').pluck().all() as string[]),
      ...(ctx.db.prepare('SELECT details FROM audit_log').pluck().all() as string[]),
    ].join('\n');
    expect(everywhere).not.toContain('14245518283');
    expect(everywhere).toContain('142****8283'); // the audit entry, masked

    // Another officer cannot add a number to a call that is not theirs.
    await as('officer2');
    expect(await api('calls.newPhone', { taskId, phone: '13912345678' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // Append-only.
    expect(() => ctx.db.prepare('DELETE FROM reported_phones').run()).toThrow(/append-only/);
  }, 300_000);
});
