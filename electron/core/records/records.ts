/**
 * Finalized records: the result of a task, written once all required checklist lines are
 * answered and the mandatory reads ticked. Records are immutable (triggers refuse UPDATE and
 * DELETE); a correction is a new version with a reason. Mismatches and flagging answers raise
 * risk flags. Finalizing completes the task.
 */
import type { UserView } from '../../../shared/contract';
import type { RecordVersionShape } from '../../../shared/contract/records';
import {
  entryChanged,
  ITEMS,
  lineProblem,
  recordOutcome,
  scriptPartiesOf,
  type ChecklistEntry,
  type DraftState,
  type ItemResult,
  type Outcome,
  type Severity,
} from '../../../shared/domain/calls';
import { roleAllows } from '../../../shared/roles';
import { AppError } from '../../../shared/result';
import { scrubPiiText } from '../../../shared/domain/mask';
import {
  checklistKey,
  checklistOf,
  findInstance,
  mustReadSteps,
  type ChecklistItem,
  type Script,
  type ScriptParty,
} from '../../../shared/scripts/schema';
import { appendAudit } from '../audit/log';
import { stmt, type Db } from '../db/open';
import { anchorRows } from '../audit/integrity';
import { enqueue, enqueueTask, outboxHighWater } from '../sync/outbox';
import { getSetting } from '../settings/store';
import { assertCaller, checkAttempt, draftOf, insertAttempt, taskState } from '../calls/calls';
import { createFlag } from '../review/flags';
import { assertDraftKeys, scrubDraftState, scrubEntry } from '../calls/freeText';
import { loanView, onFileValues, partiesOf, type OnFileValue } from '../calls/loanFacts';
import { scriptById } from '../calls/scripts';

export function scriptParties(db: Db, loanId: number): ScriptParty[] {
  return scriptPartiesOf(partiesOf(db, loanId));
}

/** The first problem that stops a record from being finalized, as an error key and params; or null. */
function completeness(
  script: Script,
  checklist: readonly ChecklistItem[],
  items: Readonly<Record<string, ChecklistEntry>>,
  reads: Readonly<Record<string, string>> | null,
): AppError | null {
  for (const line of checklist) {
    const p = lineProblem(line.item, items[line.key]);
    if (p === 'unanswered') return new AppError('invalid_input', 'errors.itemUnanswered', { item: line.key });
    if (p === 'noteRequired') return new AppError('invalid_input', 'errors.itemNoteRequired', { item: line.key });
  }
  if (reads)
    for (const id of mustReadSteps(script))
      if (!reads[id]) return new AppError('invalid_input', 'errors.readMissing', { step: id });
  return null;
}

interface FlagPlan {
  code: string;
  item: string;
  partyId: number | null;
  severity: Severity;
}

/** Flags a set of answers raises: one per mismatched line (named after the answer's flag when it has one), plus answer flags. */
function flagsFor(
  script: Script,
  parties: readonly ScriptParty[],
  checklist: readonly ChecklistItem[],
  items: Readonly<Record<string, ChecklistEntry>>,
  answers: Readonly<Record<string, string | number>>,
): FlagPlan[] {
  const answerFlags = new Map<string, string>();
  for (const [instId, value] of Object.entries(answers)) {
    const inst = findInstance(script, parties, instId);
    if (!inst || inst.step.kind !== 'ask' || inst.step.input.type !== 'choice') continue;
    const opt = inst.step.input.options.find((o) => o.value === value);
    if (opt?.flag) answerFlags.set(checklistKey(inst.step.item, inst.partyId), opt.flag);
  }
  const out: FlagPlan[] = [];
  for (const line of checklist) {
    const severity = ITEMS[line.item].severity;
    const flagged = answerFlags.get(line.key);
    if (items[line.key]?.result === 'mismatch' || flagged)
      out.push({ code: flagged ?? 'mismatch', item: line.item, partyId: line.partyId, severity: severity ?? 'high' });
  }
  return out;
}

