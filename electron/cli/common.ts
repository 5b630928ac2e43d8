/** What every CLI command shares: the usage error, the audit actor and the --as-of option. */
import os from 'node:os';
import { isIsoDate } from '../../shared/domain/workdays';
import { shanghaiDate } from '../core/clock';

/** Bad flags or arguments: exit 2 with the usage text. */
export class UsageError extends Error {}

/** The audit actor for CLI changes: the operating-system user. */
export function cliActor(): string {
  try {
    return `cli:${os.userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** `--as-of YYYY-MM-DD`, or today in Asia/Shanghai. */
export function asOfOption(raw: string | undefined, now: Date): string {
  if (raw === undefined) return shanghaiDate(now);
  if (!isIsoDate(raw)) throw new UsageError('--as-of must be a date YYYY-MM-DD');
  return raw;
}
