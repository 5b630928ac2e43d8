/** `audit verify`: walks the audit log's hash chain and changes nothing. */
import { verifyAuditChain } from '../core/audit/log';
import { openAppContext } from '../core/context';
import type { Translate } from '../../shared/import/messages';
import { UsageError, type Output } from './common';

export async function runAudit(cmd: string[], _v: unknown, dbFile: string, t: Translate): Promise<Output> {
  const name = cmd.join(' ');
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
