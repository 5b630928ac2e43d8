/**
 * `npm run harness -- --db <file> --port <n> [--token-file <f> | --token <t>]`: build the renderer
 * if stale, serve it with the API on 127.0.0.1, print one line with the URL when ready.
 *
 * The token comes from `--token-file` (a file only its owner can read), else
 * `$CALLBACK_DESK_HARNESS_TOKEN`, else `--token` (kept for tests: argv is visible to every user
 * of the machine in `ps` and /proc), else a random one printed in the URL.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { restrictUmask } from '../../electron/core/files';
import { assertNodeVersion } from '../../electron/core/nodeVersion';

assertNodeVersion();
restrictUmask(); // every file the harness creates is 0600 (see core/files.ts)
const { ensureRendererBuilt } = await import('./build');
const { startHarness } = await import('./server');

let values;
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      db: { type: 'string' },
      port: { type: 'string', default: '0' },
      token: { type: 'string' },
      'token-file': { type: 'string' },
      'key-dir': { type: 'string' },
      'no-build': { type: 'boolean' },
    },
  }));
} catch (e) {
  process.stderr.write(
    `${(e as Error).message}\nusage: npm run harness -- --db <file> --port <n> [--token-file <f>]\n`,
  );
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  process.stderr.write('--port must be 0–65535\n');
  process.exit(2);
}
function readTokenFile(file: string): string {
  let text: string;
  try {
    // Like ssh with a private key: a token file others can read is refused, not used.
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
      process.stderr.write(`--token-file ${file} is readable by other users: chmod 600 it\n`);
      process.exit(2);
    }
    text = fs.readFileSync(file, 'utf8').trim();
  } catch (e) {
    process.stderr.write(`--token-file: ${(e as Error).message}\n`);
    process.exit(2);
  }
  if (text === '') {
    process.stderr.write(`--token-file ${file} is empty\n`);
    process.exit(2);
  }
  return text;
}
const envToken = process.env.CALLBACK_DESK_HARNESS_TOKEN;
// Not handed on to anything this process starts.
delete process.env.CALLBACK_DESK_HARNESS_TOKEN;
const token =
  (values['token-file'] !== undefined ? readTokenFile(values['token-file']) : undefined) ??
  (envToken ? envToken : undefined) ??
  values.token ??
  randomBytes(16).toString('hex');
const dbFile = values.db ?? process.env.CALLBACK_DESK_DB ?? 'callback-desk.db';
if (values['key-dir'] !== undefined) {
  const { setKeyDir } = await import('../../electron/core/keyDir');
  setKeyDir(values['key-dir']); // else $CALLBACK_DESK_KEY_DIR, else beside the database
}
try {
  if (!values['no-build']) await ensureRendererBuilt((m) => process.stderr.write(`[harness] ${m}\n`));
  const h = await startHarness({ dbFile, port, token });
  process.stdout.write(`Callback Desk harness ready: ${h.url}\n`);
  const stop = () => void h.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  const { AppError } = await import('../../shared/result');
  const { translator } = await import('../../electron/core/i18n');
  const t = translator(process.env.CALLBACK_DESK_LANG);
  const reason = e instanceof AppError ? t(e.message, e.params) : (e as Error).message;
  process.stderr.write(`[harness] cannot start: ${reason}\n`);
  process.exit(2);
}
