/**
 * Bounds on the XML text of an XLSX part, applied while it streams, before exceljs's parser
 * (saxes) sees it. saxes collects a whole text node, tag or CDATA section into one string before
 * it reports it, so a 600 MB cell that deflates to 600 KB would be held whole (and end in
 * "Invalid string length"). This scanner counts as the text goes by and stops at the first
 * character over a limit, so memory stays bounded by the limits, not by the file:
 *   - a cell's text (`<v>` / `<t>` inside one `<c>`, or inside one shared string `<si>`) at most
 *     the import's field limit, counted as decoded characters (an entity counts once);
 *   - any other text run between two tags at most TEXT_RUN_LIMIT characters;
 *   - a tag (with its attributes), comment, CDATA section or processing instruction at most
 *     TAG_LIMIT characters.
 * At a worksheet cell over the limit the text stops (well formed) and CellTooLong names its row
 * and column (what the import reports). A shared string over the limit is cut (the rest never reaches the parser) and its index
 * remembered: the cell that uses it is then refused at its own row and column.
 *
 * Why a scanner of our own in front of the parser and not a limit inside it: exceljs 4.4 and saxes
 * have no such option, and a check after parsing comes too late (the string already exists).
 */

/** Longest text run between two tags outside a counted cell (whitespace, an unknown element). */
export const TEXT_RUN_LIMIT = 1024 * 1024;
/** Longest tag, comment, CDATA section or processing instruction. */
export const TAG_LIMIT = 64 * 1024;
/** Deepest nesting of elements (a worksheet needs about six). */
const MAX_DEPTH = 256;

/** A worksheet cell whose text is longer than the limit. `column` is 1-based (A = 1). */
export class CellTooLong extends Error {
  constructor(
    readonly row: number,
    readonly column: number,
  ) {
    super(`cell ${columnLetters(column)}${row} is too long`);
    this.name = 'CellTooLong';
  }
}

/** XML that no workbook writer produces: a tag or text run beyond the bounds above. */
export class XmlTooLarge extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'XmlTooLarge';
  }
}

/** 1 → A, 27 → AA. */
export function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** `B12` → { row: 12, column: 2 }; null for anything else. */
function cellRef(ref: string): { row: number; column: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  let column = 0;
  for (const ch of m[1]!.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), column };
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** An element's local name (`x:c` → `c`). */
function localName(tag: string): string {
  const m = /^\/?\s*(?:[\w.-]+:)?([\w.-]+)/.exec(tag);
  return m ? m[1]! : '';
}

type Mode = 'sheet' | 'sharedStrings' | 'plain';

class Scanner {
  private inTag = false;
  private pendingTag = '';
  private quote = '';
  private special = false;
  private textRun = 0;
  private counting = false;
  private inEntity = false;
  private entityLen = 0;
  private cellChars = 0;
  private dropping = false;
  private row = 0;
  private column = 0;
  private si = -1;
  /** Open elements, by the name as written (to close them when a worksheet is cut short). */
  private open: string[] = [];
  readonly oversized = new Set<number>();
  /** The first worksheet cell over the limit; the text handed on ends there, well formed. */
  tooLong: CellTooLong | null = null;

  constructor(
    private readonly mode: Mode,
    private readonly maxCellChars: number,
  ) {}

