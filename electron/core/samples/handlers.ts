/** samples.* channels → the weekly quality samples. */
import type { SliceHandlers } from '../handlerTypes';
import { drawSamples, samplesView, scoreSample } from './samples';

export const samplesHandlers = {
  'samples.view': (i, ctx) => samplesView(ctx.db, i.week),
  'samples.draw': (i, ctx, actor) => drawSamples(ctx.db, i.week, actor, ctx.clock()),
  'samples.score': (i, ctx, actor) => scoreSample(ctx.db, i, actor, ctx.clock()),
} satisfies SliceHandlers<'samples'>;
