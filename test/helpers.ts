/** Test helpers: temp folders with real SQLite files, a movable clock, the CLI as a subprocess. */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');

const created: string[] = [];

/** A fresh temp folder, removed after the test file by `removeTempDirs` (test/setup.ts). */
export function tempDir(prefix = 'cbd-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Remove every folder `tempDir` made in this test file (vitest runs each file in its own process). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function tempDb(): string {
  return path.join(tempDir(), 'branch.db');
}

export class TestClock {
  constructor(private t: number = Date.parse('2026-11-20T02:00:00Z')) {}
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json: unknown;
}

/** Run the real CLI (`node --import tsx electron/cli/index.ts …`) and parse --json output. */
export function cli(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli/index.ts'), ...args], {
    cwd: ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, ...opts.env },
    timeout: 120_000,
  });
  let json: unknown = undefined;
  if (args.includes('--json')) {
    const lines = r.stdout.trim().split('\n').filter(Boolean);
    if (lines.length !== 1)
      throw new Error(`expected one JSON line on stdout, got ${lines.length}: ${r.stdout}\n${r.stderr}`);
    json = JSON.parse(lines[0]!);
  }
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json };
}

/** `init` through the real CLI: branch HZ001 杭州西湖支行, admin / admin-pass-1. */
export function cliInit(db: string, extra: string[] = []): CliResult {
  const args = ['init', '--db', db, '--branch-code', 'HZ001', '--branch-name', '杭州西湖支行', '--admin', 'admin'];
  return cli([...args, '--password-stdin', '--json', ...extra], { input: 'admin-pass-1\n' });
}

/** A fresh, initialized database file. */
export function initDb(): string {
  const db = tempDb();
  const r = cliInit(db);
  if (r.code !== 0) throw new Error(`init failed: ${r.stderr}`);
  return db;
}

/**
 * The real CLI as a child process without blocking this process's event loop (needed when the
 * test itself serves HTTP to the CLI, e.g. the sync receiver). `onSpawn` gets the child, to kill it.
 */
export function cliAsync(
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; onSpawn?: (child: import('node:child_process').ChildProcess) => void } = {},
): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli/index.ts'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    opts.onSpawn?.(child);
    child.once('close', (code, signal) => {
      let json: unknown = undefined;
      if (args.includes('--json') && code !== null) {
        const lines = stdout.trim().split('\n').filter(Boolean);
        if (lines.length === 1) json = JSON.parse(lines[0]!);
        else return reject(new Error(`expected one JSON line on stdout, got ${lines.length}: ${stdout}\n${stderr}`));
      }
      resolve({ code: code ?? -1, signal, stdout, stderr, json });
    });
  });
}
