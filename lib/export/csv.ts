/**
 * CSV writing and reading shared by every table we export (tag sets, evidence matrices,
 * coverage summaries). Writing is streamed: rows go out in batches, RFC 4180 quoted,
 * so a large export is never one string. Reading (csv-parse.ts) reads as papaparse does,
 * in chunks that yield to the event loop so a large file does not freeze the page.
 */
import { neutraliseCell, restoreCell } from './formula';
import { ImportError } from './errors';
import { guessNewline, QuoteError, readCsvRows } from './csv-parse';
import { nextTick } from './plan';

/** The UTF-8 byte-order mark that makes Excel read the file as UTF-8. */
export const BOM = '\ufeff';

/** Options of a CSV export. */
export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark (for Excel). */
  bom?: boolean;
  /** Rows per chunk. */
  batch?: number;
}

// Quoted exactly when papaparse's unparse would quote (RFC 4180's comma, quote, CR, LF,
// plus a BOM or an edge space); done here because it is the hot loop of a 100,000-row
// export and papaparse's per-cell checks cost several times more. csv.test.ts checks
// the two agree.

/** One cell as CSV text: guarded against formulas, quoted where RFC 4180 needs it. */
export function csvCell(value: string): string {
  const n = value.length;
  if (n === 0) return value;
  const v = neutraliseCell(value);
  if (v.charCodeAt(0) === 32 || v.charCodeAt(v.length - 1) === 32) return `"${quotesDoubled(v)}"`;
  // A loop over char codes beats a regex test on the short cells most rows are made of.
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 34 || c === 44 || c === 10 || c === 13 || c === 0xfeff) return `"${quotesDoubled(v)}"`;
  }
  return v;
}

/**
 * Part of a cell already known to be quoted (it holds a quote, say) with its quotes
 * doubled: a quoted cell may then be written in pieces, and repeated pieces escaped once.
 */
export function quotesDoubled(text: string): string {
  return text.indexOf('"') === -1 ? text : text.replace(/"/g, '""');
}

/** Rows already written as CSV text, as one chunk: CRLF after each, one flat string. */
export function csvLines(lines: string[]): string {
  return lines.join('\r\n') + '\r\n';
}

function unparse(rows: string[][]): string {
  // join() makes one flat string per chunk; `+=` would leave long ropes of small strings
  // that outlive young-generation collections and cost far more in garbage collection.
  const lines = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const cells = new Array<string>(row.length);
    for (let i = 0; i < row.length; i++) cells[i] = csvCell(row[i]);
    lines[r] = cells.join(',');
  }
  return csvLines(lines);
}

/**
 * Streams a CSV file as text chunks: the header row, then every row, CRLF-terminated,
 * each cell neutralised against formula injection.
 */
export async function* csvChunks(
  header: readonly string[],
  rows: AsyncIterable<string[][]> | Iterable<string[][]>,
  options: CsvOptions = {},
): AsyncGenerator<string> {
  yield csvHead(header, options);
  for await (const batch of rows) {
    const size = options.batch ?? 250;
    for (let i = 0; i < batch.length; i += size) {
      const part = batch.slice(i, i + size);
      if (part.length) yield unparse(part);
    }
  }
}

/** The first chunk of a CSV file: the byte-order mark if asked for, and the header row. */
export function csvHead(header: readonly string[], options: CsvOptions = {}): string {
  return (options.bom ? BOM : '') + unparse([[...header]]);
}

/** A parsed CSV table: the header and the data rows, cells restored from the guard. */
export interface CsvTable {
  header: string[];
  /** Data rows; row i is spreadsheet row i + 2 (the header is row 1). */
  rows: string[][];
}

/** Reports how far reading has got, 0 to 1. */
export type Progress = (fraction: number) => void;

/**
 * Reads CSV text a chunk at a time, handing each chunk's rows (cells restored from the
 * formula guard) to `onRows` with the spreadsheet number of its first row (the header is
 * row 1), and yielding to the event loop between chunks. Rows are not kept, so a large
 * file is never held twice. Rejects with {@link ImportError} naming the row of an
 * unclosed quote, or with whatever `onRows` throws.
 */
export function streamCsv(text: string, onRows: (rows: string[][], firstRow: number) => void | Promise<void>, onProgress?: Progress): Promise<void> {
  return streamCsvRows(text, onRows, onProgress);
}

/**
 * {@link streamCsv}, except that the quoted cells of one column, chosen from the header
 * row, are handed over as they are in the text, quote marks doubled (see
 * {@link readCsvRows}); `unquote` and `restoreCell` give their values.
 */
export async function streamCsvRows(
  text: string,
  onRows: (rows: string[][], firstRow: number) => void | Promise<void>,
  onProgress?: Progress,
  rawColumn?: (header: string[]) => number,
): Promise<void> {
  if (text.startsWith(BOM)) text = text.slice(1);
  const newline = guessNewline(text);
  let raw = -1;
  let seen = 0;
  let yielded = 0;
  for (let pos = 0; pos < text.length; ) {
    const rows: string[][] = [];
    try {
      // The header alone first, when a column is to be chosen from it.
      pos = readCsvRows(text, newline, pos, seen === 0 && rawColumn ? pos + 1 : pos + PIECE, rows, seen, raw);
    } catch (e) {
      throw e instanceof QuoteError ? new ImportError(e.message) : e;
    }
    // Only a cell starting with an apostrophe can be guarded; most are left as they are.
    for (const r of rows) {
      for (let i = 0; i < r.length; i++) if (r[i].charCodeAt(0) === 39) r[i] = restoreCell(r[i]);
    }
    if (seen === 0 && rows.length && rawColumn) raw = rawColumn(rows[0]);
    const first = seen + 1;
    seen += rows.length;
    await onRows(rows, first);
    if (pos - yielded >= YIELD_EVERY || pos >= text.length) {
      yielded = pos;
      onProgress?.(pos / text.length);
      if (pos < text.length) await nextTick();
    }
  }
}

// Rows go to onRows a few dozen at a time, so they are done with while still young
// (cheap to collect); whole megabytes of rows outlived collections and cost more in
// garbage collection than the parsing did. The page gets a turn every megabyte.
const PIECE = 1 << 16;
const YIELD_EVERY = 1 << 20;

/** Parses CSV text into a header and rows (for small files; large ones go through {@link streamCsv}). */
export async function parseCsv(text: string, onProgress?: Progress): Promise<CsvTable> {
  const all: string[][] = [];
  await streamCsv(text, (rows) => void all.push(...rows), onProgress);
  const [header = [], ...rows] = all;
  return { header: header.map((h) => h.trim()), rows };
}