function insertRecord(
  db: Db,
  r: {
    taskId: number;
    version: number;
    scriptId: number;
    attemptId: number | null;
    outcome: Outcome;
    answers: unknown;
    reads: unknown;
    note: string | null;
    reason: string | null;
    user: UserView;
    at: string;
  },
  checklist: readonly ChecklistItem[],
  items: Readonly<Record<string, ChecklistEntry>>,
  onFile: Readonly<Record<string, OnFileValue[]>>,
): number {
  const id = Number(
    stmt(
      db,
      `INSERT INTO records (task_id, version, script_id, attempt_id, outcome, answers, reads, note, reason, finalized_by, finalized_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      r.taskId,
      r.version,
      r.scriptId,
      r.attemptId,
      r.outcome,
      JSON.stringify(r.answers),
      JSON.stringify(r.reads),
      r.note,
      r.reason,
      r.user.id,
      r.at,
    ).lastInsertRowid,
  );
  const ins = stmt(
    db,
    'INSERT INTO record_items (record_id, key, pos, item, party_id, result, stated, note, on_file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const [pos, line] of checklist.entries()) {
    const e = items[line.key]!;
    const verify = ITEMS[line.item].kind === 'verify';
    const file = onFile[line.key];
    ins.run(
      id,
      line.key,
      pos,
      line.item,
      line.partyId,
      verify ? e.result : null,
      e.stated.trim(),
      e.note.trim(),
      file ? JSON.stringify(file) : null,
    );
  }
  const ref = stmt<[number, number], { loan_no: string; key: string; version: number }>(
    db,
    `SELECT l.loan_no, s.key, s.version FROM tasks t JOIN loans l ON l.id = t.loan_id, scripts s
      WHERE t.id = ? AND s.id = ?`,
  ).get(r.taskId, r.scriptId)!;
  enqueue(
    db,
    {
      entity: 'record',
      op: r.version === 1 ? 'create' : 'amend',
      id,
      data: {
        taskId: r.taskId,
        loanNo: ref.loan_no,
        version: r.version,
        attemptId: r.attemptId,
        outcome: r.outcome,
        script: { key: ref.key, version: ref.version },
        finalizedBy: r.user.username,
        finalizedAt: r.at,
        note: r.note,
        reason: r.reason,
        reads: r.reads,
        items: checklist.map((line) => {
          const e = items[line.key]!;
          return {
            key: line.key,
            item: line.item,
            partyId: line.partyId,
            result: ITEMS[line.item].kind === 'verify' ? e.result : null,
            stated: e.stated.trim(),
            note: e.note.trim(),
          };
        }),
      },
    },
    new Date(r.at),
  );
  return id;
}

/**
 * Finalize the call in progress: validates the state against the pinned script, writes the
 * completing attempt, the record (version 1), its items and flags, completes the task and
 * removes the draft — all in one transaction.
 */
export function finalizeRecord(
  db: Db,
  taskId: number,
  user: UserView,
  typed: DraftState,
  now: Date,
): { recordId: number; outcome: Outcome; flags: number } {
  return db.transaction(() => {
    const outboxBefore = outboxHighWater(db);
    const t = taskState(db, taskId);
    if (t.status !== 'open' && t.status !== 'in_progress') throw new AppError('conflict', 'errors.taskClosed');
    assertCaller(t, user);
    const draft = draftOf(db, taskId);
    if (!draft) throw new AppError('conflict', 'errors.noDraft');
    if (draft.userId !== user.id) throw new AppError('conflict', 'errors.draftOtherUser');
    assertDraftKeys(db, draft.scriptId, t.loan_id, typed);
    // Everything below stores, shows and sends the masked text only.
    const state = scrubDraftState(typed);
    const rules = getSetting(db, 'callRules');
    const earlier = checkAttempt(db, t, rules, new Date(draft.startedAt));
    if (!earlier.allowed) throw new AppError('conflict', 'errors.attemptAnotherDay', { days: rules.minDistinctDays });
    const { script } = scriptById(db, draft.scriptId);
    const parties = scriptParties(db, t.loan_id);
    const checklist = checklistOf(script, parties);
    const problem = completeness(script, checklist, state.items, state.reads);
    if (problem) throw problem;
    const outcome = recordOutcome(state.items, checklist);
    const attemptId = insertAttempt(db, t, user, draft, outcome, state.note.trim() || null, null, rules, now);
    const at = now.toISOString();
    const loan = loanView(db, { id: t.loan_id });
    const onFile = onFileValues(loan, partiesOf(db, t.loan_id));
    const recordId = insertRecord(
      db,
      {
        taskId,
        version: 1,
        scriptId: draft.scriptId,
        attemptId,
        outcome,
        answers: state.answers,
        reads: state.reads,
        note: state.note.trim() || null,
        reason: null,
        user,
        at,
      },
      checklist,
      state.items,
      onFile,
    );
    const plans = flagsFor(script, parties, checklist, state.items, state.answers);
    for (const f of plans) createFlag(db, { loanId: t.loan_id, taskId, recordId, attemptId, ...f }, user, now);
    stmt(
      db,
      `UPDATE tasks SET status = 'completed', completed_at = ?, booked_at = NULL, retry_after = NULL, updated_at = ?
        WHERE id = ?`,
    ).run(at, at, taskId);
    enqueueTask(db, taskId, 'update', now);
    stmt(db, 'DELETE FROM drafts WHERE task_id = ?').run(taskId);
    appendAudit(
      db,
      {
        actor: user.username,
        action: 'records.finalize',
        entity: 'record',
        entityId: String(recordId),
        details: {
          taskId,
          loanNo: t.loan_no,
          outcome,
          version: 1,
          flags: plans.length,
          rows: anchorRows(db, { records: [recordId], outboxAfter: outboxBefore }),
        },
      },
      now,
    );
    return { recordId, outcome, flags: plans.length };
  })();
}

export type RecordItemView = RecordVersionShape['items'][number];

export type RecordVersionView = RecordVersionShape;

/** Every version of a task's record, oldest first, each with its differences from the one before. */
export function recordVersions(db: Db, taskId: number): RecordVersionView[] {
  const recs = stmt<
    [number],
    {
      id: number;
      version: number;
      outcome: Outcome;
      key: string;
      sversion: number;
      note: string | null;
      reason: string | null;
      finalized_at: string;
      display_name: string;
      reads: string;
    }
  >(
    db,
    `SELECT r.id, r.version, r.outcome, s.key, s.version AS sversion, r.note, r.reason, r.finalized_at, u.display_name, r.reads
       FROM records r JOIN scripts s ON s.id = r.script_id JOIN users u ON u.id = r.finalized_by
      WHERE r.task_id = ? ORDER BY r.version`,
  ).all(taskId);
  const itemsQ = stmt<
    [number],
    {
      key: string;
      item: string;
      party_id: number | null;
      result: ItemResult | null;
      stated: string;
      note: string;
      on_file: string | null;
    }
  >(db, 'SELECT key, item, party_id, result, stated, note, on_file FROM record_items WHERE record_id = ? ORDER BY pos');
  const out: RecordVersionView[] = [];
  for (const r of recs) {
    const items = itemsQ.all(r.id).map((i) => ({
      key: i.key,
      item: i.item,
      partyId: i.party_id,
      result: i.result,
      stated: i.stated,
      note: i.note,
      onFile: i.on_file ? (JSON.parse(i.on_file) as OnFileValue[]) : [],
    }));
    const prev = out[out.length - 1];
    const changes: RecordVersionView['changes'] = [];
    if (prev)
      for (const it of items) {
        const before = prev.items.find((p) => p.key === it.key);
        for (const field of ['result', 'stated', 'note'] as const) {
          const from = String(before?.[field] ?? '');
          const to = String(it[field] ?? '');
          if (from !== to) changes.push({ key: it.key, field, from, to });
        }
      }
    out.push({
      recordId: r.id,
      version: r.version,
      outcome: r.outcome,
      scriptKey: r.key,
      scriptVersion: r.sversion,
      note: r.note,
      reason: r.reason,
      finalizedAt: r.finalized_at,
      finalizedBy: r.display_name,
      reads: JSON.parse(r.reads) as Record<string, string>,
      items,
      changes,
    });
  }
  return out;
}

/** Who may amend a task's record: the officer who finalized its first version, or a manager (the loan file shows the same answer). */
export function mayAmend(db: Db, taskId: number, user: UserView): boolean {
  if (roleAllows('manager', user.role)) return true;
  const first = stmt<[number], { finalized_by: number }>(
    db,
    'SELECT finalized_by FROM records WHERE task_id = ? AND version = 1',
  ).get(taskId);
  return first?.finalized_by === user.id;
}

/**
 * Correct a finalized record: a new version with the changed lines and a required reason. The
 * old version stays as it was. New mismatches raise flags. Only the officer who finalized the
 * record or a manager may amend.
 */
export function amendRecord(
  db: Db,
  taskId: number,
  user: UserView,
  input: { items: Record<string, ChecklistEntry>; reason: string; expectedVersion: number },
  now: Date,
): { recordId: number; version: number; outcome: Outcome } {
  if (input.reason.trim().length < 2) throw new AppError('invalid_input', 'errors.amendReasonRequired');
  const reason = scrubPiiText(input.reason.trim());
  return db.transaction(() => {
    const outboxBefore = outboxHighWater(db);
    const versions = recordVersions(db, taskId);
    const last = versions[versions.length - 1];
    if (!last) throw new AppError('not_found', 'errors.recordMissing');
    if (last.version !== input.expectedVersion) throw new AppError('conflict', 'errors.recordChanged');
    const owner = stmt<
      [number],
      { finalized_by: number; script_id: number; attempt_id: number | null; answers: string }
    >(db, 'SELECT finalized_by, script_id, attempt_id, answers FROM records WHERE id = ?').get(last.recordId)!;
    if (!mayAmend(db, taskId, user)) throw new AppError('forbidden', 'errors.recordNotYours');
    const t = taskState(db, taskId);
    const { script } = scriptById(db, owner.script_id);
    const parties = scriptParties(db, t.loan_id);
    const checklist = checklistOf(script, parties);
    // Keyed by the record's own item keys only: `in` would also find `constructor`, `toString`…
    // on the prototype (a caller-given key), so a prototype-free object and Object.hasOwn.
    const merged: Record<string, ChecklistEntry> = Object.create(null) as Record<string, ChecklistEntry>;
    for (const it of last.items) merged[it.key] = { result: it.result, stated: it.stated, note: it.note };
    for (const [k, v] of Object.entries(input.items)) {
      if (!Object.hasOwn(merged, k)) throw new AppError('invalid_input', 'errors.itemUnknown', { item: k });
      merged[k] = scrubEntry(v);
    }
    // Lines no longer in the checklist (a party removed since) keep their recorded values.
    const lines = checklist.filter((l) => Object.hasOwn(merged, l.key));
    const problem = completeness(script, lines, merged, null);
    if (problem) throw problem;
    const changed = Object.keys(input.items).filter((k) =>
      entryChanged(
        merged[k]!,
        last.items.find((i) => i.key === k)!,
      ),
    );
    if (changed.length === 0) throw new AppError('invalid_input', 'errors.amendNoChange');
    const outcome = recordOutcome(merged, lines);
    const onFile = Object.fromEntries(last.items.map((i) => [i.key, i.onFile]));
    const version = last.version + 1;
    const recordId = insertRecord(
      db,
      {
        taskId,
        version,
        scriptId: owner.script_id,
        attemptId: owner.attempt_id,
        outcome,
        answers: JSON.parse(owner.answers) as unknown,
        reads: last.reads,
        note: last.note,
        reason,
        user,
        at: now.toISOString(),
      },
      lines,
      merged,
      onFile,
    );
    for (const k of changed) {
      const line = lines.find((l) => l.key === k)!;
      const was = last.items.find((i) => i.key === k)!;
      if (merged[k]!.result === 'mismatch' && was.result !== 'mismatch')
        createFlag(
          db,
          {
            loanId: t.loan_id,
            taskId,
            recordId,
            code: 'mismatch',
            item: line.item,
            partyId: line.partyId,
            severity: ITEMS[line.item].severity ?? 'high',
          },
          user,
          now,
        );
    }
    appendAudit(
      db,
      {
        actor: user.username,
        action: 'records.amend',
        entity: 'record',
        entityId: String(recordId),
        details: {
          taskId,
          version,
          reason,
          changed,
          rows: anchorRows(db, { records: [recordId], outboxAfter: outboxBefore }),
        },
      },
      now,
    );
    return { recordId, version, outcome };
  })();
}
