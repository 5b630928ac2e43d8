/** `scripts validate [--dir <folder>]`: checks the call scripts (话术) and changes nothing. */
import { checkScriptDir, SCRIPTS_DIR } from '../core/calls/scripts';
import type { Translate } from '../../shared/import/messages';
import { UsageError, type Output } from './common';

/** A problem `path: scripts.key` in the reader's language (the JSON keeps the key for machines). */
function readable(problem: string, t: Translate): string {
  const m = /^(.*): (scripts\.\w+)$/.exec(problem);
  return m ? `${m[1]}: ${t(m[2]!)}` : problem;
}

export async function runScripts(
  cmd: string[],
  v: { dir?: string | undefined },
  _dbFile: string,
  t: Translate,
): Promise<Output> {
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
  throw new UsageError(`unknown command: ${name}`);
}
