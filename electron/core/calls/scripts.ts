/**
 * Call scripts: the default files in resources/scripts/ (bundled with the app), validation, and
 * publishing into the database as immutable versions. A file whose content changed without a new
 * version number is refused, so a published (key, version) always means the same script.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { scriptSchema, type Script } from '../../../shared/scripts/schema';
import { scriptProblems } from '../../../shared/scripts/walk';
import type { TaskType } from '../../../shared/domain/taskRules';
import { AppError } from '../../../shared/result';
import { canonicalJson, appendAudit } from '../audit/log';
import { stmt, type Db } from '../db/open';
import postApproval from '../../../resources/scripts/post_approval.json' with { type: 'json' };
import postDisbursement from '../../../resources/scripts/post_disbursement.json' with { type: 'json' };
import repaymentReminder from '../../../resources/scripts/repayment_reminder.json' with { type: 'json' };
import collateralRevaluation from '../../../resources/scripts/collateral_revaluation.json' with { type: 'json' };
import eventScript from '../../../resources/scripts/event.json' with { type: 'json' };
import satisfaction from '../../../resources/scripts/satisfaction.json' with { type: 'json' };

/** The scripts shipped with this build (JSON imported, so they travel inside the bundle). */
export const BUNDLED_SCRIPTS: Record<string, unknown> = {
  'post_approval.json': postApproval,
  'post_disbursement.json': postDisbursement,
  'repayment_reminder.json': repaymentReminder,
  'collateral_revaluation.json': collateralRevaluation,
  'event.json': eventScript,
  'satisfaction.json': satisfaction,
};

/** Where the script files live in a source checkout (for `scripts validate`). */
export const SCRIPTS_DIR = path.resolve(import.meta.dirname, '../../../resources/scripts');

export interface ScriptCheck {
  file: string;
  key: string | null;
  version: number | null;
  valid: boolean;
  problems: string[];
}

/** Validate one script document: the schema (with the path of each issue), then every walked path. */
export function checkScript(file: string, doc: unknown): ScriptCheck {
  const parsed = scriptSchema.safeParse(doc);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    const d = doc as { key?: unknown; version?: unknown } | null;
    return {
      file,
      key: typeof d?.key === 'string' ? d.key : null,
      version: typeof d?.version === 'number' ? d.version : null,
      valid: false,
      problems,
    };
  }
  const problems = scriptProblems(parsed.data);
  return { file, key: parsed.data.key, version: parsed.data.version, valid: problems.length === 0, problems };
}

/** Validate every `*.json` in a folder (unreadable or malformed JSON is reported, not thrown). */
export function checkScriptDir(dir: string): ScriptCheck[] {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort();
  } catch {
    throw new AppError('not_found', 'errors.scriptsDirMissing', { dir });
  }
  return names.map((name) => {
    let doc: unknown;
    try {
      doc = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    } catch (e) {
      return { file: name, key: null, version: null, valid: false, problems: [`JSON: ${(e as Error).message}`] };
    }
    return checkScript(name, doc);
  });
}

export interface PublishedScript {
  id: number;
  key: string;
  version: number;
  script: Script;
}

/**
 * Publish the bundled scripts: a new (key, version) is inserted and audited; the same content
 * again is a no-op; changed content under a published version number is refused.
 */
export function publishScripts(db: Db, now: Date, docs: Record<string, unknown> = BUNDLED_SCRIPTS): number {
  const find = stmt<[string, number], { sha256: string }>(
    db,
    'SELECT sha256 FROM scripts WHERE key = ? AND version = ?',
  );
  const insert = stmt(
    db,
    'INSERT INTO scripts (key, version, task_type, definition, sha256, published_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  let published = 0;
  db.transaction(() => {
    for (const [file, doc] of Object.entries(docs)) {
      const check = checkScript(file, doc);
      if (!check.valid)
        throw new AppError('invalid_input', 'errors.scriptInvalid', { file, problem: check.problems[0]! });
      const script = scriptSchema.parse(doc);
      const definition = canonicalJson(script);
      const sha = createHash('sha256').update(definition).digest('hex');
      const existing = find.get(script.key, script.version);
      if (existing) {
        if (existing.sha256 !== sha)
          throw new AppError('conflict', 'errors.scriptVersionChanged', { key: script.key, version: script.version });
        continue;
      }
      insert.run(script.key, script.version, script.taskType, definition, sha, now.toISOString());
      appendAudit(
        db,
        {
          actor: 'system',
          action: 'calls.script_published',
          entity: 'script',
          entityId: `${script.key}@${script.version}`,
          details: { sha256: sha },
        },
        now,
      );
      published++;
    }
  })();
  return published;
}

interface ScriptRow {
  id: number;
  key: string;
  version: number;
  definition: string;
}

const toPublished = (r: ScriptRow): PublishedScript => ({
  id: r.id,
  key: r.key,
  version: r.version,
  script: scriptSchema.parse(JSON.parse(r.definition)),
});

/** The newest published script for a task type (publishing the bundled ones first if needed). */
export function currentScript(db: Db, taskType: TaskType, now: Date): PublishedScript {
  const q = stmt<[string], ScriptRow>(
    db,
    'SELECT id, key, version, definition FROM scripts WHERE task_type = ? ORDER BY version DESC, id DESC LIMIT 1',
  );
  let row = q.get(taskType);
  if (!row) {
    publishScripts(db, now);
    row = q.get(taskType);
  }
  if (!row) throw new AppError('not_found', 'errors.scriptMissing', { type: taskType });
  return toPublished(row);
}

/** A published script by id (attempts, drafts and records pin the id they used). */
export function scriptById(db: Db, id: number): PublishedScript {
  const row = stmt<[number], ScriptRow>(db, 'SELECT id, key, version, definition FROM scripts WHERE id = ?').get(id);
  if (!row) throw new AppError('not_found', 'errors.scriptMissing', { type: String(id) });
  return toPublished(row);
}
