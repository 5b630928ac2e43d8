/**
 * Crash safety (issue 8): a child process imports a 100k-row extract, finalizes bursts of calls
 * one record at a time, writes more call history and exports sync bundles, and is killed with
 * SIGKILL at random moments, at least 30 times. After every kill the database passes the full
 * integrity, foreign-key and audit-chain checks; the import is all or nothing; no finalized
 * record is lost (every one the worker saw committed is there) or half-written (items, completed
 * task, outbox entry); and every file carrying a
 * bundle's final name is a complete, valid bundle. A last run without a kill finishes the work.
 * `CRASH_KILLS` sets the number of kills (CI: 30).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { doctor } from '../../electron/core/doctor';
import { parseSigningKey } from '../../electron/core/sync/keys';
import { verifyBundle } from '../../electron/core/sync/verify';
import { BUNDLE_FILE_RE } from '../../shared/contract/sync';
import { sampleRows, toCsv } from '../fixtures/import/generate';
import { cli, cliInit, ROOT, tempDir } from '../helpers';

const KILLS = Number(process.env.CRASH_KILLS ?? 30);
const ROWS = Number(process.env.CRASH_IMPORT_ROWS ?? 100_000);
const PHASES = ['import', 'finalize', 'export', 'seed'] as const;
/** Kill windows (ms after start) by first phase: the import's commit comes late, the export early. */
const WINDOW: Record<(typeof PHASES)[number], [number, number]> = {
  import: [800, 30_000],
  finalize: [800, 5_000],
  seed: [800, 6_000],
  export: [800, 4_000],
};

let dir: string;
let db: string;
let csv: string;
let out: string;

beforeAll(() => {
  dir = tempDir('cbd-crash-');
  db = path.join(dir, 'branch.db');
  out = path.join(dir, 'usb');
  fs.mkdirSync(out);
  expect(cliInit(db).code).toBe(0);
  expect(cli(['demo-seed', '--db', db, '--loans', '60', '--as-of', '2026-11-20', '--json']).code).toBe(0);
  csv = path.join(dir, 'extract.csv');
  fs.writeFileSync(csv, toCsv(sampleRows(ROWS, 29)));
}, 300_000);

/** Deterministic pseudo-random numbers (the kills are random but repeatable). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function runWorker(
  phase: string,
  round: number,
  killAfterMs: number | null,
): Promise<{ code: number | null; signal: string | null; log: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'test/crash/worker.ts'), db, csv, out, phase, String(round)],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let log = '';
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.once('error', reject);
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, log });
    });
  });
}

interface Seen {
  records: number;
  imported: boolean;
  /** Records the worker reported finalized (committed) before it was killed. */
  reported: number[];
}

function check(round: number, seen: Seen, log = ''): Seen {
  const reported = [...seen.reported, ...[...log.matchAll(/^finalized (\d+)$/gm)].map((m) => Number(m[1]))];
  const report = doctor(db);
  expect(report, `after kill ${round}`).toMatchObject({ integrity: 'ok', foreignKeys: 'ok', auditChain: 'ok' });
  const d = new Database(db, { readonly: true });
  try {
    const one = (sql: string) => (d.prepare(sql).get() as { n: number }).n;
    // The import is all or nothing.
    const importedLoans = one("SELECT count(*) AS n FROM loans WHERE loan_no LIKE 'IMP%'");
    expect([0, ROWS], `imported loans after kill ${round}`).toContain(importedLoans);
    expect(one('SELECT count(*) AS n FROM imports WHERE imported > 0') > 0, `import log after kill ${round}`).toBe(
      importedLoans === ROWS,
    );
    if (seen.imported) expect(importedLoans).toBe(ROWS);
    // No record lost, none half-written.
    const records = one('SELECT count(*) AS n FROM records');
    expect(records, `records after kill ${round}`).toBeGreaterThanOrEqual(seen.records);
    // Every record the worker saw committed is there.
    const has = d.prepare('SELECT 1 FROM records WHERE id = ?');
    const lost = reported.filter((id) => !has.get(id));
    expect(lost, `finalized records lost after kill ${round}`).toEqual([]);
    expect(
      one(
        'SELECT count(*) AS n FROM records r WHERE NOT EXISTS (SELECT 1 FROM record_items i WHERE i.record_id = r.id)',
      ),
    ).toBe(0);
    expect(
      one("SELECT count(*) AS n FROM records r JOIN tasks t ON t.id = r.task_id WHERE t.status != 'completed'"),
    ).toBe(0);
    expect(
      one(
        "SELECT count(*) AS n FROM records r WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'record' AND o.entity_id = CAST(r.id AS TEXT))",
      ),
    ).toBe(0);
    // Every file under a bundle's final name is complete.
    const key = parseSigningKey(fs.readFileSync(`${db}.sign.key`, 'utf8'), 'crash').publicKey;
    for (const name of fs.readdirSync(out).filter((n) => BUNDLE_FILE_RE.test(n))) {
      const v = verifyBundle(fs.readFileSync(path.join(out, name)), key, name);
      expect(v.valid, `${name} after kill ${round}: ${v.valid ? '' : v.reason}`).toBe(true);
    }
    return { records, imported: importedLoans === ROWS, reported };
  } finally {
    d.close();
  }
}

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs during import, call history and sync export`, async () => {
    const rnd = lcg(8);
    let seen: Seen = { records: 0, imported: false, reported: [] };
    const killedIn = new Map<string, number>();
    for (let round = 0; round < KILLS; round++) {
      const phase = PHASES[round % PHASES.length]!;
      const [lo, hi] = WINDOW[phase];
      const r = await runWorker(phase, round, Math.round(lo + rnd() * (hi - lo)));
      expect(r.signal === 'SIGKILL' || r.code === null, `round ${round} ended by itself: ${r.code}\n${r.log}`).toBe(
        true,
      );
      killedIn.set(phase, (killedIn.get(phase) ?? 0) + 1);
      seen = check(round, seen, r.log);
    }
    // The kills landed while calls were being finalized, not only between bursts.
    expect(seen.reported.length, 'records finalized by the bursts').toBeGreaterThan(0);
    expect([...killedIn.values()].reduce((a, n) => a + n, 0)).toBe(KILLS);
    // Without a kill, the work finishes: the extract is in, and a last export is complete.
    const done = cli(['import', csv, '--db', db, '--json']);
    expect(done.code, done.stderr).toBe(0);
    const exp = cli(['sync', 'export', '--db', db, '--out', out, '--json']);
    expect(exp.code, exp.stderr).toBe(0);
    seen = check(KILLS, seen);
    expect(seen.imported).toBe(true);
    expect(fs.readdirSync(out).filter((n) => !BUNDLE_FILE_RE.test(n))).toEqual([]);
    expect(cli(['audit', 'verify', '--db', db, '--json']).json).toMatchObject({ valid: true });
  }, 1_800_000);
});
