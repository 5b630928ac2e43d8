/**
 * Reads a loan extract as a stream of rows, whatever its shape: CSV in UTF-8 (BOM or not) or
 * GB18030/GBK, detected from the bytes, or XLSX (first sheet). Memory stays bounded: CSV is
 * decoded and parsed chunk by chunk; an XLSX is held compressed (at most the size limit) and its
 * first worksheet read row by row (./xlsx). File-level problems (wrong kind of file, size,
 * encoding, broken quoting) throw an ImportFileError with the row.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import type { Cell } from '../../../shared/import/rules';
import type { ImportLimits } from '../../../shared/import/columns';
import { CellTooLong, PART_LIMIT_BYTES, TOTAL_LIMIT_BYTES, XlsxError, xlsxSheetRows } from './xlsx';

export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly row: number | null = null,
    /** 1-based column of the cell at fault, where one cell is (A = 1). */
    readonly column: number | null = null,
  ) {
    super(code);
    this.name = 'ImportFileError';
  }
}

export type SheetFormat = 'csv' | 'xlsx';
export type SheetEncoding = 'utf-8' | 'gb18030' | null;

export interface SheetRow {
  /** Row number as a spreadsheet shows it (header = 1). */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  format: SheetFormat;
  encoding: SheetEncoding;
  rows: AsyncGenerator<SheetRow>;
}

/** Where the bytes come from: a factory so the file can be read from the start again. */
export interface ByteSource {
  size: number;
  open(): Readable;
  /** Called with the number of bytes consumed so far (progress). */
  onBytes?: (n: number) => void;
}

async function head(src: ByteSource, n: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let got = 0;
  const stream = src.open();
  for await (const c of stream) {
    chunks.push(c as Buffer);
    got += (c as Buffer).length;
    if (got >= n) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, n);
}

/**
 * Up to 64 KiB of the file from its first non-ASCII byte: an extract whose first rows are all
 * ASCII (English headers, Latin names) says nothing about its encoding until Chinese appears.
 */
async function textSample(src: ByteSource): Promise<Buffer | null> {
  const SAMPLE = 64 * 1024;
  const parts: Buffer[] = [];
  let got = 0;
  const stream = src.open();
  try {
    for await (const c of stream) {
      let chunk = c as Buffer;
      if (got === 0) {
        const at = chunk.findIndex((b) => b >= 0x80);
        if (at < 0) continue;
        chunk = chunk.subarray(at);
      }
      parts.push(chunk);
      got += chunk.length;
      if (got >= SAMPLE) break;
    }
  } finally {
    stream.destroy();
  }
  return got === 0 ? null : Buffer.concat(parts).subarray(0, SAMPLE);
}

/**
 * UTF-8 when the non-ASCII text reads as UTF-8 with at most a few stray bytes (a cell pasted from
 * a GBK file: those cells are then refused row by row, see analyse.ts), else GB18030/GBK, whose
 * text read as UTF-8 is nearly all replacement characters.
 */
function detectEncoding(head: Buffer, sample: Buffer | null): 'utf-8' | 'gb18030' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (!sample) return 'utf-8';
  // stream:true tolerates a multi-byte character cut at the end of the sample.
  const text = new TextDecoder('utf-8').decode(sample, { stream: true });
  let nonAscii = 0;
  let bad = 0;
  for (const ch of text) {
    if (ch === '\uFFFD') bad++;
    else if (ch.charCodeAt(0) >= 0x80) nonAscii++;
  }
  return bad <= Math.max(2, nonAscii * 0.02) ? 'utf-8' : 'gb18030';
}

/** The source's bytes, reporting progress as they are consumed (pull-based: no data is lost). */
async function* counted(src: ByteSource): AsyncGenerator<Buffer> {
  let n = 0;
  for await (const chunk of src.open()) {
    n += (chunk as Buffer).length;
    src.onBytes?.(n);
    yield chunk as Buffer;
  }
}

/**
 * Decode bytes to text chunks. Bytes that are not valid in the encoding become U+FFFD, which the
 * row check refuses with the exact row and column (`encoding_mixed`); failing the whole stream
 * here instead would name the row the parser had reached, up to a chunk away.
 */
async function* decode(stream: AsyncIterable<Buffer>, encoding: 'utf-8' | 'gb18030'): AsyncGenerator<string> {
  const dec = new TextDecoder(encoding, { ignoreBOM: false });
  for await (const chunk of stream) yield dec.decode(chunk as Buffer, { stream: true });
  yield dec.decode();
}

