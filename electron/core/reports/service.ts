/** Report use cases: the weekly summary written to a private temporary folder and handed over as bytes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChannelOutput, ChannelParsedInput } from '../../../shared/contract';
import type { AppContext } from '../context';
import { reportTempPrefix } from '../leftovers';
import { writeWeeklyReport } from './weekly';

/**
 * Streaming to a file keeps memory bounded; the folder carries the process id so a kill mid-export
 * leaves nothing the next start keeps.
 */
export async function weeklyFile(
  ctx: AppContext,
  input: ChannelParsedInput<'reports.weekly'>,
): Promise<ChannelOutput<'reports.weekly'>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), reportTempPrefix()));
  try {
    const name = `${input.language === 'en' ? 'weekly-summary' : '回访周报'}-${input.week}.${input.format}`;
    const out = path.join(dir, name);
    await writeWeeklyReport(
      ctx.db,
      { week: input.week, format: input.format, language: input.language, out },
      ctx.clock(),
    );
    return { fileName: name, base64: fs.readFileSync(out).toString('base64') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