  /** Scan one chunk; returns the text to hand on (shared strings over the limit are cut). */
  feed(chunk: string): string {
    let out = '';
    let keepFrom = 0;
    let tagFrom = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (this.inTag) {
        if (this.quote) {
          if (c === this.quote.charCodeAt(0)) this.quote = '';
        } else if (c === 0x3e /* > */) {
          const tag = this.pendingTag + chunk.slice(tagFrom, i);
          if (this.special && !specialEnds(tag)) continue;
          this.pendingTag = '';
          this.inTag = false;
          this.textRun = 0;
          this.tag(tag);
        } else if (!this.special && (c === 0x22 || c === 0x27)) {
          this.quote = String.fromCharCode(c);
        } else if (i === tagFrom && this.pendingTag === '' && (c === 0x21 /* ! */ || c === 0x3f) /* ? */) {
          this.special = true;
        }
        continue;
      }
      if (c === 0x3c /* < */) {
        if (this.dropping) {
          this.dropping = false;
          keepFrom = i;
        }
        this.inTag = true;
        this.special = false;
        this.quote = '';
        tagFrom = i + 1;
        continue;
      }
      if (this.dropping) continue;
      if (this.counting) {
        if (this.inEntity) {
          if (c === 0x3b /* ; */ || ++this.entityLen > 12) this.inEntity = false;
          continue;
        }
        if (c === 0x26 /* & */) {
          this.inEntity = true;
          this.entityLen = 0;
        }
        if (++this.cellChars > this.maxCellChars) {
          if (this.mode === 'sheet') {
            // Stop here, closing what is open: the parser still delivers the rows before this one
            // (the header among them) and this row, then the reader refuses this cell.
            this.tooLong = new CellTooLong(this.row, this.column);
            const closing = this.open.reverse().map((n) => `</${n}>`);
            return out + chunk.slice(keepFrom, i) + closing.join('');
          }
          this.oversized.add(this.si);
          this.dropping = true;
          out += chunk.slice(keepFrom, i);
        }
      } else if (++this.textRun > TEXT_RUN_LIMIT) {
        throw new XmlTooLarge(`a text run longer than ${TEXT_RUN_LIMIT} characters`);
      }
    }
    if (this.inTag) {
      this.pendingTag += chunk.slice(tagFrom);
      if (this.pendingTag.length > TAG_LIMIT) throw new XmlTooLarge(`a tag longer than ${TAG_LIMIT} characters`);
    }
    if (!this.dropping) out += chunk.slice(keepFrom);
    return out;
  }

  private tag(tag: string): void {
    if (tag.length > TAG_LIMIT) throw new XmlTooLarge(`a tag longer than ${TAG_LIMIT} characters`);
    if (this.special) return;
    const closing = tag.startsWith('/');
    const name = localName(tag);
    if (closing) {
      if (name === 'v' || name === 't') this.counting = false;
      this.open.pop();
      return;
    }
    const selfClosing = tag.endsWith('/');
    if (!selfClosing) {
      if (this.open.length >= MAX_DEPTH) throw new XmlTooLarge(`elements nested deeper than ${MAX_DEPTH}`);
      this.open.push(/^[^\s/>]+/.exec(tag)?.[0] ?? name);
    }
    if (this.mode === 'sheet' && name === 'row') {
      const r = Number(attr(tag, 'r'));
      this.row = Number.isInteger(r) && r > 0 ? r : this.row + 1;
      this.column = 0;
    } else if (this.mode === 'sheet' && name === 'c') {
      const ref = cellRef(attr(tag, 'r') ?? '');
      if (ref) {
        this.row = ref.row;
        this.column = ref.column;
      } else this.column++;
      this.cellChars = 0;
    } else if (this.mode === 'sharedStrings' && name === 'si') {
      this.si++;
      this.cellChars = 0;
    } else if (this.mode !== 'plain' && (name === 'v' || name === 't') && !selfClosing) {
      this.counting = true;
      this.inEntity = false;
    }
  }
}

/** A comment ends with `-->`, a CDATA section with `]]>`; anything else at the first `>`. */
function specialEnds(tag: string): boolean {
  if (tag.startsWith('!--')) return tag.length >= 5 && tag.endsWith('--');
  if (tag.startsWith('![CDATA[')) return tag.endsWith(']]');
  return true;
}

/**
 * A worksheet's text up to the first cell over `maxCellChars`, where it ends (its open elements
 * closed) and `found.tooLong` is set: the caller refuses that cell when its row arrives.
 */
export async function* guardSheet(
  text: AsyncIterable<string>,
  maxCellChars: number,
  found: { tooLong: CellTooLong | null },
): AsyncGenerator<string> {
  const s = new Scanner('sheet', maxCellChars);
  for await (const chunk of text) {
    const out = s.feed(chunk);
    // Known before the parser sees the rows it ends with.
    found.tooLong = s.tooLong;
    if (out) yield out;
    if (s.tooLong) return;
  }
}

/**
 * The shared strings' text with every string over `maxCellChars` cut; `oversized` gets the index
 * of each such string as it is found.
 */
export async function* guardSharedStrings(
  text: AsyncIterable<string>,
  maxCellChars: number,
  oversized: Set<number>,
): AsyncGenerator<string> {
  const s = new Scanner('sharedStrings', maxCellChars);
  for await (const chunk of text) {
    const out = s.feed(chunk);
    for (const i of s.oversized) oversized.add(i);
    if (out) yield out;
  }
}

/** Any other part's text (relationships, workbook, styles): tags and text runs bounded. */
export async function* guardPlain(text: AsyncIterable<string>): AsyncGenerator<string> {
  const s = new Scanner('plain', 0);
  for await (const chunk of text) {
    const out = s.feed(chunk);
    if (out) yield out;
  }
}
