/**
 * Quality sampling (质检抽样): a manager draws a share of each officer's records finalized in an
 * ISO week (the `sampleRate` setting, default 5 %, at least one per officer with records), then
 * scores each sample pass/fail on a short scorecard. A fail creates a rework task for the officer.
 * The draw is deterministic (a hash of week and record), so drawing again adds only what is
 * missing. Draws and scores are audited and written to the outbox.
 */
import { createHash } from 'node:crypto';
import type { UserView } from '../../../shared/contract';
import { maskName, scrubPiiText } from '../../../shared/domain/mask';
import { addDays } from '../../../shared/domain/workdays';
import { weekInstants } from '../../../shared/domain/weeks';
import type { SampleRow, SamplesView, Scorecard } from '../../../shared/contract/samples';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/log';
import { shanghaiDate } from '../clock';
import { stmt, type Db } from '../db/open';
import { enqueue } from '../sync/outbox';
import { insertEventTask } from '../tasks/events';
import { getSetting } from '../settings/store';

const REWORK_DAYS = 5;

function instantsOf(week: string) {
  const w = weekInstants(week);
  if (!w) throw new AppError('invalid_input', 'errors.weekMissing', { week });
  return w;
}

/** First versions finalized in the week: one per task, by the officer who finalized it. */
const WEEK_RECORDS = `
  SELECT r.id, r.finalized_by AS officer_id FROM records r
   WHERE r.version = 1 AND r.finalized_at >= ? AND r.finalized_at < ?`;

export function samplesView(db: Db, week: string): SamplesView {
  const w = instantsOf(week);
  const officers = stmt<
    [string, string, string],
    { officer: string; officerName: string; records: number; sampled: number }
  >(
    db,
    `SELECT u.username AS officer, u.display_name AS officerName, count(*) AS records, count(s.id) AS sampled
       FROM (${WEEK_RECORDS}) wr JOIN users u ON u.id = wr.officer_id
       LEFT JOIN samples s ON s.record_id = wr.id AND s.week = ?
      GROUP BY u.id ORDER BY u.username`,
  ).all(w.start, w.end, week);
  const rows = stmt<
    [string],
    {
      sampleId: number;
      recordId: number;
      taskId: number;
      loanNo: string;
      name: string | null;
      officer: string;
      officerName: string;
      type: SampleRow['type'];
      outcome: string;
      finalizedAt: string;
      result: 'pass' | 'fail' | null;
      scorecard: string | null;
      comment: string | null;
      reworkTaskId: number | null;
    }
  >(
    db,
    `SELECT s.id AS sampleId, r.id AS recordId, t.id AS taskId, l.loan_no AS loanNo, p.name,
            u.username AS officer, u.display_name AS officerName, t.type, r.outcome, r.finalized_at AS finalizedAt,
            s.result, s.scorecard, s.comment, s.rework_task_id AS reworkTaskId
       FROM samples s JOIN records r ON r.id = s.record_id JOIN tasks t ON t.id = r.task_id
       JOIN loans l ON l.id = t.loan_id LEFT JOIN parties p ON p.loan_id = t.loan_id AND p.role = 'borrower'
       JOIN users u ON u.id = s.officer_id
      WHERE s.week = ? ORDER BY u.username, r.finalized_at`,
  ).all(week);
  return {
    week,
    rate: getSetting(db, 'sampleRate'),
    officers,
    rows: rows.map(({ name, scorecard, ...r }) => ({
      ...r,
      borrowerName: name ? maskName(name) : '—',
      scorecard: scorecard ? (JSON.parse(scorecard) as Scorecard) : null,
    })),
  };
}

