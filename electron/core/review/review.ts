/**
 * The review queue (复核): open risk flags and escalated tasks, oldest first, and the manager's
 * decision on each — confirmed risk (to the risk department), field visit (an event task for a
 * site visit), false alarm, or recall (a new callback task for the officer). Decisions and
 * comments are append-only, audited and written to the outbox in the same transaction.
 *
 * An escalated task that also carries an open flag (a refusal raises both) is reviewed through
 * its flag: the queue shows the flag only, and deciding it closes the task's review as well.
 */
import { scrubPiiText } from '../../../shared/domain/mask';
import type { UserView } from '../../../shared/contract';
import { maskName } from '../../../shared/domain/mask';
import type { Decision, ReviewDetail, ReviewKind, ReviewRef, ReviewRow } from '../../../shared/contract/review';
import { addDays, toDate } from '../../../shared/domain/workdays';
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/log';
import { recordVersions } from '../records/records';
import { shanghaiDate } from '../clock';
import { stmt, type Db } from '../db/open';
import { anchorRows } from '../audit/integrity';
import { enqueue } from '../sync/outbox';
import { insertEventTask } from '../tasks/events';

/** How serious an escalation is: an empty number or a refusal is as serious as a high flag. */
const ESCALATION_SEVERITY = `CASE t.escalation_reason WHEN 'exhausted' THEN 'medium' ELSE 'high' END`;

/** Days a field visit or a recall has before it is overdue. */
const FOLLOW_UP_DAYS = 7;

/** One flag or escalated task as the queue shows it, with its state (`status`, `reviewed_at`). */
const FLAG_ROWS = `
  SELECT 'flag' AS kind, f.id, f.code, f.item, f.severity, l.loan_no, p.name, f.task_id, t.type,
         u.username, u.display_name, f.created_at, f.loan_id, f.note, f.status, NULL AS reviewed_at
    FROM flags f JOIN loans l ON l.id = f.loan_id
    LEFT JOIN parties p ON p.loan_id = f.loan_id AND p.role = 'borrower'
    LEFT JOIN tasks t ON t.id = f.task_id
    LEFT JOIN users u ON u.id = COALESCE(f.created_by, t.assignee_id)`;
const TASK_ROWS = `
  SELECT 'task' AS kind, t.id, COALESCE(t.escalation_reason, 'exhausted') AS code, NULL AS item,
         ${ESCALATION_SEVERITY} AS severity, l.loan_no, p.name, t.id AS task_id, t.type,
         u.username, u.display_name, COALESCE(t.escalated_at, t.updated_at) AS created_at, t.loan_id,
         NULL AS note, t.status, t.reviewed_at
    FROM tasks t JOIN loans l ON l.id = t.loan_id
    LEFT JOIN parties p ON p.loan_id = t.loan_id AND p.role = 'borrower'
    LEFT JOIN users u ON u.id = t.assignee_id`;

const QUEUE = `
  ${FLAG_ROWS} WHERE f.status = 'open'
  UNION ALL
  ${TASK_ROWS} WHERE t.status = 'escalated' AND t.reviewed_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.task_id = t.id AND f.status = 'open')`;

interface QueueRow {
  kind: ReviewKind;
  id: number;
  code: string;
  item: string | null;
  severity: 'high' | 'medium' | 'low';
  loan_no: string;
  name: string | null;
  task_id: number | null;
  type: ReviewRow['taskType'];
  username: string | null;
  display_name: string | null;
  created_at: string;
  loan_id: number;
  note: string | null;
}

const ageDays = (createdAt: string, today: string): number =>
  Math.max(0, Math.round((toDate(today).getTime() - toDate(shanghaiDate(new Date(createdAt))).getTime()) / 86_400_000));

function toRow(r: QueueRow, today: string): ReviewRow {
  return {
    kind: r.kind,
    id: r.id,
    code: r.code,
    item: r.item,
    severity: r.severity,
    loanNo: r.loan_no,
    borrowerName: r.name ? maskName(r.name) : '—',
    taskId: r.task_id,
    taskType: r.type,
    officer: r.username,
    officerName: r.display_name,
    createdAt: r.created_at,
    ageDays: ageDays(r.created_at, today),
  };
}

