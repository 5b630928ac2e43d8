/**
 * Who works a task: an officer or the branch pool (assignee NULL). Officers take pool tasks;
 * managers assign, return to the pool, and move everything of one officer to another (leave).
 * Every change is audited; finished tasks are never reassigned.
 */
import { AppError } from '../../../shared/result';
import { appendAudit } from '../audit/log';
import { stmt, type Db } from '../db/open';
import { enqueueTask } from '../sync/outbox';

/**
 * A task moved to another officer takes with it no call another officer has in progress: that
 * officer could no longer record or finalize it, and the new officer could not start it. The
 * draft (the unfinished call screen) is dropped and audited; a task with no attempt yet goes back
 * to open.
 */
function dropOtherDrafts(db: Db, taskIds: number[], to: number, actor: string, now: Date): void {
  const draft = stmt<[number, number], { user_id: number; updated_at: string }>(
    db,
    'SELECT user_id, updated_at FROM drafts WHERE task_id = ? AND user_id != ?',
  );
  for (const taskId of taskIds) {
    const d = draft.get(taskId, to);
    if (!d) continue;
    stmt(db, 'DELETE FROM drafts WHERE task_id = ?').run(taskId);
    const reopened = stmt(
      db,
      `UPDATE tasks SET status = 'open', updated_at = ? WHERE id = ? AND status = 'in_progress'
         AND NOT EXISTS (SELECT 1 FROM attempts WHERE task_id = tasks.id)`,
    ).run(now.toISOString(), taskId).changes;
    if (reopened) enqueueTask(db, taskId, 'update', now);
    appendAudit(
      db,
      {
        actor,
        action: 'calls.draft_dropped',
        entity: 'task',
        entityId: String(taskId),
        details: { userId: d.user_id, savedAt: d.updated_at },
      },
      now,
    );
  }
}

const ACTIVE = "status IN ('open', 'in_progress')";

function officerId(db: Db, username: string): number {
  const u = stmt<[string], { id: number; role: string }>(
    db,
    'SELECT id, role FROM users WHERE username = ? AND active = 1',
  ).get(username);
  if (!u) throw new AppError('not_found', 'errors.userMissing', { username });
  return u.id;
}

/** An officer takes pool tasks; any task that is no longer in the pool is a conflict, nothing changes. */
export function takeTasks(db: Db, taskIds: number[], me: { id: number; username: string }, now: Date): number {
  return db.transaction(() => {
    const ids = [...new Set(taskIds)];
    const ok = stmt<[number], { n: number }>(
      db,
      `SELECT count(*) AS n FROM tasks WHERE id = ? AND assignee_id IS NULL AND ${ACTIVE}`,
    );
    for (const id of ids) if (ok.get(id)!.n !== 1) throw new AppError('conflict', 'errors.taskNotInPool');
    const upd = stmt(db, 'UPDATE tasks SET assignee_id = ?, updated_at = ? WHERE id = ?');
    for (const id of ids) upd.run(me.id, now.toISOString(), id);
    appendAudit(db, { actor: me.username, action: 'tasks.take', entity: 'task', details: { taskIds: ids } }, now);
    return ids.length;
  })();
}

/** A manager assigns tasks to an officer, or returns them to the pool (assignee null). */
export function assignTasks(db: Db, taskIds: number[], assignee: string | null, actor: string, now: Date): number {
  return db.transaction(() => {
    const to = assignee === null ? null : officerId(db, assignee);
    const ids = [...new Set(taskIds)];
    const exists = stmt<[number], { n: number }>(db, `SELECT count(*) AS n FROM tasks WHERE id = ? AND ${ACTIVE}`);
    for (const id of ids) if (exists.get(id)!.n !== 1) throw new AppError('conflict', 'errors.taskNotActive');
    if (to !== null) dropOtherDrafts(db, ids, to, actor, now);
    const upd = stmt(db, 'UPDATE tasks SET assignee_id = ?, updated_at = ? WHERE id = ?');
    for (const id of ids) upd.run(to, now.toISOString(), id);
    appendAudit(db, { actor, action: 'tasks.assign', entity: 'task', details: { taskIds: ids, assignee } }, now);
    return ids.length;
  })();
}

/** Move every open task of one officer to another officer or to the pool. */
export function reassignAll(db: Db, from: string, to: string | null, actor: string, now: Date): number {
  return db.transaction(() => {
    const fromId = officerId(db, from);
    const toId = to === null ? null : officerId(db, to);
    if (fromId === toId) return 0;
    if (toId !== null) {
      const moving = stmt<[number], number>(db, `SELECT id FROM tasks WHERE assignee_id = ? AND ${ACTIVE}`)
        .pluck()
        .all(fromId);
      dropOtherDrafts(db, moving, toId, actor, now);
    }
    const r = stmt(db, `UPDATE tasks SET assignee_id = ?, updated_at = ? WHERE assignee_id = ? AND ${ACTIVE}`).run(
      toId,
      now.toISOString(),
      fromId,
    );
    appendAudit(db, { actor, action: 'tasks.reassign_all', details: { from, to, tasks: r.changes } }, now);
    return r.changes;
  })();
}
