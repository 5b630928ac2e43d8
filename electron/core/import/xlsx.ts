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

/** A part parsed whole (everything but the worksheet) may not unpack to more than this. */
const PART_LIMIT_BYTES = 256 * 1024 * 1024;

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

/** `not_workbook`: a ZIP, but not an Excel workbook; `damaged`: a workbook that cannot be read. */
export class XlsxError extends Error {
  constructor(
    readonly kind: 'not_workbook' | 'damaged',
    message: string,
  ) {
    super(message);
    this.name = 'XlsxError';
  }
}

/**
 * The first worksheet's rows (in the workbook's tab order). `onProgress` gets the fraction of the
 * worksheet read so far. Throws XlsxError for a ZIP that is not a workbook or a workbook that
 * cannot be read (with a short technical reason).
 */
export async function* xlsxSheetRows(data: Buffer, onProgress?: (fraction: number) => void): AsyncGenerator<XlsxRow> {
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
    // A part parsed whole, as a stream of text.
    const text = async (entry: yauzl.Entry): Promise<Readable> => {
      if (entry.uncompressedSize > PART_LIMIT_BYTES) {
        throw new XlsxError(
          'damaged',
          `${entry.fileName} is too large (${Math.round(entry.uncompressedSize / 1048576)} MB)`,
        );
      }
      return Readable.from(utf8(await zip.openReadStreamPromise(entry)));
    };

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
    if (shared) for await (const _ of reader._parseSharedStrings(await text(shared))) void _;
    const styles = target('styles');
    if (styles) await reader._parseStyles(await text(styles));

    const first = reader.model?.sheets?.[0];
    const rel = first && rels.find((r) => r.Id === first.rId);
    if (!rel) throw new XlsxError('not_workbook', 'the workbook has no worksheet');
    const sheet = required(partPath(folder, rel.Target));
    const sheetNo = /sheet(\d+)\.xml$/.exec(rel.Target)?.[1] ?? '1';

    let read = 0;
    const size = Math.max(1, sheet.uncompressedSize);
    const sheetText = utf8(await zip.openReadStreamPromise(sheet), (n) => {
      read += n;
      onProgress?.(Math.min(1, read / size));
    });
    const [event] = [...reader._parseWorksheet(sheetText, sheetNo)];
    const rows = event?.value as AsyncIterable<{ number: number; values: unknown }> | undefined;
    if (!rows) throw new XlsxError('damaged', 'the worksheet could not be opened');
    for await (const r of rows) yield { number: r.number, values: (r.values as unknown[]) ?? [] };
  } finally {
    zip.close();
  }
}
