/**
 * PDF to the importer's lines, with pdf.js (pdfjs-dist's legacy build, which runs in Node
 * and in the browser). pdf.js gives each page's text as pieces with positions; here they
 * become lines as a reader sees them:
 *
 * - pieces on one baseline form a row, rows run top to bottom, pieces left to right;
 * - a wide gap between pieces separates table cells: cells are joined with a tab, which
 *   is how structure.ts reads a table row in the text specifications;
 * - a cell's text wrapped onto the next rows (a long criterion, an outcome title beside
 *   its criteria) is joined back into its cell, so one table row is one line; a row that
 *   carries on at the top of the next page starts with an empty cell and so continues
 *   the criterion above;
 * - a page set in two columns of prose is read column by column, not across;
 * - every line keeps its page number, and lines in the top or bottom 8% of a page are
 *   marked `edge`, where running headers and footers sit (removeRunningLines drops those
 *   that repeat; a repeated table header row is skipped by the structure parser).
 *
 * pdf.js needs a "worker". Nothing is downloaded: by default its worker code is imported
 * as an ordinary module and run on the calling thread (pdf.js's own fallback when
 * `globalThis.pdfjsWorker` is set). A page that prefers a real Web Worker can hand one
 * over with `setPdfWorkerPort` before the first import. pdf.js itself is only loaded on
 * the first PDF, by dynamic import, so importing this module touches no browser global.
 */
import type { SourceLine } from './lines';
import { ImportError } from './structure';
import { HEADER_CELL } from './vocabulary';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjs: Promise<PdfJs> | null = null;
let workerPort: Worker | null = null;

/**
 * Runs pdf.js in a Web Worker the caller made from pdf.js's worker module, e.g. with Vite:
 * `import PdfWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs?worker'; setPdfWorkerPort(new PdfWorker())`.
 * Optional: without it pdf.js runs on the calling thread. Call before the first PDF import.
 */
export function setPdfWorkerPort(port: Worker): void {
  workerPort = port;
}

/** Loads pdf.js once, with its worker bundled (never fetched from the network). */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    const g = globalThis as { pdfjsWorker?: unknown };
    if (!workerPort && !g.pdfjsWorker) g.pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
    if (workerPort) lib.GlobalWorkerOptions.workerPort = workerPort;
    return lib;
  })();
  return pdfjs;
}

/** One run of text from pdf.js, in page coordinates (y from the page's top). */
interface Piece {
  x: number;
  end: number;
  y: number;
  size: number;
  str: string;
}

/** Text of one cell on one row. */
interface Chunk {
  x: number;
  end: number;
  text: string;
  size: number;
}

interface Row {
  y: number;
  size: number;
  chunks: Chunk[];
}

/** A numbered or bulleted start: a new cell, never the rest of the one above. */
const ITEM_START = /^(?:\d{1,2}(?:\.\d{1,2})*\.?(?:\s|$)|\(?(?:[a-z]|[ivx]{1,4})[.)]\s|[•▪◦●*·–-]\s|(?:AC|LO)\s?\d|unit\s+\S+)/i;

/** Groups a page's pieces into rows (same baseline), and each row's pieces into cells. */
function rowsOf(pieces: Piece[]): Row[] {
  const sorted = [...pieces].sort((a, b) => a.y - b.y || a.x - b.x);
  const rows: { y: number; size: number; pieces: Piece[] }[] = [];
  for (const p of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(p.y - row.y) <= Math.max(2, 0.45 * Math.min(row.size, p.size))) {
      row.pieces.push(p);
      row.size = Math.max(row.size, p.size);
    } else rows.push({ y: p.y, size: p.size, pieces: [p] });
  }
  return rows.map((r) => {
    const ps = r.pieces.sort((a, b) => a.x - b.x);
    const chunks: Chunk[] = [];
    for (const p of ps) {
      const c = chunks[chunks.length - 1];
      const gap = c ? p.x - c.end : Infinity;
      // A gap of more than about two spaces separates cells (a table's padding and border
      // make 6-8pt at 10pt type); words are closer.
      if (c && gap < Math.max(4, 0.6 * Math.max(c.size, p.size))) {
        const space = gap > 0.12 * p.size && !c.text.endsWith(' ') && !p.str.startsWith(' ');
        c.text += (space ? ' ' : '') + p.str;
        c.end = Math.max(c.end, p.end);
        c.size = Math.max(c.size, p.size);
      } else chunks.push({ x: p.x, end: p.end, text: p.str, size: p.size });
    }
    for (const c of chunks) c.text = c.text.replace(/\s+/g, ' ').trim();
    return { y: r.y, size: r.size, chunks: chunks.filter((c) => c.text) };
  }).filter((r) => r.chunks.length);
}

