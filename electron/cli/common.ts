/** What every CLI command file shares: the output shape, the usage error, the audit actor, --as-of and --password-stdin. */
import os from 'node:os';
import { isIsoDate } from '../../shared/domain/workdays';
import { AppError } from '../../shared/result';
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

/** What a command answers: the JSON document (--json), the text, and the exit code when not 0. */
export type Output = { json: unknown; text: string; exitCode?: number };

/** A required string option, or a usage error naming it. */
export function need<V extends object>(v: V, name: keyof V & string): string {
  const x: unknown = v[name];
  if (typeof x !== 'string' || x.trim() === '') throw new UsageError(`--${name} is required`);
  return x;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('--password-stdin: pipe the password on standard input');
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The password piped on standard input (`--password-stdin`); never an argument, so it is in no shell history. */
export async function password(v: { 'password-stdin'?: boolean | undefined }): Promise<string> {
  if (!v['password-stdin']) throw new UsageError('--password-stdin is required');
  const pw = await readStdin();
  if (!pw) throw new AppError('invalid_input', 'errors.passwordEmpty');
  return pw;
}
