/**
 * CSV writing and reading shared by every table we export (tag sets, evidence matrices,
 * coverage summaries). Writing is streamed: rows go out in batches, RFC 4180 quoted,
 * so a large export is never one string. Reading uses papaparse,
 * in chunks that yield to the event loop so a large file does not freeze the page.
 */
import Papa from 'papaparse';
import { neutraliseCell, restoreCell } from './formula';
import { ImportError } from './errors';
import { yieldToPage } from './yield';
import { isWellFormed, ILL_FORMED, shown, type OnSkip } from './text';

/** The UTF-8 byte-order mark that makes Excel read the file as UTF-8. */
const BOM = '\ufeff';

/** Options of a CSV export. */
export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark (for Excel). */
  bom?: boolean;
  /** Rows per chunk. */
  batch?: number;
  /** Told of each record left out because it cannot be written; the rest is written. */
  onSkip?: OnSkip;
}

/**
 * The rows whose every cell is well-formed text (a lone surrogate cannot be written as
 * UTF-8: a Blob would turn it into U+FFFD); each other row is reported as `name(row)`.
 */
export function writableRows(header: readonly string[], rows: readonly string[][], name: (row: readonly string[]) => string, onSkip: OnSkip = () => {}): string[][] {
  return rows.filter((row) => {
    const bad = row.findIndex((cell) => !isWellFormed(cell));
    if (bad >= 0) onSkip(`${name(row)}: its "${header[bad] ?? bad}" ${ILL_FORMED}`);
    return bad < 0;
  });
}

/** Text of a cell as a message shows it. */
export function cellShown(cell: string): string {
  return shown(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);
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
  if (text.startsWith(BOM)) text = text.slice(1);
  let seen = 0;
  // Rows are handled one chunk after another; papaparse calls complete() straight after
  // the last chunk, so completion waits for this chain.
  let pending: Promise<void> = Promise.resolve();
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (parser: Papa.Parser, e: unknown) => {
      failed = true;
      parser.abort();
      reject(e);
    };
    Papa.parse<string[]>(text, {
      delimiter: ',',
      skipEmptyLines: true,
      chunkSize: 1 << 20,
      chunk(result: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        if (failed) return;
        const error = result.errors.find((e: Papa.ParseError) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
        if (error) {
          // papaparse's row index is relative to the chunk.
          return fail(parser, new ImportError(`Row ${seen + (error.row ?? result.data.length) + 1}: a quoted cell is never closed (the file may be cut short).`));
        }
        const rows = result.data;
        // Only a cell starting with an apostrophe can be guarded; most are left as they are.
        for (const r of rows) {
          for (let i = 0; i < r.length; i++) if (r[i].charCodeAt(0) === 39) r[i] = restoreCell(r[i]);
        }
        const first = seen + 1;
        seen += rows.length;
        parser.pause();
        pending = pending
          .then(() => onRows(rows, first))
          .then(() => {
            onProgress?.(Math.min(1, result.meta.cursor / Math.max(1, text.length)));
            void yieldToPage().then(() => parser.resume());
          })
          .catch((e: unknown) => fail(parser, e));
      },
      complete() {
        void pending.then(() => {
          if (!failed) resolve();
        });
      },
    });
  });
}