const isHeaderRow = (r: Row) => r.chunks.every((c) => HEADER_CELL.test(c.text.replace(/[:.]$/, '')));

/**
 * A page set in two columns of prose: most rows have a left and a right cell, the right
 * ones all start at one x (the gutter), the two columns are about as wide as each other
 * (a criteria or field table's columns are not: outcome or label narrow, criteria or value
 * wide), the left ones mostly fill their column (prose, not the short labels of a form),
 * and no row is a table's header row ("Learning outcomes | Assessment criteria").
 * Returns the gutter's x, or null.
 */
function gutterOf(rows: Row[]): number | null {
  if (rows.length < 8) return null;
  const twos = rows.filter((r) => r.chunks.length === 2);
  if (twos.length < rows.length * 0.6) return null;
  if (rows.some((r) => r.chunks.length >= 2 && isHeaderRow(r))) return null;
  const starts = twos.map((r) => r.chunks[1].x).sort((a, b) => a - b);
  const g = starts[Math.floor(starts.length / 2)];
  const atGutter = twos.filter((r) => Math.abs(r.chunks[1].x - g) < 4);
  if (atGutter.length < twos.length * 0.8) return null;
  const left = Math.min(...rows.map((r) => r.chunks[0].x));
  const leftWidth = Math.max(...atGutter.map((r) => r.chunks[0].end)) - left;
  const rightWidth = Math.max(...atGutter.map((r) => r.chunks[1].end)) - g;
  if (Math.abs(leftWidth - rightWidth) > 0.15 * Math.max(leftWidth, rightWidth)) return null;
  // Prose fills its column on most lines (a paragraph's last line and headings do not).
  const widths = atGutter.map((r) => r.chunks[0].end - left).sort((a, b) => a - b);
  const upper = widths[Math.floor(widths.length * 0.75)];
  return upper > 0.7 * (g - left) ? g : null;
}

/** Splits rows at the gutter: rows crossing it stay whole, between them left before right. */
function readColumns(rows: Row[], gutter: number): Row[] {
  const out: Row[] = [];
  let left: Row[] = [];
  let right: Row[] = [];
  const flush = () => {
    out.push(...left, ...right);
    left = [];
    right = [];
  };
  for (const r of rows) {
    if (r.chunks.some((c) => c.x < gutter - 2 && c.end > gutter + 2)) {
      flush();
      out.push(r);
      continue;
    }
    const l = r.chunks.filter((c) => c.x < gutter - 2);
    const rt = r.chunks.filter((c) => c.x >= gutter - 2);
    if (l.length) left.push({ ...r, chunks: l });
    if (rt.length) right.push({ ...r, chunks: rt });
  }
  flush();
  return out;
}

/** An output line being built: its cells by column start (x), its position and page layout. */
interface Built {
  y: number;
  edge: boolean;
  cells: Map<number, string>;
  layout: { left: number; columns: number; prose: boolean };
}

/** A cell open at the foot of a page whose text ran to its column's edge: it may go on over the page. */
interface Carry {
  x: number;
  line: Built;
  /** Whether a cell starting with this text is the rest of the carried one. */
  goesOn: (c: Chunk) => boolean;
}

/** Where a cell's text goes while rows are read: the line and the cell (by x) it fills. */
interface Open {
  line: Built;
  key: number;
  row: Row;
  chunk: Chunk;
}

/**
 * Rows to lines: a cell whose row above, in the same column, was wrapped (its text ran to
 * the column's right edge) and which does not start a numbered item continues that cell;
 * every other cell starts a new line, with the cells of its row. A cell wrapped at the
 * foot of a page goes on in the first row of the next page below the running header and
 * the repeated header row (`carry`).
 */
