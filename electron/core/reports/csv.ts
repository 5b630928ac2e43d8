/**
 * The weekly summary as CSV: the 明细 sheet only, UTF-8 with a BOM (Excel opens it as UTF-8),
 * rows streamed from SQLite through csv-stringify with backpressure. Cells are the same escaped
 * text as the XLSX (formula characters prefixed with a single quote).
 */
import { once } from 'node:events';
import type fs from 'node:fs';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Db } from '../db/open';
import { iterateDetails } from './details';
import { detailCells, detailColumns, text, type Translate } from './layout';

export async function writeDetailsCsv(
  db: Db,
  week: string,
  t: Translate,
  language: string,
  out: fs.WriteStream,
): Promise<number> {
  // quoted_match: csv-stringify quotes a cell holding the row delimiter (CRLF) but not a lone LF
  // or CR; spreadsheet programs end the row there, and what follows would start a new row
  // unescaped (a formula after a line break in a display name).
  const csv = stringify({ bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  csv.pipe(out);
  const done = finished(out);
  done.catch(() => undefined); // awaited below; a write error also ends the wait for 'drain'
  csv.write(detailColumns(t).map((c) => text(c.header)));
  let n = 0;
  for (const r of iterateDetails(db, { week })) {
    n++;
    if (!csv.write(detailCells(r, t, language))) await Promise.race([once(csv, 'drain'), done]);
  }
  csv.end();
  await done;
  return n;
}