/** The most frequent of comma, tab and semicolon in the header line. */
function delimiterOf(firstLine: string): string {
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const candidates = [',', '\t', ';'];
  return candidates.reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

function csvError(e: unknown, row: number, limits: ImportLimits): ImportFileError {
  if (e instanceof ImportFileError) return new ImportFileError(e.code, e.params, e.row ?? row, e.column);
  const err = e as { code?: string; message?: string; records?: number };
  // csv-parse counts the records it had finished when it failed: more exact than what we consumed.
  if (typeof err.records === 'number') row = err.records + 1;
  if (err.code === 'CSV_MAX_RECORD_SIZE')
    return new ImportFileError('field_too_long', { limit: limits.maxFieldChars }, row);
  return new ImportFileError('malformed_csv', { reason: String(err.message ?? e).slice(0, 160) }, row);
}

async function* csvRows(
  src: ByteSource,
  encoding: 'utf-8' | 'gb18030',
  delimiter: string,
  limits: ImportLimits,
): AsyncGenerator<SheetRow> {
  const parser = parse({
    bom: true,
    delimiter,
    relax_column_count: true,
    skip_empty_lines: false,
    // Extracts stitched together from several exports mix line endings; without this csv-parse
    // keeps the first kind it meets and reads the others as data, merging rows.
    record_delimiter: ['\r\n', '\n', '\r'],
    // Bounds memory on a runaway quoted field; reported as field_too_long.
    max_record_size: limits.maxFieldChars * 64,
  });
  const piping = pipeline(Readable.from(decode(counted(src), encoding)), parser).then(
    () => null,
    (e: unknown) => e,
  );
  let row = 0;
  try {
    for await (const record of parser) {
      row++;
      const cells = record as string[];
      cells.forEach((c, i) => {
        if (c.length > limits.maxFieldChars)
          throw new ImportFileError('field_too_long', { limit: limits.maxFieldChars }, row, i + 1);
      });
      yield { row, cells };
    }
  } catch (e) {
    throw csvError((await Promise.race([piping, Promise.resolve(null)])) ?? e, row + 1, limits);
  } finally {
    parser.destroy();
  }
  const failed = await piping;
  if (failed) throw csvError(failed, row + 1, limits);
}

function xlsxCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if ('result' in o) return xlsxCell(o.result);
    if ('text' in o) return xlsxCell(o.text);
    if ('error' in o) return String(o.error);
  }
  return String(v);
}

async function* xlsxRows(src: ByteSource, limits: ImportLimits): AsyncGenerator<SheetRow> {
  // The whole file is at most the import's size limit (checked before): the ZIP is read from memory.
  const chunks: Buffer[] = [];
  for await (const chunk of src.open()) chunks.push(chunk as Buffer);
  try {
    const rows = xlsxSheetRows(
      Buffer.concat(chunks),
      (f) => src.onBytes?.(Math.floor(f * src.size)),
      limits.maxFieldChars,
    );
    for await (const r of rows) {
      const cells: Cell[] = [];
      for (let i = 1; i < r.values.length; i++) {
        const c = xlsxCell(r.values[i]);
        if (typeof c === 'string' && c.length > limits.maxFieldChars) {
          throw new ImportFileError('field_too_long', { limit: limits.maxFieldChars }, r.number, i);
        }
        cells.push(c);
      }
      yield { row: r.number, cells };
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
    if (e instanceof CellTooLong)
      throw new ImportFileError('field_too_long', { limit: limits.maxFieldChars }, e.row, e.column);
    if (e instanceof XlsxError && e.kind === 'too_large')
      throw new ImportFileError('xlsx_too_large', {
        part: Math.round(PART_LIMIT_BYTES / 1048576),
        total: Math.round(TOTAL_LIMIT_BYTES / 1048576),
      });
    if (e instanceof XlsxError && e.kind === 'not_workbook') throw new ImportFileError('xlsx_not_workbook');
    throw new ImportFileError('xlsx_unreadable', { reason: String((e as Error).message ?? e).slice(0, 160) });
  }
}

/** Look at the first bytes and open the right reader. */
export async function openSheet(src: ByteSource, limits: ImportLimits): Promise<Sheet> {
  if (src.size === 0) throw new ImportFileError('empty_file', {}, 1);
  if (src.size > limits.maxBytes) {
    throw new ImportFileError('file_too_large', {
      size: Math.ceil((src.size / 1024 / 1024) * 10) / 10,
      limit: Math.round(limits.maxBytes / 1024 / 1024),
    });
  }
  const sample = await head(src, 64 * 1024);
  if (sample[0] === 0x50 && sample[1] === 0x4b && sample[2] === 0x03 && sample[3] === 0x04) {
    return { format: 'xlsx', encoding: null, rows: xlsxRows(src, limits) };
  }
  if (sample.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw new ImportFileError('xls_unsupported');
  }
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    throw new ImportFileError('encoding_unsupported');
  }
  // Text files have no NUL bytes and few control characters.
  let control = 0;
  for (const b of sample) if (b === 0 || b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  if (control > 0 && control / sample.length > 0.001) throw new ImportFileError('not_a_table');
  const encoding = detectEncoding(sample, await textSample(src));
  const header =
    new TextDecoder(encoding)
      .decode(sample)
      .split(/\r\n|\n|\r/)
      .find((line) => line.trim() !== '') ?? '';
  return { format: 'csv', encoding, rows: csvRows(src, encoding, delimiterOf(header), limits) };
}