function linesOfPage(rows: Row[], pageHeight: number, prose: boolean, carry: Carry[]): { built: Built[]; carry: Carry[] } {
  const zone = 0.08 * pageHeight;
  const inMargin = (r: Row) => r.y < zone || r.y > pageHeight - zone;
  // Column starts: the x where cells begin, clustered.
  const starts: number[] = [];
  for (const r of rows) for (const c of r.chunks) if (!starts.some((s) => Math.abs(s - c.x) < 4)) starts.push(c.x);
  starts.sort((a, b) => a - b);
  const colOf = (x: number) => starts.reduce((best, s, i) => (Math.abs(s - x) < Math.abs(starts[best] - x) ? i : best), 0);
  // Each column's right edge: the farthest a cell in it reaches with another cell to its
  // right (a table column), else the farthest any line in it reaches (prose, titles).
  const right = new Map<number, number>();
  const anyRight = new Map<number, number>();
  for (const r of rows) {
    if (inMargin(r)) continue;
    r.chunks.forEach((c, i) => {
      const k = colOf(c.x);
      anyRight.set(k, Math.max(anyRight.get(k) ?? 0, c.end));
      if (i < r.chunks.length - 1) right.set(k, Math.max(right.get(k) ?? 0, c.end));
    });
  }
  const tableColumns = new Set(right.keys());
  for (const [k, v] of anyRight) if (!right.has(k)) right.set(k, v);
  const sizes = new Map<number, number>();
  for (const r of rows) for (const c of r.chunks) sizes.set(colOf(c.x), Math.max(sizes.get(colOf(c.x)) ?? 0, c.size));
  const size = (k: number) => sizes.get(k) ?? 10;
  const layout = { left: starts[0] ?? 0, columns: starts.length, prose };
  // A table column's text stops short of the next column by the cells' padding: about a
  // character's height at most, whatever the widest line on this page reaches.
  for (const [k, v] of right) {
    const next = starts[k + 1];
    if (next !== undefined && tableColumns.has(k) && v < next) right.set(k, Math.max(v, next - 1.2 * size(k)));
  }
  /**
   * Whether `next` is the rest of `above`'s cell: the line above stopped because `next`'s
   * first word would not have fitted in the column. Words that go on a sentence start in
   * lower case ("customer service delivery"); a capital ("Level", "Credit value") is most
   * often a new cell, so then the fit must be close.
   */
  const wrappedAt = (above: Chunk, next: Chunk) => {
    const col = colOf(above.x);
    const edge = right.get(col) ?? above.end;
    const charWidth = (next.end - next.x) / Math.max(1, next.text.length);
    const word = next.text.split(' ')[0].length;
    const slack = /^\p{Ll}/u.test(next.text) ? above.size : 0.3 * above.size;
    return above.end + charWidth * (word + 1) >= edge - slack;
  };

  const built: Built[] = [];
  const open = new Map<number, Open>();
  let prev: Row | null = null;
  let pending = carry;
  for (const r of rows) {
    const margin = inMargin(r);
    // Running headers and footers, and a table's header row repeated on a new page, stand
    // alone: they neither continue a cell nor break one.
    if (margin || (pending.length && isHeaderRow(r))) {
      built.push({ y: r.y, edge: margin, layout, cells: new Map(r.chunks.map((c) => [starts[colOf(c.x)], c.text])) });
      continue;
    }
    let fresh: Built | null = null;
    const near = !!prev && r.y > prev.y && r.y - prev.y <= 1.75 * Math.max(r.size, prev.size);
    for (const c of r.chunks) {
      const col = colOf(c.x);
      const o = open.get(col);
      const from = pending.find((p) => Math.abs(p.x - c.x) < 4);
      let target: Open | null = null;
      // A cell to the right of one that starts a new row is new too (a table row's cells
      // start on one line).
      if (!fresh && !ITEM_START.test(c.text)) {
        if (near && o && o.row === prev && wrappedAt(o.chunk, c)) target = o;
        else if (!prev && from?.goesOn(c)) target = { line: from.line, key: from.x, row: r, chunk: c };
      }
      if (target) {
        target.line.cells.set(target.key, joinWrapped(target.line.cells.get(target.key) ?? '', c.text));
        open.set(col, { ...target, row: r, chunk: c });
        continue;
      }
      if (!fresh) {
        fresh = { y: r.y, edge: false, layout, cells: new Map() };
        built.push(fresh);
      }
      const key = starts[col];
      const had = fresh.cells.get(key);
      fresh.cells.set(key, had ? `${had} ${c.text}` : c.text);
      open.set(col, { line: fresh, key, row: r, chunk: c });
    }
    // A column with nothing on this row is no longer open.
    for (const [col, o] of open) if (o.row !== r) open.delete(col);
    prev = r;
    pending = [];
  }
  const next = [...open.values()].filter((o) => o.row === prev).map((o) => ({ x: o.chunk.x, line: o.line, goesOn: (c: Chunk) => wrappedAt(o.chunk, c) }));
  return { built, carry: next };
}

