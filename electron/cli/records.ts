/** `scripts validate [--dir <folder>]` and `audit verify`: checks that change nothing. */
import { checkScriptDir, SCRIPTS_DIR } from '../core/calls/scripts';
import { verifyAuditChain } from '../core/audit/log';
import { openAppContext } from '../core/context';
import type { Translate } from '../../shared/import/messages';
import { UsageError } from './common';

type Output = { json: unknown; text: string; exitCode?: number };

/** A problem `path: scripts.key` in the reader's language (the JSON keeps the key for machines). */
function readable(problem: string, t: Translate): string {
  const m = /^(.*): (scripts\.\w+)$/.exec(problem);
  return m ? `${m[1]}: ${t(m[2]!)}` : problem;
}

export function runChecks(cmd: string[], v: { dir?: string | undefined }, dbFile: string, t: Translate): Output {
  const name = cmd.join(' ');
  if (name === 'scripts validate') {
    const checks = checkScriptDir(v.dir ?? SCRIPTS_DIR);
    if (checks.length === 0) throw new UsageError(`no *.json script files in ${v.dir ?? SCRIPTS_DIR}`);
    const valid = checks.every((c) => c.valid);
    const text = checks
      .map((c) =>
        c.valid
          ? `✔ ${c.file} (${c.key} v${c.version})`
          : `✘ ${c.file}\n${c.problems.map((p) => `    ${readable(p, t)}`).join('\n')}`,
      )
      .concat(
        valid
          ? t('cli.scriptsValid', { n: checks.length })
          : t('cli.scriptsInvalid', { n: checks.filter((c) => !c.valid).length }),
      )
      .join('\n');
    return { json: { valid, scripts: checks }, text, exitCode: valid ? 0 : 1 };
  }
  if (name === 'audit verify') {
    const ctx = openAppContext(dbFile, { mustExist: true });
    try {
      const r = verifyAuditChain(ctx.db);
      const entries = (ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
      const json = r.ok
        ? { valid: true, entries, firstBadSeq: null }
        : { valid: false, entries, firstBadSeq: r.seq, reason: r.reason };
      const text = r.ok ? t('cli.auditValid', { n: entries }) : t('cli.auditBroken', { seq: r.seq, reason: r.reason });
      return { json, text, exitCode: r.ok ? 0 : 1 };
    } finally {
      ctx.close();
    }
  }
  throw new UsageError(`unknown command: ${name}`);
}