export function reviewQueue(
  db: Db,
  q: { kind?: ReviewKind | undefined; severity?: string | undefined; limit: number; offset: number },
  now: Date,
): { rows: ReviewRow[]; total: number; flags: number; tasks: number } {
  const where = `WHERE (@kind IS NULL OR kind = @kind) AND (@severity IS NULL OR severity = @severity)`;
  const filter = { kind: q.kind ?? null, severity: q.severity ?? null };
  const rows = stmt<[typeof filter & { limit: number; offset: number }], QueueRow>(
    db,
    `SELECT * FROM (${QUEUE}) ${where} ORDER BY created_at, kind, id LIMIT @limit OFFSET @offset`,
  ).all({ ...filter, limit: q.limit, offset: q.offset });
  const counts = stmt<[], { kind: ReviewKind; n: number }>(
    db,
    `SELECT kind, count(*) AS n FROM (${QUEUE}) GROUP BY kind`,
  ).all();
  const n = (k: ReviewKind) => counts.find((c) => c.kind === k)?.n ?? 0;
  const total = stmt<[typeof filter], { n: number }>(db, `SELECT count(*) AS n FROM (${QUEUE}) ${where}`).get(
    filter,
  )!.n;
  const today = shanghaiDate(now);
  return { rows: rows.map((r) => toRow(r, today)), total, flags: n('flag'), tasks: n('task') };
}

/** One flag or escalated task, open or decided, with what is needed to decide it. */
function target(db: Db, ref: ReviewRef): QueueRow & { open: boolean } {
  const row = stmt<[number], QueueRow & { status: string; reviewed_at: string | null }>(
    db,
    `${ref.kind === 'flag' ? FLAG_ROWS : TASK_ROWS} WHERE ${ref.kind === 'flag' ? 'f' : 't'}.id = ?`,
  ).get(ref.id);
  // Only escalated tasks are reviewed (a reviewed one stays escalated, with reviewed_at set).
  if (!row || (ref.kind === 'task' && row.status !== 'escalated'))
    throw new AppError('not_found', 'errors.reviewItemMissing');
  const open = ref.kind === 'flag' ? row.status === 'open' : row.reviewed_at === null;
  return { ...row, open };
}

/** Free text shown on the review desk: an ID, phone or account number in it is shown masked. */
const masked = (text: string | null) => (text === null ? null : scrubPiiText(text));

export function reviewDetail(db: Db, ref: ReviewRef, now: Date): ReviewDetail {
  const t = target(db, ref);
  const versions = t.task_id ? recordVersions(db, t.task_id) : [];
  const attempts = t.task_id
    ? stmt<[number], { at: string; outcome: string; officer: string; note: string | null }>(
        db,
        `SELECT a.started_at AS at, a.outcome, u.display_name AS officer, a.note
           FROM attempts a JOIN users u ON u.id = a.officer_id WHERE a.task_id = ? ORDER BY a.started_at`,
      )
        .all(t.task_id)
        .map((a) => ({ ...a, note: masked(a.note) }))
    : [];
  const col = ref.kind === 'flag' ? 'flag_id' : 'task_id';
  const comments = stmt<[number], { id: number; by: string; text: string; at: string }>(
    db,
    `SELECT c.id, u.display_name AS by, c.text, c.created_at AS at
       FROM review_comments c JOIN users u ON u.id = c.user_id WHERE c.${col} = ? ORDER BY c.id`,
  )
    .all(ref.id)
    .map((c) => ({ ...c, text: scrubPiiText(c.text) }));
  // A task reviewed through its flag shows that flag's decision.
  const decision = stmt<
    [{ id: number; task: number | null }],
    { decision: Decision; comment: string; by: string; at: string; created_task_id: number | null }
  >(
    db,
    `SELECT r.decision, r.comment, u.display_name AS by, r.decided_at AS at, r.created_task_id
       FROM reviews r JOIN users u ON u.id = r.decided_by
      WHERE r.${col} = @id OR (@task IS NOT NULL AND r.flag_id IN (SELECT id FROM flags WHERE task_id = @task))
      ORDER BY r.id LIMIT 1`,
  ).get({ id: ref.id, task: ref.kind === 'task' ? ref.id : null });
  return {
    row: toRow(t, shanghaiDate(now)),
    note: masked(t.note),
    record: versions.length > 0 ? versions[versions.length - 1]! : null,
    attempts,
    comments,
    decision: decision
      ? {
          decision: decision.decision,
          comment: scrubPiiText(decision.comment),
          by: decision.by,
          at: decision.at,
          createdTaskId: decision.created_task_id,
        }
      : null,
  };
}