/**
 * A cell's text and its wrapped rest: apart by a space, but a line broken after the hyphen
 * of a compound ("self-" / "service") joins up again as "self-service".
 */
function joinWrapped(text: string, rest: string): string {
  return /\p{L}-$/u.test(text) && /^\p{L}/u.test(rest) ? `${text}${rest}` : `${text} ${rest}`.trim();
}

/** A built line's text: cells by column, apart by tabs. */
function render(b: Built): string {
  const keys = [...b.cells.keys()].sort((a, z) => a - z);
  const text = keys.map((k) => b.cells.get(k)).join('\t');
  // A row that leaves the first column empty (a criterion beside its outcome, or carrying
  // on from the page before) keeps the empty cell, as the text specifications print it.
  const { left, columns, prose } = b.layout;
  return !prose && keys.length && keys[0] > left + 20 && keys.length < columns ? `\t${text}` : text;
}

/** Why pdf.js refused a file, in the user's words. */
function pdfError(e: unknown, name: string): ImportError {
  const err = e as { name?: string; code?: number; message?: string };
  if (err?.name === 'PasswordException') {
    return new ImportError(`${name} is protected by a password (an encrypted PDF): open it, save a copy without the password, and import that`);
  }
  if (err?.name === 'InvalidPDFException' || err?.name === 'FormatError' || err?.name === 'UnknownErrorException') {
    return new ImportError(`${name} is not a readable PDF (the file is damaged or incomplete): save or download it again and import the new copy`);
  }
  return new ImportError(`${name} could not be read as a PDF (${err?.message ?? String(e)})`);
}

/**
 * Reads a PDF's text into lines with page numbers. Throws ImportError when the PDF is
 * encrypted, damaged, or has no text layer (a scan).
 */
export async function pdfToLines(bytes: Uint8Array, name: string): Promise<SourceLine[]> {
  const lib = await loadPdfJs();
  // pdf.js takes ownership of the buffer it is given, and refuses a Node Buffer: hand it a
  // plain Uint8Array copy.
  const task = lib.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    throw pdfError(e, name);
  }
  try {
    const out: SourceLine[] = [];
    const built: { b: Built; page: number }[] = [];
    let carry: Carry[] = [];
    let characters = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const view = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const pieces: Piece[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        // Apply the page's own transform (rotation, crop) to the text's origin.
        const [x, y] = view.convertToViewportPoint(item.transform[4], item.transform[5]) as [number, number];
        const size = Math.hypot(item.transform[2], item.transform[3]) || item.height || 10;
        pieces.push({ x, end: x + item.width, y, size, str: item.str });
        characters += item.str.trim().length;
      }
      let rows = rowsOf(pieces);
      const gutter = gutterOf(rows);
      if (gutter !== null) rows = readColumns(rows, gutter);
      const read = linesOfPage(rows, view.height, gutter !== null, carry);
      carry = read.carry;
      built.push(...read.built.map((b) => ({ b, page: p })));
      page.cleanup();
    }
    for (const { b, page } of built) out.push({ text: render(b), page, line: out.length + 1, edge: b.edge });
    if (characters === 0) {
      throw new ImportError(
        `${name} has no text: it looks scanned (its ${doc.numPages === 1 ? 'page is an image' : `${doc.numPages} pages are images`}); run it through text recognition (OCR) or ask the awarding body for the text version, and import that`,
      );
    }
    return out;
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw pdfError(e, name);
  } finally {
    await doc.destroy();
  }
}
