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
import { XlsxError, xlsxSheetRows } from './xlsx';

export class ImportFileError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
    readonly row: number | null = null,
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

function detectEncoding(sample: Buffer): 'utf-8' | 'gb18030' {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  try {
    // stream:true tolerates a multi-byte character cut at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
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

/** Decode bytes to text chunks; UTF-8 is strict so a GBK tail in a UTF-8 file is caught. */
async function* decode(stream: AsyncIterable<Buffer>, encoding: 'utf-8' | 'gb18030'): AsyncGenerator<string> {
  const dec = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
  for await (const chunk of stream) {
    try {
      yield dec.decode(chunk as Buffer, { stream: true });
    } catch {
      throw new ImportFileError('encoding_mixed');
    }
  }
  yield dec.decode();
}

/** The most frequent of comma, tab and semicolon in the header line. */
function delimiterOf(firstLine: string): string {
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const candidates = [',', '\t', ';'];
  return candidates.reduce((best, c) => (count(c) > count(best) ? c : best), ',');
}

function csvError(e: unknown, row: number, limits: ImportLimits): ImportFileError {
  if (e instanceof ImportFileError) return new ImportFileError(e.code, e.params, e.row ?? row);
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
      for (const c of cells) {
        if (c.length > limits.maxFieldChars)
          throw new ImportFileError('field_too_long', { limit: limits.maxFieldChars }, row);
      }
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
    const rows = xlsxSheetRows(Buffer.concat(chunks), (f) => src.onBytes?.(Math.floor(f * src.size)));
    for await (const r of rows) {
      const cells: Cell[] = [];
      for (let i = 1; i < r.values.length; i++) {
        const c = xlsxCell(r.values[i]);
        if (typeof c === 'string' && c.length > limits.maxFieldChars) {
          throw new ImportFileError('field_too_long', { limit: limits.maxFieldChars }, r.number);
        }
        cells.push(c);
      }
      yield { row: r.number, cells };
    }
  } catch (e) {
    if (e instanceof ImportFileError) throw e;
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
  const encoding = detectEncoding(sample);
  const firstLine = new TextDecoder(encoding).decode(sample).split(/\r?\n/, 1)[0] ?? '';
  return { format: 'csv', encoding, rows: csvRows(src, encoding, delimiterOf(firstLine), limits) };
}