export function decide(
  db: Db,
  typed: { kind: ReviewKind; id: number; decision: Decision; comment: string },
  user: UserView,
  now: Date,
): { reviewId: number; createdTaskId: number | null } {
  // The comment is free text: stored, shown and sent masked (also as a follow-up task's reason).
  const input = { ...typed, comment: scrubPiiText(typed.comment) };
  return db.transaction(() => {
    const t = target(db, input);
    if (!t.open) throw new AppError('conflict', 'errors.alreadyDecided');
    const today = shanghaiDate(now);
    const at = now.toISOString();
    // The officer who found it gets the recall; a field visit goes to the pool for the manager to assign.
    const officerId =
      t.username === null
        ? null
        : stmt<[string], { id: number }>(db, 'SELECT id FROM users WHERE username = ?').get(t.username)!.id;
    let createdTaskId: number | null = null;
    const reviewSeq = stmt<[], { n: number }>(db, 'SELECT count(*) + 1 AS n FROM reviews').get()!.n;
    if (input.decision === 'field_visit' || input.decision === 'needs_recall') {
      const kind = input.decision === 'field_visit' ? 'field_visit' : 'recall';
      createdTaskId = insertEventTask(
        db,
        {
          loanId: t.loan_id,
          kind,
          text: input.comment,
          slot: `review:${reviewSeq}:${kind}`,
          windowStart: today,
          dueBy: addDays(today, FOLLOW_UP_DAYS),
          assigneeId: input.decision === 'needs_recall' ? officerId : null,
        },
        user.username,
        now,
      );
    }
    const reviewId = Number(
      stmt(
        db,
        `INSERT INTO reviews (flag_id, task_id, decision, comment, created_task_id, decided_by, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.kind === 'flag' ? input.id : null,
        input.kind === 'task' ? input.id : null,
        input.decision,
        input.comment,
        createdTaskId,
        user.id,
        at,
      ).lastInsertRowid,
    );
    if (input.kind === 'flag') {
      stmt(db, 'UPDATE flags SET status = ?, decided_at = ? WHERE id = ?').run(input.decision, at, input.id);
      if (t.task_id !== null)
        stmt(
          db,
          "UPDATE tasks SET reviewed_at = ?, updated_at = ? WHERE id = ? AND status = 'escalated' AND reviewed_at IS NULL",
        ).run(at, at, t.task_id);
    } else stmt(db, 'UPDATE tasks SET reviewed_at = ?, updated_at = ? WHERE id = ?').run(at, at, input.id);
    appendAudit(
      db,
      {
        actor: user.username,
        action: 'review.decide',
        entity: input.kind,
        entityId: String(input.id),
        details: {
          decision: input.decision,
          loanNo: t.loan_no,
          createdTaskId,
          // The flag's new status is vouched for here (a status set straight in the file is not).
          ...(input.kind === 'flag' ? { rows: anchorRows(db, { flags: [input.id] }) } : {}),
        },
      },
      now,
    );
    enqueue(
      db,
      {
        entity: 'review',
        op: 'create',
        id: reviewId,
        data: {
          kind: input.kind,
          targetId: input.id,
          loanNo: t.loan_no,
          code: t.code,
          item: t.item,
          severity: t.severity,
          decision: input.decision,
          comment: input.comment,
          decidedBy: user.username,
          decidedAt: at,
          createdTaskId,
        },
      },
      now,
    );
    return { reviewId, createdTaskId };
  })();
}

export function addComment(db: Db, typed: { kind: ReviewKind; id: number; text: string }, user: UserView, now: Date) {
  const input = { ...typed, text: scrubPiiText(typed.text) };
  return db.transaction(() => {
    const t = target(db, input);
    const at = now.toISOString();
    const commentId = Number(
      stmt(db, 'INSERT INTO review_comments (flag_id, task_id, user_id, text, created_at) VALUES (?, ?, ?, ?, ?)').run(
        input.kind === 'flag' ? input.id : null,
        input.kind === 'task' ? input.id : null,
        user.id,
        input.text,
        at,
      ).lastInsertRowid,
    );
    appendAudit(
      db,
      {
        actor: user.username,
        action: 'review.comment',
        entity: input.kind,
        entityId: String(input.id),
        details: { loanNo: t.loan_no },
      },
      now,
    );
    enqueue(
      db,
      {
        entity: 'review_comment',
        op: 'create',
        id: commentId,
        data: { kind: input.kind, targetId: input.id, loanNo: t.loan_no, text: input.text, by: user.username, at },
      },
      now,
    );
    return { commentId };
  })();
}
