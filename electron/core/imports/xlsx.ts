/**
 * Reads the rows of an XLSX file's first worksheet, for the import.
 *
 * Why not exceljs's streaming `WorkbookReader` on its own: it reads the ZIP in one forward pass
 * and (exceljs 4.4.0) it
 *   - sometimes loses `xl/workbook.xml` when that entry comes last, as exceljs and many other
 *     writers store it, and then fails with "Cannot read properties of undefined (reading
 *     'sheets')": about 1 read in 150 of the same good file (exceljs issue #3064; it made an e2e
 *     test fail in CI);
 *   - decodes each inflated chunk as UTF-8 on its own, so a Chinese character cut by a chunk
 *     boundary becomes U+FFFD: 13 rows in 3,000 came out with damaged names and addresses;
 *   - writes a worksheet stored before the shared strings to a temporary file, i.e. personal
 *     data unencrypted on disk.
 *
 * So this module opens the ZIP through its central directory (yauzl, from memory: the file is at
 * most the import's size limit), parses the parts a worksheet depends on first (relationships,
 * workbook, shared strings, styles), decodes every part as one UTF-8 stream, and only then streams
 * the first worksheet, row by row, through exceljs's own `WorksheetReader` (cell types, shared and
 * rich strings, dates from number formats, the 1904 date system). Those parts are reached through
 * the reader's underscore methods; exceljs is pinned to an exact version, and the import tests
 * fail if they change.
 */
import { posix } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { CellTooLong, guardPlain, guardSharedStrings, guardSheet } from './xlsx-guard';

/**
 * No part may unpack to more than this, nor all parts read together to more than
 * TOTAL_LIMIT_BYTES: a deflated run of one letter shrinks about 1000:1, so a file within the
 * import's size limit could otherwise unpack to tens of gigabytes (time and disk-cache work, even
 * where ./xlsx-guard keeps memory bounded). yauzl checks each entry's real size against the size
 * its header declares (validateEntrySizes), and the bytes are counted as they come as well.
 */
export const PART_LIMIT_BYTES = 256 * 1024 * 1024;
export const TOTAL_LIMIT_BYTES = 512 * 1024 * 1024;

/**
 * What stands in the shared-string table for a string over the cell limit (its text was never
 * kept): U+FFFF cannot occur in XML text, so no real cell reads as this.
 */
const OVERSIZED_STRING = '\uFFFF\uFFFEoversized';

/** What exceljs's reader holds after each part is parsed (not in its published types). */
interface ReaderInternals {
  _parseRels(stream: Readable): Promise<void>;
  _parseWorkbook(stream: Readable): Promise<void>;
  _parseSharedStrings(stream: Readable): AsyncGenerator<unknown>;
  _parseStyles(stream: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<string>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
  workbookRels?: { Id: string; Type?: string; Target: string }[];
  model?: { sheets?: { rId: string; name: string }[] };
}

export interface XlsxRow {
  /** Row number as the spreadsheet shows it. */
  number: number;
  /** exceljs's `row.values`: 1-based, holes for empty cells. */
  values: unknown[];
}

/** A part's bytes as text, decoded as one stream so no character is cut between chunks. */
async function* utf8(stream: Readable, onBytes?: (n: number) => void): AsyncGenerator<string> {
  const dec = new TextDecoder('utf-8');
  for await (const chunk of stream) {
    onBytes?.((chunk as Buffer).length);
    const text = dec.decode(chunk as Buffer, { stream: true });
    if (text) yield text;
  }
  const tail = dec.decode();
  if (tail) yield tail;
}

/** A relationship's target as a part name: relative to the source part's folder, or absolute. */
function partPath(fromFolder: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  return t.startsWith('/') ? posix.normalize(t.slice(1)) : posix.normalize(posix.join(fromFolder, t));
}

/** Part names compare without case (OPC), and some tools write backslashes. */
function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase();
}

const relType = (rel: { Type?: string }, kind: string) => rel.Type?.endsWith(`/${kind}`) === true;

/**
 * `not_workbook`: a ZIP, but not an Excel workbook; `damaged`: a workbook that cannot be read;
 * `too_large`: a part, or all parts together, unpack to more than the limits above.
 */
export class XlsxError extends Error {
  constructor(
    readonly kind: 'not_workbook' | 'damaged' | 'too_large',
    message: string,
  ) {
    super(message);
    this.name = 'XlsxError';
  }
}

export { CellTooLong } from './xlsx-guard';

/**
 * The first worksheet's rows (in the workbook's tab order). `onProgress` gets the fraction of the
 * worksheet read so far. Throws XlsxError for a ZIP that is not a workbook or a workbook that
 * cannot be read (with a short technical reason), CellTooLong for the first cell whose text is
 * longer than `maxCellChars` (found while the part streams, see ./xlsx-guard).
 */
