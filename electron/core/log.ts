/**
 * The application log: one line per event (`<ISO time> <LEVEL> [scope] message`), appended to
 * `<dir>/callback-desk.log` and rotated by size (`.1` … `.<keep>`, oldest dropped). Every line
 * passes one redaction choke point (`redactLogText`: ID, phone and account numbers masked, line
 * breaks folded) before it reaches a file or the console, so no caller can leak them by accident.
 * Written here rather than taken from electron-log so the CLI, the harness and the Electron main
 * process share the same code without an Electron dependency in the core, and so that redaction
 * cannot be bypassed by a transport.
 */
import fs from 'node:fs';
import path from 'node:path';
import { scrubPiiText } from '../../shared/domain/mask';
import { makePrivate, PRIVATE_FILE_MODE } from './files';

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(scope: string, message: string): void;
  warn(scope: string, message: string): void;
  error(scope: string, message: string): void;
}

export interface LoggerOptions {
  /** Folder of the log files; none = console only. */
  dir?: string;
  /** Size at which the current file is rotated (default 5 MiB). */
  maxBytes?: number;
  /** Rotated files kept (default 5). */
  keep?: number;
  /** Also write each (redacted) line here, e.g. to stderr. */
  echo?: (line: string) => void;
  clock?: () => Date;
}

export const LOG_FILE = 'callback-desk.log';

/** What may be written to a log: personal numbers masked, one line. */
export function redactLogText(text: string): string {
  return scrubPiiText(text.replace(/[\r\n]+/g, ' ⏎ ')).slice(0, 4000);
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const maxBytes = opts.maxBytes ?? 5 * 1024 * 1024;
  const keep = opts.keep ?? 5;
  const clock = opts.clock ?? (() => new Date());
  const file = opts.dir ? path.join(opts.dir, LOG_FILE) : null;
  if (opts.dir) fs.mkdirSync(opts.dir, { recursive: true });
  if (file) makePrivate(file); // a log written by an older version with a wider mode

  const rotate = () => {
    fs.rmSync(`${file}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--)
      if (fs.existsSync(`${file}.${i}`)) fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
    fs.renameSync(file!, `${file}.1`);
  };

  const write = (level: LogLevel, scope: string, message: string) => {
    const line = `${clock().toISOString()} ${level.toUpperCase()} [${redactLogText(scope)}] ${redactLogText(message)}\n`;
    opts.echo?.(line);
    if (!file) return;
    try {
      const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate();
      fs.appendFileSync(file, line, { mode: PRIVATE_FILE_MODE });
    } catch {
      // A full disk or a locked file must not take the app down with it; the echo still got the line.
    }
  };
  return {
    info: (s, m) => write('info', s, m),
    warn: (s, m) => write('warn', s, m),
    error: (s, m) => write('error', s, m),
  };
}

/** Console-only logger (stderr), redacted like the file logger. */
export const stderrLogger: Logger = createLogger({ echo: (line) => process.stderr.write(line) });
