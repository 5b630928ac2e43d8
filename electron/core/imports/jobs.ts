/**
 * Imports started from the UI: the file arrives in chunks over the contract (the same way in
 * Electron and the harness), is analysed in the background with progress, previewed, then
 * committed or cancelled. Uploads stay in memory (bounded by the size limit) so the extract never
 * lands unencrypted on disk; finished or abandoned jobs are dropped after a while.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { AppError } from '../../../shared/result';
import type { AppContext } from '../context';
import { shanghaiDate } from '../clock';
import { analyseImport, disposeAnalysis, type ImportAnalysis } from './analyse';
import { commitImport, type ImportResult } from './commit';
import { assertAnalysisSlot } from './gate';
import { importLimits } from './limits';
import { generateTasks } from '../tasks/generate';

const JOB_TTL_MS = 60 * 60_000;

interface Upload {
  fileName: string;
  chunks: Buffer[];
  size: number;
  owner: string;
  at: number;
}

export type JobPhase = 'reading' | 'ready' | 'committing' | 'done' | 'failed' | 'cancelled';

export interface ImportJob {
  id: string;
  owner: string;
  fileName: string;
  phase: JobPhase;
  progress: { bytesRead: number; totalBytes: number; rows: number };
  analysis: ImportAnalysis | null;
  result: ImportResult | null;
  failure: AppError | null;
  controller: AbortController;
  at: number;
}

export class ImportJobs {
  private uploads = new Map<string, Upload>();
  private jobs = new Map<string, ImportJob>();

  constructor(private readonly ctx: AppContext) {}

  private sweep(): void {
    const old = this.ctx.clock().getTime() - JOB_TTL_MS;
    for (const [id, u] of this.uploads) if (u.at < old) this.uploads.delete(id);
    for (const [id, j] of this.jobs) {
      if (j.at < old && j.phase !== 'reading' && j.phase !== 'committing') this.drop(id);
    }
  }

  private drop(id: string): void {
    const j = this.jobs.get(id);
    if (j?.analysis) disposeAnalysis(j.analysis);
    this.jobs.delete(id);
  }

  upload(
    owner: string,
    input: { uploadId?: string | undefined; fileName: string; chunk: string; last: boolean },
  ): { uploadId: string; receivedBytes: number } {
    this.sweep();
    let id = input.uploadId;
    let u = id ? this.uploads.get(id) : undefined;
    if (id && (!u || u.owner !== owner)) throw new AppError('not_found', 'errors.uploadMissing');
    if (!u) {
      id = randomUUID();
      u = { fileName: input.fileName, chunks: [], size: 0, owner, at: this.ctx.clock().getTime() };
      this.uploads.set(id, u);
    }
    const bytes = Buffer.from(input.chunk, 'base64');
    u.size += bytes.length;
    u.at = this.ctx.clock().getTime();
    const limit = importLimits(this.ctx.db).maxBytes;
    if (u.size > limit) {
      this.uploads.delete(id!);
      throw new AppError('invalid_input', 'imports.errors.file_too_large', {
        size: Math.ceil((u.size / 1024 / 1024) * 10) / 10,
        limit: Math.round(limit / 1024 / 1024),
      });
    }
    u.chunks.push(bytes);
    return { uploadId: id!, receivedBytes: u.size };
  }

  analyse(owner: string, uploadId: string): { jobId: string } {
    const u = this.uploads.get(uploadId);
    if (!u || u.owner !== owner) throw new AppError('not_found', 'errors.uploadMissing');
    // Refused while the queue is full; the upload stays, so the same analyse can be asked again.
    assertAnalysisSlot();
    this.uploads.delete(uploadId);
    const data = Buffer.concat(u.chunks);
    const job: ImportJob = {
      id: randomUUID(),
      owner,
      fileName: u.fileName,
      phase: 'reading',
      progress: { bytesRead: 0, totalBytes: data.length, rows: 0 },
      analysis: null,
      result: null,
      failure: null,
      controller: new AbortController(),
      at: this.ctx.clock().getTime(),
    };
    this.jobs.set(job.id, job);
    void analyseImport(this.ctx.db, this.ctx.pii(), {
      fileName: u.fileName,
      source: { size: data.length, open: () => Readable.from([data]) },
      limits: importLimits(this.ctx.db),
      today: shanghaiDate(this.ctx.clock()),
      signal: job.controller.signal,
      onProgress: (p) => {
        job.progress = p;
      },
    }).then(
      (a) => {
        if (job.phase === 'cancelled') {
          disposeAnalysis(a);
          return;
        }
        job.analysis = a;
        job.phase = 'ready';
      },
      (e: unknown) => {
        job.phase = 'failed';
        job.failure = e instanceof AppError ? e : new AppError('internal', 'errors.internal');
      },
    );
    return { jobId: job.id };
  }

  get(owner: string, jobId: string): ImportJob {
    const j = this.jobs.get(jobId);
    if (!j || j.owner !== owner) throw new AppError('not_found', 'errors.importJobMissing');
    return j;
  }

  commit(owner: string, jobId: string, skipInvalid: boolean): ImportResult {
    const j = this.get(owner, jobId);
    if (j.phase !== 'ready' || !j.analysis) throw new AppError('conflict', 'errors.importNotReady');
    j.phase = 'committing';
    const now = this.ctx.clock();
    try {
      j.result = commitImport(this.ctx.db, this.ctx.pii(), j.analysis, { skipInvalid, actor: owner, now });
    } catch (e) {
      j.phase = 'ready'; // rolled back: the user may try again
      throw e;
    }
    // Committed: never 'ready' again (a second commit would record the import twice).
    j.phase = 'done';
    // The rows are in the database now; only the rejected rows stay (for their download).
    j.analysis.valid.dispose();
    // New and changed loans get their callback tasks at once (else at the next start).
    generateTasks(this.ctx.db, { asOf: shanghaiDate(now), now, actor: owner });
    return j.result;
  }

  cancel(owner: string, jobId: string): void {
    const j = this.get(owner, jobId);
    if (j.phase === 'committing') throw new AppError('conflict', 'errors.importNotReady');
    j.controller.abort();
    if (j.phase !== 'done') j.phase = 'cancelled';
    if (j.analysis) disposeAnalysis(j.analysis);
    j.analysis = null;
  }

  /** True while a file is being read or committed (the database must not be swapped then). */
  busy(): boolean {
    for (const j of this.jobs.values()) if (j.phase === 'reading' || j.phase === 'committing') return true;
    return false;
  }

  /** Drop every upload and job and their spooled rows (before the database is swapped). */
  disposeAll(): void {
    for (const id of [...this.jobs.keys()]) this.drop(id);
    this.uploads.clear();
  }
}
