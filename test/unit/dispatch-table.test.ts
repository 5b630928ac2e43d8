/** The one dispatcher over a handler table: what a table leaves out, output checks and sessions hold for any table (recovery mode's too). */
import { describe, expect, it } from 'vitest';
import { dispatcherFor, type HandlerTable } from '../../electron/core/dispatch';

const ID = '110101199003074514';

function over(table: HandlerTable<null>, logs: string[] = []) {
  return dispatcherFor(table, {
    with: null,
    session: () => null,
    dbFile: '/nowhere/branch.db',
    unhandled: { code: 'unavailable', message: 'errors.recoveryMode' },
    log: (m) => logs.push(m),
  });
}

const status = {
  file: '/x.db',
  error: { code: 'internal', message: 'errors.dbCorrupt' },
  restorable: false,
  backups: [],
};

describe('dispatcher over a handler table', () => {
  it('answers the table’s own error for a channel it does not handle, whatever the input', async () => {
    const d = over({ 'recovery.status': () => status as never });
    expect(await d('auth.login', { nonsense: true })).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'errors.recoveryMode' },
    });
    expect(await d('no.such', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
  it('validates the output of every table: an extra field answers internal and leaks nothing', async () => {
    const logs: string[] = [];
    const d = over({ 'recovery.status': () => ({ ...status, idNumber: ID }) as never }, logs);
    const r = await d('recovery.status', {});
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'errors.internal' } });
    expect(JSON.stringify(r)).not.toContain(ID);
    expect(logs.join('\n')).toContain('idNumber');
    expect(logs.join('\n')).not.toContain(ID);
  });
  it('refuses a wrong-typed or missing field', async () => {
    expect(
      await over({ 'recovery.status': () => ({ ...status, restorable: 'yes' }) as never })('recovery.status', {}),
    ).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    const { file: _f, ...noFile } = status;
    expect(await over({ 'recovery.status': () => noFile as never })('recovery.status', {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    expect(await over({ 'recovery.status': () => status as never })('recovery.status', {})).toEqual({
      ok: true,
      value: status,
    });
  });
  it('parses input before the handler runs', async () => {
    let ran = false;
    const d = over({
      'recovery.restore': () => {
        ran = true;
        return { restored: 'x', keptAs: null };
      },
    });
    expect(await d('recovery.restore', { name: 42 })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(ran).toBe(false);
  });
  it('answers unauthenticated for a signed-in channel when the table has no session', async () => {
    const d = over({ 'users.list': () => [] as never });
    expect(await d('users.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
  });
});