export async function* xlsxSheetRows(
  data: Buffer,
  onProgress?: (fraction: number) => void,
  maxCellChars = 32_767,
): AsyncGenerator<XlsxRow> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(data, { lazyEntries: true, validateEntrySizes: true });
  } catch (e) {
    throw new XlsxError('damaged', `not a readable ZIP package (${(e as Error).message})`);
  }
  try {
    const entries = new Map<string, yauzl.Entry>();
    for await (const entry of zip.eachEntry()) entries.set(partKey(entry.fileName), entry);
    const part = (name: string): yauzl.Entry | undefined => entries.get(partKey(name));
    const required = (name: string): yauzl.Entry => {
      const entry = part(name);
      if (!entry) throw new XlsxError('not_workbook', `${name} is missing`);
      return entry;
    };
    // Every byte inflated, over all parts: refused past the total limit as it comes.
    let inflated = 0;
    // A part parsed whole is refused by its declared size at once; the worksheet streams, so its
    // first oversized cell (./xlsx-guard) can be named even when the part declares gigabytes.
    const open = async (
      entry: yauzl.Entry,
      onBytes?: (n: number) => void,
      streamed = false,
    ): Promise<AsyncGenerator<string>> => {
      if (
        !streamed &&
        (entry.uncompressedSize > PART_LIMIT_BYTES || inflated + entry.uncompressedSize > TOTAL_LIMIT_BYTES)
      )
        throw new XlsxError(
          'too_large',
          `${entry.fileName} unpacks to ${Math.round(entry.uncompressedSize / 1048576)} MB`,
        );
      let part = 0;
      return utf8(await zip.openReadStreamPromise(entry), (n) => {
        part += n;
        inflated += n;
        if (part > PART_LIMIT_BYTES || inflated > TOTAL_LIMIT_BYTES)
          throw new XlsxError('too_large', `${entry.fileName} unpacks to more than its header says`);
        onBytes?.(n);
      });
    };
    // A part parsed whole, as a stream of text.
    const text = async (entry: yauzl.Entry): Promise<Readable> => Readable.from(guardPlain(await open(entry)));

    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    }) as unknown as ReaderInternals;

    // The package's relationships name the workbook part (almost always xl/workbook.xml); the
    // workbook's relationships name its sheets, shared strings and styles.
    let workbookPath = 'xl/workbook.xml';
    const packageRels = part('_rels/.rels');
    if (packageRels) {
      await reader._parseRels(await text(packageRels));
      const office = reader.workbookRels?.find((r) => relType(r, 'officeDocument'));
      if (office) workbookPath = partPath('', office.Target);
    }
    const folder = posix.dirname(workbookPath) === '.' ? '' : posix.dirname(workbookPath);
    await reader._parseRels(await text(required(posix.join(folder, '_rels', `${posix.basename(workbookPath)}.rels`))));
    const rels = reader.workbookRels ?? [];
    await reader._parseWorkbook(await text(required(workbookPath)));
    const target = (kind: string) => {
      const rel = rels.find((r) => relType(r, kind));
      return rel ? part(partPath(folder, rel.Target)) : undefined;
    };
    const shared = target('sharedStrings');
    const oversized = new Set<number>();
    if (shared) {
      const guarded = Readable.from(guardSharedStrings(await open(shared), maxCellChars, oversized));
      for await (const _ of reader._parseSharedStrings(guarded)) void _;
      const table = (reader as { sharedStrings?: unknown[] }).sharedStrings;
      if (table) for (const i of oversized) table[i] = OVERSIZED_STRING;
    }
    const styles = target('styles');
    if (styles) await reader._parseStyles(await text(styles));

    const first = reader.model?.sheets?.[0];
    const rel = first && rels.find((r) => r.Id === first.rId);
    if (!rel) throw new XlsxError('not_workbook', 'the workbook has no worksheet');
    const sheet = required(partPath(folder, rel.Target));
    const sheetNo = /sheet(\d+)\.xml$/.exec(rel.Target)?.[1] ?? '1';

    let read = 0;
    const size = Math.max(1, sheet.uncompressedSize);
    const found: { tooLong: CellTooLong | null } = { tooLong: null };
    const sheetText = guardSheet(
      await open(
        sheet,
        (n) => {
          read += n;
          onProgress?.(Math.min(1, read / size));
        },
        true,
      ),
      maxCellChars,
      found,
    );
    const [event] = [...reader._parseWorksheet(sheetText, sheetNo)];
    const rows = event?.value as AsyncIterable<{ number: number; values: unknown }> | undefined;
    if (!rows) throw new XlsxError('damaged', 'the worksheet could not be opened');
    for await (const r of rows) {
      if (found.tooLong && r.number >= found.tooLong.row) throw found.tooLong;
      const values = (r.values as unknown[]) ?? [];
      if (oversized.size > 0) {
        const at = values.indexOf(OVERSIZED_STRING);
        if (at > 0) throw new CellTooLong(r.number, at);
      }
      yield { number: r.number, values };
    }
    if (found.tooLong) throw found.tooLong;
  } finally {
    zip.close();
  }
}
