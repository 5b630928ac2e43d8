/**
 * Sync runs started from the 同步 page: one at a time, in the background, with progress the
 * page polls through `sync.status`, and cancellable between bundles (never inside a file write).
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/result';
import type { SyncJobView } from '../../../shared/contract/sync';
import type { AppContext } from '../context';
import { getSetting, setSetting } from '../settings/store';
import { exportBundles, exportFolder } from './export';
import { pushBundles } from './push';
import { storedTarget, syncSource } from './service';

export class SyncJobs {
  private job: (SyncJobView & { controller: AbortController }) | null = null;

  constructor(private readonly ctx: AppContext) {}

  current(): SyncJobView | null {
    if (!this.job) return null;
    const { controller: _c, ...view } = this.job;
    return view;
  }

  private begin(kind: 'export' | 'push'): SyncJobView & { controller: AbortController } {
    if (this.job?.phase === 'running') throw new AppError('conflict', 'errors.syncBusy');
    this.job = {
      jobId: randomUUID(),
      kind,
      phase: 'running',
      done: 0,
      total: 0,
      retry: null,
      outcome: null,
      bundles: [],
      error: null,
      controller: new AbortController(),
    };
    return this.job;
  }

  private settle(job: NonNullable<SyncJobs['job']>, work: Promise<void>): void {
    void work.catch((e: unknown) => {
      job.phase = 'failed';
      job.outcome = 'error';
      job.error = e instanceof AppError ? e.toShape() : { code: 'internal', message: 'errors.internal' };
      if (!(e instanceof AppError)) this.ctx.log.error('sync', `${(e as Error)?.message ?? e}`);
    });
  }

  startExport(dir: string, actor: string): string {
    const folder = exportFolder(dir);
    const src = syncSource(this.ctx, actor);
    const job = this.begin('export');
    setSetting(this.ctx.db, 'syncExportDir', folder, this.ctx.clock());
    this.settle(
      job,
      (async () => {
        const r = await exportBundles(src, folder, {
          signal: job.controller.signal,
          onProgress: (p) => {
            job.done = p.done;
            job.total = p.total;
          },
        });
        job.bundles = r.bundles.map((b) => ({ bundleId: b.bundleId, file: b.file, entries: b.entries }));
        job.outcome = r.cancelled ? 'cancelled' : r.bundles.length === 0 ? 'nothing' : 'ok';
        job.phase = r.cancelled ? 'cancelled' : 'done';
      })(),
    );
    return job.jobId;
  }

  startPush(actor: string): string {
    const src = syncSource(this.ctx, actor);
    const target = storedTarget(this.ctx);
    if (!target.url) throw new AppError('invalid_input', 'errors.syncNoTarget');
    if (!target.token) throw new AppError('invalid_input', 'errors.syncNoToken');
    const job = this.begin('push');
    this.settle(
      job,
      (async () => {
        const r = await pushBundles(src, target, {
          maxTries: getSetting(this.ctx.db, 'syncMaxTries'),
          signal: job.controller.signal,
          onProgress: (p) => {
            job.done = p.done;
            job.total = p.total;
            job.retry = p.retry;
          },
        });
        job.retry = null;
        job.outcome = r.outcome;
        job.bundles = r.bundles
          .filter((b) => b.status === 'acknowledged')
          .map((b) => ({ bundleId: b.bundleId, file: b.file, entries: b.entries }));
        job.phase =
          r.outcome === 'ok' || r.outcome === 'nothing' ? 'done' : r.outcome === 'cancelled' ? 'cancelled' : 'failed';
        job.error =
          r.error && r.outcome !== 'cancelled'
            ? { code: r.outcome === 'unreachable' ? 'unavailable' : 'conflict', ...r.error }
            : null;
      })(),
    );
    return job.jobId;
  }

  cancel(jobId: string): void {
    if (this.job?.jobId !== jobId) throw new AppError('not_found', 'errors.syncJobMissing');
    this.job.controller.abort();
  }
}
