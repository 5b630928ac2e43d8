/** imports.* channels → the import jobs and use cases. */
import { listImports } from './commit';
import { damagedText } from './damagedText';
import type { SliceHandlers } from '../handlerTypes';
import { importTemplate, rejectedRows, statusOf } from './service';

export const importsHandlers = {
  'imports.upload': (i, ctx, actor) => ctx.imports().upload(actor.username, i),
  'imports.analyse': (i, ctx, actor) => ctx.imports().analyse(actor.username, i.uploadId),
  'imports.status': (i, ctx, actor) => statusOf(ctx.imports().get(actor.username, i.jobId)),
  'imports.commit': (i, ctx, actor) => ctx.imports().commit(actor.username, i.jobId, i.skipInvalid),
  'imports.cancel': (i, ctx, actor) => (ctx.imports().cancel(actor.username, i.jobId), {}),
  'imports.rejects': (i, ctx, actor) => rejectedRows(ctx, actor.username, i),
  'imports.template': (i) => importTemplate(i),
  'imports.list': (_i, ctx) => listImports(ctx.db),
  'imports.damagedText': (_i, ctx) => damagedText(ctx.db),
} satisfies SliceHandlers<'imports'>;
