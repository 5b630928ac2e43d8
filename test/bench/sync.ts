/**
 * Sync export benchmark: `sync export` of 100k outbox entries (10 signed, compressed bundles of
 * 10k) against a floor measured in the same run on the same file (the same rows read with one
 * SELECT and written as the same NDJSON lines to one plain file), plus the export's peak memory
 * at 10k, 100k and 1M entries, each with the same 96 MB JavaScript heap cap, to show it stays
 * flat as volume grows (bundles are built one at a time, entries streamed through the
 * compressor). Each run is a fresh child process (test/bench/sync-child.ts).
 *
 * The outbox is written with raw prepared statements in one transaction, in the mix and shape the
 * services leave: mostly task and attempt entries, records with their checklist (Chinese text),
 * some flags.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openAppContext } from '../../electron/core/context';
import { Rng } from '../../electron/core/demo/random';
import { runChild } from './child';
import type { BenchResult } from './import';

const ITEMS = [
  'identity',
  'application_willingness',
  'employer',
  'income',
  'property',
  'loan_terms',
  'down_payment',
  'intermediary',
  'fraud_notice',
];
const STATED = [
  '张*本人，身份证后四位0042',
  '本人申请并面签，由本人按月还款',
  '杭州青禾餐饮管理有限公司，科员',
  '月收入约7700元，无其他负债',
  '滨江区长河路849号锦绣江南27幢2单元2501室',
  '67万元，15年，年利率3.1%，月供约4659元',
  '首付46万元，来自本人积蓄',
  '无中介参与',
  '已告知',
];

function entry(rng: Rng, i: number): { entity: string; op: string; id: number; data: unknown } {
  const loanNo = `DK2026${String(i % 100_000).padStart(6, '0')}`;
  const at = new Date(Date.parse('2026-09-01T01:00:00Z') + i * 37_000).toISOString();
  const x = rng.next();
  if (x < 0.55)
    return {
      entity: 'task',
      op: rng.chance(0.5) ? 'create' : 'update',
      id: i,
      data: {
        loanNo,
        type: 'post_approval',
        slot: 'approval',
        windowStart: '2026-11-10',
        dueBy: '2026-11-20',
        status: 'in_progress',
        assignee: 'officer1',
        attempts: 1,
        escalationReason: null,
        completedAt: null,
        escalatedAt: null,
      },
    };
  if (x < 0.82)
    return {
      entity: 'attempt',
      op: 'create',
      id: i,
      data: {
        taskId: i,
        loanNo,
        officer: 'officer2',
        startedAt: at,
        endedAt: at,
        durationS: 305,
        callDate: '2026-09-28',
        outcome: 'no_answer',
        note: null,
        bookedAt: null,
        outsideHours: false,
      },
    };
  if (x < 0.97)
    return {
      entity: 'record',
      op: 'create',
      id: i,
      data: {
        taskId: i,
        loanNo,
        version: 1,
        attemptId: i,
        outcome: 'completed',
        script: { key: 'post_approval', version: 1 },
        finalizedBy: 'officer1',
        finalizedAt: at,
        note: null,
        reason: null,
        reads: { greeting: at, recording_notice: at, fraud_notice: at },
        items: ITEMS.map((key, k) => ({ key, item: key, partyId: null, result: 'match', stated: STATED[k], note: '' })),
      },
    };
  return {
    entity: 'flag',
    op: 'create',
    id: i,
    data: {
      loanNo,
      taskId: i,
      recordId: i,
      attemptId: i,
      code: 'mismatch',
      item: 'income',
      partyId: null,
      severity: 'medium',
      note: null,
      createdBy: 'officer3',
      createdAt: at,
    },
  };
}

const HEAP_CAP_MB = 96;

export function build(file: string, entries: number): number {
  const t0 = performance.now();
  const ctx = openAppContext(file);
  const rng = new Rng(17);
  ctx.db.transaction(() => {
    ctx.db
      .prepare(`INSERT INTO branch (id, code, name, created_at) VALUES (1, 'BENCH', '基准测试支行', ?)`)
      .run('2026-09-01T00:00:00Z');
    const ins = ctx.db.prepare('INSERT INTO outbox (entity, op, entity_id, at, data) VALUES (?, ?, ?, ?, ?)');
    for (let i = 1; i <= entries; i++) {
      const e = entry(rng, i);
      ins.run(
        e.entity,
        e.op,
        String(e.id),
        new Date(Date.parse('2026-09-01T01:00:00Z') + i * 37_000).toISOString(),
        JSON.stringify(e.data),
      );
    }
  })();
  ctx.signing();
  ctx.close();
  return Math.round((performance.now() - t0) / 100) / 10;
}

const run = (mode: 'export' | 'floor', db: string, out: string, nodeArgs: string[] = []) =>
  runChild<{ entries: number; bytes: number; files: number }>('sync-child.ts', [mode, db, out], {
    nodeArgs,
    timeoutMs: 1_800_000,
  });

export async function benchSync(entries = 100_000, memorySizes = [10_000, 100_000, 1_000_000]): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cbd-bench-sync-'));
  try {
    const db = path.join(dir, 'sync.db');
    const setupSeconds = build(db, entries);
    run('floor', db, path.join(dir, 'warm')); // warm the page cache
    const floor = run('floor', db, path.join(dir, 'floor'));
    const exp = run('export', db, path.join(dir, 'export'));
    if (exp.entries !== floor.entries) throw new Error(`entries differ: floor ${floor.entries}, export ${exp.entries}`);
    const memory: { entries: number; exportMs: number; peakRssMb: number; rssGrowthMb: number; bundles: number }[] = [];
    for (const n of memorySizes) {
      const mdb = path.join(dir, `mem-${n}.db`);
      build(mdb, n);
      // A fixed JavaScript heap cap for every volume: the export must fit in it whatever the size
      // (without a cap V8 collects lazily and RSS reflects garbage not yet collected, not need).
      const r = run('export', mdb, path.join(dir, `mem-${n}`), [`--max-old-space-size=${HEAP_CAP_MB}`]);
      memory.push({
        entries: r.entries,
        exportMs: r.ms,
        peakRssMb: r.peakRssMb,
        rssGrowthMb: Math.round((r.sampledPeakRssMb - r.baseRssMb) * 10) / 10,
        bundles: r.files,
      });
      fs.rmSync(path.join(dir, `mem-${n}`), { recursive: true, force: true });
      for (const f of fs.readdirSync(dir).filter((f) => f.startsWith(`mem-${n}.db`)))
        fs.rmSync(path.join(dir, f), { force: true });
    }
    return {
      name: 'sync',
      entries: exp.entries,
      bundles: exp.files,
      setupSeconds,
      exportMs: exp.ms,
      floorMs: floor.ms,
      ratio: Math.round((exp.ms / floor.ms) * 100) / 100,
      exportCpuMs: exp.cpuMs,
      floorCpuMs: floor.cpuMs,
      cpuRatio: Math.round((exp.cpuMs / floor.cpuMs) * 100) / 100,
      exportBytes: exp.bytes,
      floorBytes: floor.bytes,
      peakRssMb: exp.peakRssMb,
      floorPeakRssMb: floor.peakRssMb,
      memoryHeapCapMb: HEAP_CAP_MB,
      memory,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
