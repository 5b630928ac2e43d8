/** `backup --out <file>` and `restore <file>`: a consistent copy of the branch file, and putting one back. */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/result';
import type { Translate } from '../../shared/import/messages';
import { openAppContext } from '../core/context';
import { backupTo } from '../core/backup/store';
import { restoreFileInPlace } from '../core/backup/service';
import { cliActor, UsageError, type Output } from './common';

export async function runBackup(
  cmd: string[],
  v: { out?: string | undefined },
  dbFile: string,
  t: Translate,
): Promise<Output> {
  const name = cmd.join(' ');
  if (cmd[0] === 'restore') {
    if (cmd.length !== 2) throw new UsageError('usage: restore <backup.db>');
    if (!fs.existsSync(cmd[1]!)) throw new AppError('not_found', 'errors.fileMissing', { file: cmd[1]! });
    const r = restoreFileInPlace(cmd[1]!, dbFile, cliActor(), new Date());
    return {
      json: {
        restored: path.resolve(dbFile),
        from: path.resolve(cmd[1]!),
        keptAs: r.keptAs,
        outboxContinuesAfter: r.outboxContinuesAfter,
        doctor: r.report,
      },
      text: t('cli.restoreDone', {
        file: path.resolve(dbFile),
        from: path.resolve(cmd[1]!),
        kept: r.keptAs ?? t('cli.none'),
      }),
    };
  }
  if (name === 'backup') {
    if (!v.out) throw new UsageError('--out <file> is required');
    const ctx = openAppContext(dbFile, { mustExist: true });
    try {
      const r = await backupTo(ctx.db, v.out);
      return { json: r, text: t('cli.backupDone', { file: r.file, bytes: r.bytes }) };
    } finally {
      ctx.close();
    }
  }
  throw new UsageError(`unknown command: ${name}`);
}
