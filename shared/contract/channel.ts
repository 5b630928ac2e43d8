/**
 * How a channel is declared: `channel()` ties an input schema, an output schema and the least role
 * that may call it, and the few shapes many slugs' channels share (no input, a file out, a job id).
 */
import { z } from 'zod';
import type { ChannelRole } from '../roles';

export interface ChannelDef<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  R extends ChannelRole = ChannelRole,
> {
  input: I;
  output: O;
  role: R;
}

export function channel<I extends z.ZodType, O extends z.ZodType, R extends ChannelRole>(
  def: ChannelDef<I, O, R>,
): ChannelDef<I, O, R> {
  return def;
}

/** The input of a channel that takes nothing. */
export const empty = z.strictObject({});
/** The language a generated file is written in. */
export const languageSchema = z.enum(['zh-CN', 'en']);
/** A generated file handed to the renderer to save. */
export const fileOutSchema = z.object({ fileName: z.string(), base64: z.string() });
/** The input of a channel that polls or cancels a background job. */
export const jobInput = z.strictObject({ jobId: z.uuid() });