/** Draw what is missing of each officer's share for the week; returns how many were added. */
export function drawSamples(db: Db, week: string, user: UserView, now: Date): { drawn: number } {
  const w = instantsOf(week);
  const rate = getSetting(db, 'sampleRate');
  return db.transaction(() => {
    const records = stmt<[string, string], { id: number; officer_id: number }>(db, WEEK_RECORDS).all(w.start, w.end);
    const taken = new Set(
      stmt<[string], { record_id: number }>(db, 'SELECT record_id FROM samples WHERE week = ?')
        .all(week)
        .map((s) => s.record_id),
    );
    const byOfficer = new Map<number, number[]>();
    for (const r of records) byOfficer.set(r.officer_id, [...(byOfficer.get(r.officer_id) ?? []), r.id]);
    const rank = (id: number) => createHash('sha256').update(`${week}:${id}`).digest('hex');
    const insert = stmt(
      db,
      'INSERT INTO samples (record_id, week, officer_id, sampled_by, sampled_at) VALUES (?, ?, ?, ?, ?)',
    );
    const loanOf = stmt<[number], { loan_no: string }>(
      db,
      'SELECT l.loan_no FROM records r JOIN tasks t ON t.id = r.task_id JOIN loans l ON l.id = t.loan_id WHERE r.id = ?',
    );
    let drawn = 0;
    for (const [officerId, ids] of byOfficer) {
      const want = Math.max(1, Math.ceil(ids.length * rate));
      const have = ids.filter((id) => taken.has(id)).length;
      const pick = ids
        .filter((id) => !taken.has(id))
        .sort((a, b) => (rank(a) < rank(b) ? -1 : 1))
        .slice(0, Math.max(0, want - have));
      for (const recordId of pick) {
        const sampleId = Number(insert.run(recordId, week, officerId, user.id, now.toISOString()).lastInsertRowid);
        enqueue(
          db,
          {
            entity: 'sample',
            op: 'create',
            id: sampleId,
            data: { recordId, loanNo: loanOf.get(recordId)!.loan_no, week, sampledBy: user.username },
          },
          now,
        );
        drawn++;
      }
    }
    appendAudit(db, { actor: user.username, action: 'samples.draw', details: { week, rate, drawn } }, now);
    return { drawn };
  })();
}

export function scoreSample(
  db: Db,
  typed: { sampleId: number; result: 'pass' | 'fail'; scorecard: Scorecard; comment: string },
  user: UserView,
  now: Date,
): { reworkTaskId: number | null } {
  // The comment is free text: stored, shown and sent masked.
  const input = { ...typed, comment: scrubPiiText(typed.comment) };
  return db.transaction(() => {
    const s = stmt<
      [number],
      { id: number; result: string | null; officer_id: number; loan_id: number; loan_no: string; record_id: number }
    >(
      db,
      `SELECT s.id, s.result, s.officer_id, t.loan_id, l.loan_no, s.record_id
         FROM samples s JOIN records r ON r.id = s.record_id JOIN tasks t ON t.id = r.task_id
         JOIN loans l ON l.id = t.loan_id WHERE s.id = ?`,
    ).get(input.sampleId);
    if (!s) throw new AppError('not_found', 'errors.sampleMissing');
    if (s.result !== null) throw new AppError('conflict', 'errors.sampleScored');
    const today = shanghaiDate(now);
    const reworkTaskId =
      input.result === 'fail'
        ? insertEventTask(
            db,
            {
              loanId: s.loan_id,
              kind: 'rework',
              text: input.comment,
              slot: `sample:${s.id}:rework`,
              windowStart: today,
              dueBy: addDays(today, REWORK_DAYS),
              assigneeId: s.officer_id,
            },
            user.username,
            now,
          )
        : null;
    const at = now.toISOString();
    stmt(
      db,
      `UPDATE samples SET result = ?, scorecard = ?, comment = ?, scored_by = ?, scored_at = ?, rework_task_id = ?
        WHERE id = ?`,
    ).run(input.result, JSON.stringify(input.scorecard), input.comment || null, user.id, at, reworkTaskId, s.id);
    appendAudit(
      db,
      {
        actor: user.username,
        action: 'samples.score',
        entity: 'sample',
        entityId: String(s.id),
        details: { result: input.result, loanNo: s.loan_no, reworkTaskId },
      },
      now,
    );
    enqueue(
      db,
      {
        entity: 'sample',
        op: 'update',
        id: s.id,
        data: {
          recordId: s.record_id,
          loanNo: s.loan_no,
          result: input.result,
          scorecard: input.scorecard,
          comment: input.comment,
          scoredBy: user.username,
          scoredAt: at,
          reworkTaskId,
        },
      },
      now,
    );
    return { reworkTaskId };
  })();
}
