/** Starts `npm run harness` as a child process and waits for its "ready" line (tests and scripts). */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface HarnessProcess {
  url: string;
  origin: string;
  token: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

export async function startHarnessProcess(
  dbFile: string,
  extraArgs: string[] = ['--no-build'],
): Promise<HarnessProcess> {
  const token = randomBytes(12).toString('hex');
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(ROOT, 'test/harness/index.ts'),
      '--db',
      dbFile,
      '--port',
      '0',
      '--token',
      token,
      ...extraArgs,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`harness did not start: ${stderr}`)), 60_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready: (http\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    token,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
