import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { appendAudit, canonicalJson, verifyAuditChain } from '../../electron/core/audit/log';
import { openDatabase } from '../../electron/core/db/open';
import { doctor } from '../../electron/core/doctor';
import { tempDb } from '../helpers';

function seeded(file: string, n = 5) {
  const db = openDatabase(file);
  const at = new Date('2026-11-20T01:00:00Z');
  db.transaction(() => {
    for (let i = 0; i < n; i++)
      appendAudit(db, { actor: 'tester', action: `act.${i}`, details: { i, b: 2, a: 1 } }, at);
  })();
  return db;
}

describe('canonical JSON', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('the audit chain', () => {
  it('links each entry to the previous one', () => {
    const db = seeded(tempDb());
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 5 });
    const rows = db.prepare('SELECT prev_hash, hash FROM audit_log ORDER BY seq').all() as {
      prev_hash: string;
      hash: string;
    }[];
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    db.close();
  });

  it('is append-only: UPDATE and DELETE are refused by the database', () => {
    const db = seeded(tempDb());
    expect(() => db.prepare("UPDATE audit_log SET actor = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    db.close();
  });

  it('reports the first entry edited by hand, and doctor says the chain is broken', () => {
    const file = tempDb();
    seeded(file).close();
    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare(`UPDATE audit_log SET details = '{"a":1,"b":2,"i":99}' WHERE seq = 3`).run();
    expect(verifyAuditChain(raw)).toEqual({ ok: false, seq: 3, reason: 'hash' });
    raw.close();
    const report = doctor(file);
    expect(report.auditChain).toMatch(/broken at entry 3/);
    expect(report.healthy).toBe(false);
  });

  it('notices a deleted entry', () => {
    const file = tempDb();
    seeded(file).close();
    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_log_no_delete');
    raw.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    const r = verifyAuditChain(raw);
    expect(r.ok).toBe(false);
    raw.close();
  });

  it('notices the newest entries deleted, even when what is left still links', () => {
    const file = tempDb();
    seeded(file).close();
    const raw = new Database(file);
    raw.exec('DROP TRIGGER audit_log_no_delete');
    raw.prepare('DELETE FROM audit_log WHERE seq >= 4').run();
    expect(verifyAuditChain(raw)).toEqual({ ok: false, seq: 4, reason: 'missing' });
    raw.close();
    expect(doctor(file)).toMatchObject({ healthy: false, auditChain: 'broken at entry 4 (missing)' });
  });

  it('masks ID, phone and account numbers typed into details (reasons, user names), at any depth', () => {
    const db = seeded(tempDb(), 1);
    const at = new Date('2026-11-20T02:00:00Z');
    db.transaction(() => {
      appendAudit(db, { actor: null, action: 'auth.login_failed', details: { username: '13812345678' } }, at);
      appendAudit(
        db,
        {
          actor: 'officer1',
          action: 'pii.reveal',
          details: {
            reason: '借款人说新号码 139-1234-5678，身份证 110105194912310021',
            n: 13812345678,
            items: ['6222021234567890123'],
          },
        },
        at,
      );
    })();
    const details = db.prepare('SELECT details FROM audit_log WHERE seq > 1 ORDER BY seq').pluck().all() as string[];
    expect(JSON.parse(details[0]!)).toEqual({ username: '138****5678' });
    expect(JSON.parse(details[1]!)).toEqual({
      reason: '借款人说新号码 139****5678，身份证 110105********0021',
      n: 13812345678,
      items: ['6222***********0123'],
    });
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 3 });
    db.close();
  });
});
