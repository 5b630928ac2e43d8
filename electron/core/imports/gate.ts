/**
 * One import analysis at a time in this process, i.e. per workstation: the Electron main process,
 * the harness and a CLI run each are one process, and the branch host serves every client from its
 * one process. Reading a workbook is the heaviest thing the app does (CPU and memory): nine at once
 * used to take the main process down with them. Further analyses wait their turn, at most
 * MAX_WAITING of them (each waiting one holds its upload, at most the size limit, in memory); past
 * that, a new one is refused plainly (`conflict`, errors.importBusy) and the upload is kept so the
 * user can try again. A queue in the process rather than a lock file: an analysis never writes to
 * the database, so two processes reading two files cannot harm each other's data, only each
 * other's speed.
 */
import { AppError } from '../../../shared/result';

export const MAX_WAITING = 3;

let running = false;
const waiting: (() => void)[] = [];

/** Refuse now if the queue is full (before the caller gives up anything it holds). */
export function assertAnalysisSlot(): void {
  if (running && waiting.length >= MAX_WAITING) throw new AppError('conflict', 'errors.importBusy');
}

/** Run `fn` when no other analysis is running (in turn, first come first served). */
export async function oneAnalysisAtATime<T>(fn: () => Promise<T>): Promise<T> {
  assertAnalysisSlot();
  if (running) await new Promise<void>((resolve) => waiting.push(resolve));
  running = true;
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running = false;
  }
}
